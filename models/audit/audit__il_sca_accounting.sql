-- Illinois Student Course Assignment accounting: every candidate raw row is either behind a record
-- of the state file or set aside with the rule that set it aside. One row per (report, candidate
-- kind, raw row id); the report is 'Student Course Assignment'.
-- Candidates ("IL rows" = rows whose calendar or district belongs to a district with state 'IL';
-- rows whose state cannot be known because a calendar, course or section they point to is missing
-- are candidates of both extracts):
--   enrollment:    every IL enrollment (stg_ic__enrollment).
--   roster:        every IL roster row (stg_ic__roster, via its section's course's calendar).
--   section:       every IL section (stg_ic__section, via its course's calendar).
--   grading score: every IL posted grade (stg_ic__gradingscore, via its section, else its calendar).
-- Reported (status) is read from the file itself, mart il_sca__student_course_assignment: an
-- enrollment is reported when a record carries it (enrollment_id, or sp_dh_enrollment_id for
-- Single Parent / Displaced Homemaker), a roster row when a record was made from it (roster_id), a
-- section when it has a record, a grade when it is a record's Course Final Letter Grade
-- (grade_score_id). The reason a row is set aside is read from the model that decides it:
-- int_sca__calendars_selected (Calendar Selection, School Year), int_sca__enrollments_evaluated
-- (enrollment rules), int_sca__courses_evaluated (State Code, State Exclude, Dual Credit),
-- int_sca__section_periods (dated scheduled terms), int_sca__student_section_periods (roster in
-- range, one roster per period), int_sca__student_grades (task assigned, latest posting, state
-- score), int_sca__course_assignments (record rules: 99 Records Only, grades 03-12 state-reported
-- task, no score, most recent term); words from audit__reasons. `matches_rules` is false when the
-- file and the rules disagree (tests/audit/audit_accounting_rows_match_rules.sql).

with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

roster_rows as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

section_rows as (
    select * from {{ ref('int_sections__schedule') }}
),

scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
),

