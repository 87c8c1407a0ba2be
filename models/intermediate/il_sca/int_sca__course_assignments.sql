-- SCA Report Logic and Extract Layout: every candidate student course/section record, its typed
-- field values, and the first rule that leaves it out (reason_code, a code of audit__reasons;
-- NULL = reported; is_kept = is_reported). One row per student, section, reporting period
-- (int_sca__section_periods), enrollment group (int_sca__record_enrollments) and same-day or
-- other roster (is_same_day_roster). The document's words for each rule are in the doc blocks
-- sca_option_records_99_only, sca_option_in_progress_courses, sca_field_course_final_letter_grade,
-- sca_field_term, sca_field_course_credit, sca_field_course_end_date, sca_field_section_number
-- (models/docs/il_sca__rules.md); the readings taken are in docs/il_sca.md. In the order applied:
--   99 Records Only (a same-day roster beside a regular one is left out when unmarked);
--   course not reported: State Exclude, Dual Credit, no State Course Code (int_sca__courses_evaluated);
--   grades 03-12 need a State Reported grading task on the course (PK-02: the State Code suffices);
--   Course Final Grade: the State Course Score of the most recent term's grade (term end, term seq,
--   task seq, posted date, scoreID), from the state-reported tasks, or from the course's other
--   tasks when it has none; no score and the roster ended before the section's last term end and
--   within the range: 17; no roster end: never 17;
--   in progress (course end after the range End Date): blank with In-Progress Courses, else left
--   out; completed without a score: left out (Issues 13; unmapped score, Issues 12); not begun by
--   the report generation date: left out. Future Course End Dates do not report (sca_as_of).
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

-- rank 1 among all the grades of a period, and among those of the same task kind (state reported
-- or not): a course with a state-reported task reads the first state-reported grade, another
-- course the first of all (grade_choices, joined below by the course's has_state_reported_task)
ranked_grades as (
    select
        graded_periods.*,
        row_number() over (
            partition by graded_periods.person_id, graded_periods.section_id, graded_periods.period_term_id
            order by {{ sca_grade_recency_order('graded_periods') }}
        ) as grade_rank,
        row_number() over (
            partition by
                graded_periods.person_id,
                graded_periods.section_id,
                graded_periods.period_term_id,
                graded_periods.is_state_reported_task
            order by {{ sca_grade_recency_order('graded_periods') }}
        ) as grade_rank_in_task_kind
    from graded_periods
),

grade_choices as (
    select
        ranked_grades.*,
        true as for_state_reported_course
    from ranked_grades
    where ranked_grades.is_state_reported_task and ranked_grades.grade_rank_in_task_kind = 1
    union all
    select
        ranked_grades.*,
        false as for_state_reported_course
    from ranked_grades
    where ranked_grades.grade_rank = 1
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
        student_periods.course_start_date,
        student_periods.course_end_date as record_end_date,
        student_periods.period_record_start_date,
        student_periods.period_record_end_date,
        student_periods.has_regular_roster_in_period,
        calendars.district_id,
        calendars.school_id,
        calendars.is_summer_school,
        {{ sca_strip_marks(
            'sections.section_number', '(select parameters.strips_apostrophes from parameters)'
        ) }} as section_number,
        sections.term_code as section_term_code,
        term_codes.term_code is not null as is_term_code_valid,
        case
            when term_codes.term_code is null then null
            when calendars.is_summer_school then coalesce(term_codes.summer_term_code, term_codes.term_code)
            else term_codes.term_code
        end as reported_term_code,
        courses.reason_code as course_reason_code,
        courses.has_state_reported_task,
        grade_choices.score_id as grade_score_id,
        grade_choices.task_id as grade_task_id,
        grade_choices.term_id as grade_term_id,
        grade_choices.score as grade_score,
        grade_choices.posted_date as grade_posted_date,
        grade_choices.state_score as grade_state_score,
        coalesce(grade_choices.is_mapped, false) as has_state_score,
        grade_choices.score_id is not null and not grade_choices.is_mapped as has_unmapped_score,
        (select parameters.as_of_date from parameters) as as_of_date,
        (select parameters.end_date from parameters) as range_end_date,
        (select parameters.is_in_progress_mode from parameters) as is_in_progress_mode,
        (select parameters.is_records_99_only from parameters) as is_records_99_only
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
    left join grade_choices
        on
            records.person_id = grade_choices.person_id
            and records.section_id = grade_choices.section_id
            and records.period_term_id = grade_choices.period_term_id
            and coalesce(courses.has_state_reported_task, true) = grade_choices.for_state_reported_course
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

-- every column worked out above (typed field values, grade, flags), the decision and its code
final as (
    select
        *,
        -- the code without its 'sca_' prefix (read by int_sca__issues and explain)
        substr(reason_code, 5) as exclusion_reason,
        reason_code is null as is_reported,
        reason_code is null as is_kept
    from decided
)

select * from final
