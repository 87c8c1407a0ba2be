-- SCA Report Logic and Extract Layout: every candidate student course/section record, its typed
-- field values, and the first rule that leaves it out (reason_code, a code of audit__reasons;
-- NULL = reported; is_kept = is_reported).
-- One row per student, section, reporting period (int_sca__section_periods) and enrollment group
-- (int_sca__record_enrollments), for same-day and other rosters apart (is_same_day_roster).
-- Rules, in the order they are applied:
--   "99 Records Only: When marked, the extract only reports student records where the roster
--   start and end dates within the report generation dates are equal"; "When 99 Records Only is
--   marked, all records report a value of 99." Unmarked, a same-day roster is a roster like any
--   other (reported, Issues 20), unless the student also has a regular roster in the same section
--   and period (that record reports; the same-day one is left out).
--   "A course do NOT report when it is marked as State Exclude, when it is marked as Dual
--   Credit"; "The State Course Code field must be populated" (int_sca__courses_evaluated).
--   "For students in grades 03-12, ... a Grading Task assigned to the course is marked as State
--   Reported" (PK-02: the State Code suffices).
--   Course Final Grade: "Logic for this value looks first to the State Course Score." "If there
--   are multiple grades for each unique record, a grading task from the most recent term reports"
--   (latest term end, then term seq, task seq, posted date, scoreID). Grades count from the
--   state-reported tasks of the course; for a PK-02 student in a course with no state-reported
--   task, from the course's other grading tasks (docs/il_sca.md).
--   "If there is no score to report and the student's roster end date is before the Section End
--   Date, a value of 17 (Withdraw) reports": the roster end is entered, before the section's last
--   scheduled term end, and within the report generation dates ("If the student has a roster end
--   date within the report generation dates and there is no score, a value of 17 reports"). A
--   student without a roster end date was enrolled on the Course End Date: never 17 (the State
--   Course Scores table: "17 W ... Student was not enrolled on Course End Date").
--   "If the student is currently enrolled in the course as of the report generation end date and
--   there is no score to report, a value does not report": a record whose course end (roster end,
--   else section end) is after the End Date of the range is in progress; with In-Progress Courses
--   marked it reports with a blank grade; unmarked, "When the student is enrolled as of the report
--   generation date, a record reports only when there is a final grade". Both are judged on the
--   End Date of the range, not on the day the report is run; "Future end dates do not report"
--   (Course End Date) and a record not yet begun use the report generation date (sca_as_of).
--   "A course do NOT report ... when there is no score": a completed record without a score is
--   left out (Issues 13; a score not mapped to a state score, Issues 12).
--   Records whose period starts after the report generation date are not reported (not begun).
-- Field rules: Term ("If no value is selected, a NULL value reports. If the section is tied to a
-- calendar with the Summer School checkbox marked, Y2, T4, or S3 reports": seed il_term_codes),
-- Course Credit (the section's potential credit; "If the student is enrolled in a state grade of
-- K-08 AND there is no potential credit available, a value of 1.00 reports ... 09-12 ... 0.00"),
-- Student Course Start Date and Course End Date (roster dates, else the section's first / last
-- scheduled term, int_sca__student_section_periods; "Future end dates do not report"). Section
-- Number: Strip Apostrophes applies (macro sca_strip_marks).
with records as (
    select * from {{ ref('int_sca__record_enrollments') }}
),

student_periods as (
    select * from {{ ref('int_sca__student_section_periods') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

grades as (
    select * from {{ ref('int_sca__student_grades') }}
),

term_codes as (
    select * from {{ ref('il_term_codes') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

graded_periods as (
    select
        grades.person_id,
        grades.section_id,
        section_periods.period_term_id,
        grades.score_id,
        grades.task_id,
        grades.is_state_reported_task,
        grades.task_seq,
        grades.term_id,
        section_periods.term_seq,
        section_periods.term_end_date,
        grades.posted_date,
        grades.score,
        grades.state_score,
        grades.is_mapped
    from grades
    inner join section_periods
        on
            grades.section_id = section_periods.section_id
            and grades.term_id = section_periods.term_id
),

ranked_grades as (
    select
        graded_periods.*,
        row_number() over (
            partition by graded_periods.person_id, graded_periods.section_id, graded_periods.period_term_id
            order by
                graded_periods.term_end_date desc,
                graded_periods.term_seq desc,
                graded_periods.task_seq desc nulls last,
                graded_periods.posted_date desc nulls last,
                graded_periods.score_id desc
        ) as grade_rank
    from graded_periods
    inner join sections
        on graded_periods.section_id = sections.section_id
    inner join courses
        on sections.course_id = courses.course_id
    where graded_periods.is_state_reported_task or not courses.has_state_reported_task
),

joined as (
    select
        records.person_id,
        records.section_id,
        records.period_term_id,
        records.is_same_day_roster,
        records.enrollment_id,
        records.sp_dh_enrollment_id,
        records.enrollment_group_count,
        records.is_roster_outside_enrollment,
        records.state_grade,
        records.grade_rule_band,
        records.credit_band,
        records.home_rcdts,
        records.serving_school_rcdts,
        records.is_single_parent,
        records.is_displaced_homemaker,
        student_periods.roster_id,
        student_periods.course_id,
        student_periods.calendar_id,
        student_periods.roster_start_date,
        student_periods.roster_end_date,
        student_periods.is_split_section,
        student_periods.period_start_date,
        student_periods.period_end_date,
        student_periods.period_credit,
        student_periods.section_potential_credit,
        student_periods.section_end_date,
        student_periods.course_start_date as record_start_date,
        student_periods.course_end_date as record_end_date,
        student_periods.period_record_start_date,
        student_periods.period_record_end_date,
        student_periods.has_regular_roster_in_period,
        calendars.district_id,
        calendars.school_id,
        calendars.is_summer_school,
        {{ sca_strip_marks('sections.section_number', 'parameters.strips_apostrophes') }} as section_number,
        sections.term_code as section_term_code,
        term_codes.term_code is not null as is_term_code_valid,
        case
            when term_codes.term_code is null then null
            when calendars.is_summer_school then coalesce(term_codes.summer_term_code, term_codes.term_code)
            else term_codes.term_code
        end as reported_term_code,
        courses.reason_code as course_reason_code,
        courses.has_state_reported_task,
        ranked_grades.score_id as grade_score_id,
        ranked_grades.task_id as grade_task_id,
        ranked_grades.term_id as grade_term_id,
        ranked_grades.score as grade_score,
        ranked_grades.posted_date as grade_posted_date,
        ranked_grades.state_score as grade_state_score,
        coalesce(ranked_grades.is_mapped, false) as has_state_score,
        ranked_grades.score_id is not null and not ranked_grades.is_mapped as has_unmapped_score,
        parameters.as_of_date,
        parameters.end_date as range_end_date,
        parameters.is_in_progress_mode,
        parameters.is_records_99_only
    from records
    inner join student_periods
        on
            records.person_id = student_periods.person_id
            and records.section_id = student_periods.section_id
            and records.period_term_id = student_periods.period_term_id
            and records.is_same_day_roster = student_periods.is_same_day_roster
    inner join sections
        on records.section_id = sections.section_id
    inner join calendars
        on student_periods.calendar_id = calendars.calendar_id
    inner join courses
        on student_periods.course_id = courses.course_id
    left join term_codes
        on sections.term_code = term_codes.term_code
    left join ranked_grades
        on
            records.person_id = ranked_grades.person_id
            and records.section_id = ranked_grades.section_id
            and records.period_term_id = ranked_grades.period_term_id
            and ranked_grades.grade_rank = 1
    cross join parameters
),

evaluated as (
    select
        *,
        coalesce(
            roster_end_date < section_end_date and roster_end_date <= range_end_date, false
        ) as is_withdrawn,
        record_end_date > range_end_date as is_in_progress,
        period_record_start_date > as_of_date as is_not_started
    from joined
),

decided as (
    select
        *,
        case
            when is_same_day_roster and not is_records_99_only and has_regular_roster_in_period
                then 'sca_same_day_roster_beside_regular'
            when not is_same_day_roster and is_records_99_only then 'sca_not_same_day_roster'
            when course_reason_code is not null then course_reason_code
            when grade_rule_band = '03-12' and not has_state_reported_task then 'sca_no_state_reported_task'
            when is_records_99_only then null
            when is_not_started then 'sca_not_started'
            when has_state_score then null
            when is_withdrawn then null
            when is_in_progress and is_in_progress_mode then null
            when is_in_progress then 'sca_in_progress_without_grade'
            when has_unmapped_score then 'sca_score_not_mapped'
            else 'sca_completed_without_grade'
        end as reason_code,
        case
            when is_records_99_only then '99'
            when has_state_score then grade_state_score
            when is_withdrawn then '17'
        end as final_grade,
        case
            when coalesce(section_potential_credit, 0) > 0 then section_potential_credit
            when credit_band = 'K-08' then 1.00
            when credit_band = '09-12' then 0.00
        end as course_credit,
        case when record_end_date > as_of_date then null else record_end_date end as course_end_date
    from evaluated
),

final as (
    select
        person_id,
        section_id,
        period_term_id,
        enrollment_id,
        is_same_day_roster,
        sp_dh_enrollment_id,
        roster_id,
        course_id,
        calendar_id,
        school_id,
        district_id,
        state_grade,
        grade_rule_band,
        credit_band,
        home_rcdts,
        serving_school_rcdts,
        section_term_code,
        is_term_code_valid,
        is_summer_school,
        reported_term_code,
        section_number,
        record_start_date as course_start_date,
        course_end_date,
        record_end_date,
        roster_start_date,
        roster_end_date,
        period_start_date,
        period_end_date,
        is_split_section,
        period_credit,
        section_potential_credit,
        course_credit,
        is_single_parent,
        is_displaced_homemaker,
        enrollment_group_count,
        is_roster_outside_enrollment,
        grade_score_id,
        grade_task_id,
        grade_term_id,
        grade_score,
        grade_posted_date,
        grade_state_score,
        has_state_score,
        has_unmapped_score,
        is_withdrawn,
        is_in_progress,
        is_not_started,
        final_grade,
        reason_code,
        -- the code without its 'sca_' prefix (read by int_sca__issues and explain)
        substr(reason_code, 5) as exclusion_reason,
        reason_code is null as is_reported,
        reason_code is null as is_kept
    from decided
)

select * from final