course_tasks as (
    select * from {{ ref('stg_ic__coursegradingtask') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

selected_calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

evaluated_enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

evaluated_courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

student_periods as (
    select * from {{ ref('int_sca__student_section_periods') }}
),

student_grades as (
    select * from {{ ref('int_sca__student_grades') }}
),

course_assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

-- Calendars: state and the calendar-level reason (School Year, Calendar Selection).
calendar_status as (
    select
        calendars.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code,
        case
            when calendars.state_code is null then 'raw_calendar_without_district'
            when selected_calendars.calendar_id is not null then null
            when not coalesce(calendars.end_year = parameters.end_year, false) then 'sca_other_school_year'
            {% if sca_calendar_ids() | length == 0 -%}
                when calendars.is_calendar_excluded or calendars.is_school_excluded then 'sca_calendar_excluded'
            {% endif -%}
            else 'sca_calendar_not_selected'
        end as reason_code
    from calendars
    cross join parameters
    left join selected_calendars
        on calendars.calendar_id = selected_calendars.calendar_id
),

dated_sections as (
    select distinct section_id
    from section_periods
),

-- Sections: state (through the course's calendar) and the section-level reason.
section_status as (
    select
        section_rows.section_id,
        section_rows.course_id,
        section_rows.trial_id,
        calendar_status.calendar_id,
        calendar_status.district_id,
        calendar_status.school_id,
        calendar_status.state_code,
        case
            when section_rows.calendar_id is null then 'raw_course_missing'
            when calendar_status.calendar_id is null then 'raw_calendar_missing'
            when calendar_status.reason_code is not null then calendar_status.reason_code
            when evaluated_courses.course_id is null then 'audit_unmapped'
            when evaluated_courses.exclusion_reason is not null
                then coalesce(course_reasons.reason_code, 'audit_unmapped')
            when not section_rows.is_active_trial then 'sca_section_not_active_trial'
            when not section_rows.is_active_structure then 'sca_section_inactive_structure'
            when dated_sections.section_id is null then 'sca_section_without_dated_terms'
        end as reason_code,
        evaluated_courses.exclusion_reason as upstream_reason,
        evaluated_courses.has_state_reported_task
    from section_rows
    left join calendar_status
        on section_rows.calendar_id = calendar_status.calendar_id
    left join evaluated_courses
        on section_rows.course_id = evaluated_courses.course_id
    left join reasons as course_reasons
        on 'sca_' || evaluated_courses.exclusion_reason = course_reasons.reason_code
    left join dated_sections
        on section_rows.section_id = dated_sections.section_id
),

-- The records (candidate rows of the file) with their reason code.
records as (
    select
        course_assignments.*,
        case
            when course_assignments.exclusion_reason is not null
                then coalesce(record_reasons.reason_code, 'audit_unmapped')
        end as record_reason_code
    from course_assignments
    left join reasons as record_reasons
        on 'sca_' || course_assignments.exclusion_reason = record_reasons.reason_code
),

-- The most frequent reason of a group of set-aside records (per enrollment, roster, section).
record_reason_by_enrollment as (
    select
        enrollment_id,
        record_reason_code,
        count(*) as record_count,
        row_number() over (
            partition by enrollment_id
            order by count(*) desc, record_reason_code
        ) as reason_rank
    from records
    where record_reason_code is not null
    group by enrollment_id, record_reason_code
),

record_reason_by_roster as (
    select
        roster_id,
        record_reason_code,
        count(*) as record_count,
        row_number() over (
            partition by roster_id
            order by count(*) desc, record_reason_code
        ) as reason_rank
    from records
    where record_reason_code is not null
    group by roster_id, record_reason_code
),

record_reason_by_section as (
    select
        section_id,
        record_reason_code,
        count(*) as record_count,
        row_number() over (
            partition by section_id
            order by count(*) desc, record_reason_code
        ) as reason_rank
    from records
    where record_reason_code is not null
    group by section_id, record_reason_code
),

file_enrollments as (
    select enrollment_id from sca_file
    union
    select sp_dh_enrollment_id as enrollment_id from sca_file
),

file_record_enrollments as (
    select
        enrollment_id,
        count(*) as record_count
    from sca_file
    group by enrollment_id
),

split_enrollments as (
    select
        enrollment_id,
        max(enrollment_group_count) as max_group_count
    from records
    where is_reported
    group by enrollment_id
),

-- The enrollments that stand behind records, once each, with the values that decide a merge (a
-- student has many records per enrollment; joining the records themselves would multiply rows).
record_enrollments as (
    select distinct
        records.person_id,
        records.calendar_id,
        records.enrollment_id,
        representatives.is_single_parent,
        representatives.is_displaced_homemaker,
        representatives.home_rcdts,
        representatives.serving_school_rcdts
    from records
    inner join evaluated_enrollments as representatives
        on records.enrollment_id = representatives.enrollment_id
),

-- An eligible enrollment whose values equal those of an enrollment that stands behind the
-- student's records in the same calendar was merged into it (SCA Multiple Records). One join on
-- the student, the calendar and the values, so no plan pairs enrollments on the values alone.
merged_into as (
    select
        evaluated_enrollments.enrollment_id,
        min(record_enrollments.enrollment_id) as representative_enrollment_id
    from evaluated_enrollments
    inner join record_enrollments
        on
            evaluated_enrollments.person_id = record_enrollments.person_id
            and evaluated_enrollments.calendar_id = record_enrollments.calendar_id
            and evaluated_enrollments.is_single_parent = record_enrollments.is_single_parent
            and evaluated_enrollments.is_displaced_homemaker = record_enrollments.is_displaced_homemaker
            and evaluated_enrollments.home_rcdts = record_enrollments.home_rcdts
            and evaluated_enrollments.serving_school_rcdts = record_enrollments.serving_school_rcdts
            and evaluated_enrollments.enrollment_id <> record_enrollments.enrollment_id
    where evaluated_enrollments.is_eligible
    group by evaluated_enrollments.enrollment_id
),

person_calendar_records as (
    select distinct
        person_id,
        calendar_id
    from records
),

enrollment_accounting as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        calendar_status.district_id,
        calendar_status.school_id,
        calendar_status.state_code,
        file_enrollments.enrollment_id is not null as is_on_report,
        case
            when calendar_status.calendar_id is null then 'raw_calendar_missing'
            when calendar_status.reason_code is not null then calendar_status.reason_code
            when evaluated_enrollments.enrollment_id is null then 'audit_unmapped'
            when evaluated_enrollments.exclusion_reason is not null
                then coalesce(enrollment_reasons.reason_code, 'audit_unmapped')
            when not evaluated_enrollments.is_eligible then 'audit_unmapped'
            when file_enrollments.enrollment_id is not null then null
            when record_reason_by_enrollment.enrollment_id is not null
                then record_reason_by_enrollment.record_reason_code
            when merged_into.enrollment_id is not null then 'sca_enrollment_merged'
            when person_calendar_records.person_id is not null then 'sca_enrollment_not_overlapping'
            else 'sca_no_course_record'
        end as reason_code,
        case
            when split_enrollments.max_group_count > 1 then 'SCA Multiple Records'
            else 'SCA Enrollment'
        end as reported_rule_id,
        case
            when file_enrollments.enrollment_id is not null
                then
                    case
                        when file_record_enrollments.enrollment_id is not null
                            then
                                'stands behind '
                                || cast(file_record_enrollments.record_count as {{ kecs_string_type() }})
                                || ' record(s) (state grade, RCDTS)'
                                || case
                                    when split_enrollments.max_group_count > 1
                                        then
                                            '; the student''s enrollments differ in Single Parent, Displaced'
                                            || ' Homemaker or RCDTS, so records repeat per enrollment'
                                    else ''
                                end
                        else 'supplies Single Parent / Displaced Homemaker to the student''s records'
                    end
            when record_reason_by_enrollment.enrollment_id is not null
                then
                    cast(record_reason_by_enrollment.record_count as {{ kecs_string_type() }})
                    || ' course record(s) of this enrollment set aside for this reason, none reported'
            when merged_into.enrollment_id is not null
                then
                    'the student''s records carry enrollment '
                    || cast(merged_into.representative_enrollment_id as {{ kecs_string_type() }})
                    || ' (same Single Parent, Displaced Homemaker and RCDTS)'
        end as note
    from enrollments
    left join calendar_status
        on enrollments.calendar_id = calendar_status.calendar_id
    left join evaluated_enrollments
        on enrollments.enrollment_id = evaluated_enrollments.enrollment_id
    left join reasons as enrollment_reasons
        on 'sca_' || evaluated_enrollments.exclusion_reason = enrollment_reasons.reason_code
    left join file_enrollments
        on enrollments.enrollment_id = file_enrollments.enrollment_id
    left join file_record_enrollments
        on enrollments.enrollment_id = file_record_enrollments.enrollment_id
    left join split_enrollments
        on enrollments.enrollment_id = split_enrollments.enrollment_id
    left join record_reason_by_enrollment
        on
            enrollments.enrollment_id = record_reason_by_enrollment.enrollment_id
            and record_reason_by_enrollment.reason_rank = 1
    left join merged_into
        on enrollments.enrollment_id = merged_into.enrollment_id
    left join person_calendar_records
        on
            enrollments.person_id = person_calendar_records.person_id
            and enrollments.calendar_id = person_calendar_records.calendar_id
    where coalesce(calendar_status.state_code, 'IL') = 'IL'
),

-- The reason of the student's enrollments in a calendar, when none reports (for rosters).
person_calendar_enrollment_reason as (
    select
        person_id,
        calendar_id,
        reason_code,
        row_number() over (
            partition by person_id, calendar_id
            order by start_date desc, enrollment_id desc
        ) as enrollment_rank,
        max(case when is_eligible then 1 else 0 end) over (partition by person_id, calendar_id) as has_eligible
    from (
        select
            evaluated_enrollments.person_id,
            evaluated_enrollments.calendar_id,
            evaluated_enrollments.enrollment_id,
            evaluated_enrollments.start_date,
            evaluated_enrollments.is_eligible,
            enrollment_accounting.reason_code
        from evaluated_enrollments
        inner join enrollment_accounting
            on evaluated_enrollments.enrollment_id = enrollment_accounting.enrollment_id
    ) as person_enrollments
),

roster_periods as (
    select
        roster_id,
        count(*) as period_count
    from student_periods
    group by roster_id
),

chosen_rosters as (
    select
        person_id,
        section_id,
        max(roster_id) as roster_id
    from student_periods
    group by person_id, section_id
),

file_rosters as (
    select
        roster_id,
        count(*) as record_count,
        max(case when course_final_letter_grade = '17' then 1 else 0 end) as has_withdrawal,
        count(distinct term_id) as period_count
    from sca_file
    group by roster_id
),

roster_accounting as (
    select
        roster_rows.roster_id,
        roster_rows.person_id,
        roster_rows.section_id,
        section_status.course_id,
        section_status.calendar_id,
        section_status.district_id,
        section_status.school_id,
        section_status.state_code,
        file_rosters.roster_id is not null as is_on_report,
        case
            when section_rows.section_id is null then 'raw_section_missing'
            when section_status.reason_code is not null then section_status.reason_code
            when roster_rows.person_id is null then 'raw_person_missing'
            when file_rosters.roster_id is not null then null
            when record_reason_by_roster.roster_id is not null then record_reason_by_roster.record_reason_code
            when roster_periods.roster_id is not null
                then
                    case
                        when enrollment_reason.has_eligible = 0 then 'sca_no_reportable_enrollment'
                        when enrollment_reason.person_id is null then 'sca_no_reportable_enrollment'
                        else 'audit_unexplained'
                    end
            when roster_rows.trial_id is not null and roster_rows.trial_id <> section_status.trial_id
                then 'sca_roster_other_trial'
            when roster_rows.roster_end_date < roster_rows.roster_start_date then 'sca_roster_ends_before_start'
            when
                other_roster.roster_id is not null
                and roster_rows.effective_start_date <= parameters.end_date
                and roster_rows.effective_end_date >= parameters.start_date
                then 'sca_roster_superseded'
            else 'sca_roster_outside_range'
        end as reason_code,
        case
            when file_rosters.has_withdrawal = 1 then 'SCA No Score'
            when file_rosters.period_count > 1 then 'SCA Multiple Records'
            else 'SCA Course Section'
        end as reported_rule_id,
        case
            when file_rosters.roster_id is not null
                then
                    cast(file_rosters.record_count as {{ kecs_string_type() }}) || ' record(s)'
                    || case
                        when file_rosters.period_count > 1
                            then
                                ', one per term the state-reported task is marked in and the section is'
                                || ' scheduled in (SCA Multiple Records)'
                        else ''
                    end
                    || case
                        when file_rosters.has_withdrawal = 1
                            then '; no score and the roster ended before the course: 17 (W) reported'
                        else ''
                    end
            when record_reason_by_roster.roster_id is not null
                then
                    cast(record_reason_by_roster.record_count as {{ kecs_string_type() }})
                    || ' course record(s) of this roster set aside for this reason'
            when roster_periods.roster_id is not null and enrollment_reason.person_id is not null
                then
                    'the student''s latest enrollment in the calendar: '
                    || coalesce(enrollment_reason_words.reason, '')
            when roster_periods.roster_id is not null
                then 'the student has no enrollment in the section''s calendar'
            when roster_periods.roster_id is null and other_roster.roster_id is not null
                then 'roster ' || cast(other_roster.roster_id as {{ kecs_string_type() }}) || ' makes the record'
        end as note
    from roster_rows
    cross join parameters
    left join section_rows
        on roster_rows.section_id = section_rows.section_id
    left join section_status
        on roster_rows.section_id = section_status.section_id
    left join file_rosters
        on roster_rows.roster_id = file_rosters.roster_id
    left join record_reason_by_roster
        on
            roster_rows.roster_id = record_reason_by_roster.roster_id
            and record_reason_by_roster.reason_rank = 1
    left join roster_periods
        on roster_rows.roster_id = roster_periods.roster_id
    left join person_calendar_enrollment_reason as enrollment_reason
        on
            roster_rows.person_id = enrollment_reason.person_id
            and section_status.calendar_id = enrollment_reason.calendar_id
            and enrollment_reason.enrollment_rank = 1
    left join reasons as enrollment_reason_words
        on enrollment_reason.reason_code = enrollment_reason_words.reason_code
    left join chosen_rosters as other_roster
        on
            roster_rows.person_id = other_roster.person_id
            and roster_rows.section_id = other_roster.section_id
    where coalesce(section_status.state_code, 'IL') = 'IL'
),

file_sections as (
    select
        section_id,
        count(*) as record_count,
        count(distinct person_id) as student_count
    from sca_file
    group by section_id
),

roster_reason_by_section as (
    select
        section_id,
        reason_code,
        count(*) as roster_count,
        row_number() over (
            partition by section_id
            order by count(*) desc, reason_code
        ) as reason_rank
    from roster_accounting
    where reason_code is not null
    group by section_id, reason_code
),

section_accounting as (
    select
        section_status.section_id,
        section_status.course_id,
        section_status.calendar_id,
        section_status.district_id,
        section_status.school_id,
        section_status.state_code,
        file_sections.section_id is not null as is_on_report,
        case
            when section_status.reason_code is not null then section_status.reason_code
            when file_sections.section_id is not null then null
            when record_reason_by_section.section_id is not null then record_reason_by_section.record_reason_code
            when roster_reason_by_section.section_id is not null then roster_reason_by_section.reason_code
            else 'sca_section_without_students'
        end as reason_code,
        case
            when file_sections.section_id is not null
                then
                    cast(file_sections.record_count as {{ kecs_string_type() }}) || ' record(s) of '
                    || cast(file_sections.student_count as {{ kecs_string_type() }}) || ' student(s)'
            when record_reason_by_section.section_id is not null
                then
                    cast(record_reason_by_section.record_count as {{ kecs_string_type() }})
                    || ' student record(s) set aside for this reason, none reported'
            when roster_reason_by_section.section_id is not null
                then
                    cast(roster_reason_by_section.roster_count as {{ kecs_string_type() }})
                    || ' roster row(s) set aside for this reason, no record'
        end as note
    from section_status
    left join file_sections
        on section_status.section_id = file_sections.section_id
    left join record_reason_by_section
        on
            section_status.section_id = record_reason_by_section.section_id
            and record_reason_by_section.reason_rank = 1
    left join roster_reason_by_section
        on
            section_status.section_id = roster_reason_by_section.section_id
            and roster_reason_by_section.reason_rank = 1
    where coalesce(section_status.state_code, 'IL') = 'IL'
),

-- Grades: the record (student, section, period of the grade's term) each grade belongs to.
score_periods as (
    select
        scores.score_id,
        section_periods.period_term_id
    from scores
    inner join section_periods
        on
            scores.section_id = section_periods.section_id
            and scores.term_id = section_periods.term_id
),

record_grades as (
    select
        person_id,
        section_id,
        period_term_id,
        max(grade_score_id) as grade_score_id,
        max(case when is_reported then 1 else 0 end) as is_any_reported,
        min(record_reason_code) as record_reason_code
    from records
    group by person_id, section_id, period_term_id
),

file_scores as (
    select distinct
        grade_score_id,
        course_final_letter_grade
    from sca_file
    where grade_score_id is not null
),

assigned_tasks as (
    select distinct
        course_id,
        task_id
    from course_tasks
),

score_accounting as (
    select
        scores.score_id,
        scores.person_id,
        scores.section_id,
        section_status.course_id,
        coalesce(section_status.calendar_id, score_calendars.calendar_id) as calendar_id,
        coalesce(section_status.district_id, score_calendars.district_id) as district_id,
        coalesce(section_status.school_id, score_calendars.school_id) as school_id,
        coalesce(section_status.state_code, score_calendars.state_code) as state_code,
        file_scores.grade_score_id is not null as is_on_report,
        case
            when section_rows.section_id is null then 'raw_section_missing'
            when section_status.reason_code is not null then section_status.reason_code
            when scores.person_id is null then 'raw_person_missing'
            when scores.score is null then 'sca_blank_score'
            when student_grades.score_id is null and assigned_tasks.course_id is null then 'sca_task_not_assigned'
            when student_grades.score_id is null then 'sca_score_replaced'
            when file_scores.grade_score_id is not null then null
            when not student_grades.is_mapped then 'sca_score_not_mapped'
            when not student_grades.is_state_reported_task and section_status.has_state_reported_task
                then 'sca_task_not_state_reported'
            when score_periods.score_id is null then 'sca_term_not_scheduled'
            when record_grades.person_id is null then 'sca_no_course_record_for_score'
            when
                not coalesce(record_grades.grade_score_id = scores.score_id, false)
                and record_grades.is_any_reported = 1
                then 'sca_not_most_recent'
            when record_grades.record_reason_code is not null then record_grades.record_reason_code
            when not coalesce(record_grades.grade_score_id = scores.score_id, false) then 'sca_not_most_recent'
            else 'audit_unexplained'
        end as reason_code,
        case
            when file_scores.grade_score_id is not null
                then 'Course Final Letter Grade ' || coalesce(file_scores.course_final_letter_grade, '(blank)')
            when record_grades.grade_score_id is not null and record_grades.grade_score_id <> scores.score_id
                then
                    'grade ' || cast(record_grades.grade_score_id as {{ kecs_string_type() }})
                    || ' is the record''s final grade'
        end as note
    from scores
    left join section_rows
        on scores.section_id = section_rows.section_id
    left join section_status
        on scores.section_id = section_status.section_id
    left join calendar_status as score_calendars
        on scores.calendar_id = score_calendars.calendar_id
    left join student_grades
        on scores.score_id = student_grades.score_id
    left join assigned_tasks
        on
            section_rows.course_id = assigned_tasks.course_id
            and scores.task_id = assigned_tasks.task_id
    left join file_scores
        on scores.score_id = file_scores.grade_score_id
    left join score_periods
        on scores.score_id = score_periods.score_id
    left join record_grades
        on
            scores.person_id = record_grades.person_id
            and scores.section_id = record_grades.section_id
            and score_periods.period_term_id = record_grades.period_term_id
    where coalesce(section_status.state_code, score_calendars.state_code, 'IL') = 'IL'
),

unioned as (
    select
        'enrollment' as candidate_kind,
        enrollment_id as candidate_id,
        is_on_report,
        reason_code,
        reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        person_id,
        enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as score_id
    from enrollment_accounting

    union all

    select
        'roster' as candidate_kind,
        roster_id as candidate_id,
        is_on_report,
        reason_code,
        reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        course_id,
        section_id,
        person_id,
        cast(null as bigint) as enrollment_id,
        roster_id,
        cast(null as bigint) as score_id
    from roster_accounting

    union all

    select
        'section' as candidate_kind,
        section_id as candidate_id,
        is_on_report,
        reason_code,
        'SCA Course Section' as reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        course_id,
        section_id,
        cast(null as bigint) as person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as score_id
    from section_accounting

    union all

    select
        'grading score' as candidate_kind,
        score_id as candidate_id,
        is_on_report,
        reason_code,
        'SCA Final Grade' as reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        course_id,
        section_id,
        person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        score_id
    from score_accounting
),

{{ audit_accounting_decision('il_sca', "'Student Course Assignment'", ['enrollment_id', 'roster_id', 'score_id']) }}

select * from final
