-- SCA Issues: one row per data problem that drops or changes a Student Course Assignment record
-- (catalog: seed il_sca_issue_catalog, numbers 1..27; docs/il_sca.md). Typed here; the mart
-- il_sca__issues formats it in the shape shared with the KECS LEAD Issues report.
-- Grain: per enrollment (1-4, 6), per calendar (5), per section (7-11, 15-17, 19, 23), per student
-- record (12-14, 20, 22), per student (18), per roster (21). Issues 21 and 23 are raised only for
-- sections of courses that can report (State Code, not State Exclude or Dual Credit) with a
-- student whose enrollment reports.
with enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

students as (
    select * from {{ ref('int_sca__students') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

missing_references as (
    select * from {{ ref('int_raw__missing_references') }}
),

task_terms as (
    select * from {{ ref('int_sca__section_task_terms') }}
),

enrollment_issues as (
    select
        case enrollments.exclusion_reason
            when 'no_state_id' then 1
            when 'invalid_student_id' then 2
            when 'missing_name_or_birth_date' then 3
            when 'state_grade_missing' then 4
            when 'rcdts_override_invalid' then 6
        end as issue_number,
        enrollments.calendar_id,
        enrollments.person_id,
        cast(null as {{ sca_bigint_type() }}) as section_id,
        enrollments.enrollment_id,
        case enrollments.exclusion_reason
            when 'invalid_student_id'
                then
                    'State ID ' || {{ sca_text('students.state_id') }}
                    || ', Student Number ' || {{ sca_text('students.student_number') }}
            when 'missing_name_or_birth_date'
                then
                    'Last name ' || {{ sca_text('students.reported_last_name') }}
                    || ', first name ' || {{ sca_text('students.reported_first_name') }}
                    || ', birth date ' || coalesce({{ sca_format_date('students.birthdate') }}, '(none)')
            when 'state_grade_missing'
                then
                    'Grade level ' || {{ sca_text('enrollments.grade_level_name') }}
                    || ', state grade ' || {{ sca_text('enrollments.state_grade') }}
            when 'rcdts_override_invalid'
                then
                    'Home School RCDTS ' || {{ sca_text('enrollments.home_rcdts_override') }}
                    || ', Serving School RCDTS ' || {{ sca_text('enrollments.serving_rcdts_override') }}
            else
                'Enrollment ' || {{ sca_text('enrollments.enrollment_id') }}
                || ' from ' || coalesce({{ sca_format_date('enrollments.start_date') }}, '(none)')
                || ', grade ' || {{ sca_text('enrollments.grade_level_name') }}
        end as detail
    from enrollments
    left join students
        on enrollments.person_id = students.person_id
    where enrollments.exclusion_reason in (
        'no_state_id', 'invalid_student_id', 'missing_name_or_birth_date', 'state_grade_missing',
        'rcdts_override_invalid'
    )
),

calendar_issues as (
    select
        5 as issue_number,
        calendars.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        cast(null as {{ sca_bigint_type() }}) as section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Calendar ' || {{ sca_text('calendars.calendar_name') }}
        || ': region ' || {{ sca_text('calendars.region') }}
        || ', county ' || {{ sca_text('calendars.county') }}
        || ', district number ' || {{ sca_text('calendars.district_number') }}
        || ', district type ' || {{ sca_text('calendars.district_type') }}
        || ', school number ' || {{ sca_text('calendars.school_number') }}
        || '; ' || {{ sca_text('count(*)') }} || ' enrollment(s) left out' as detail
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
    where enrollments.exclusion_reason = 'school_rcdts_incomplete'
    group by
        calendars.calendar_id,
        calendars.calendar_name,
        calendars.region,
        calendars.county,
        calendars.district_number,
        calendars.district_type,
        calendars.school_number
),

section_exclusions as (
    select
        case assignments.exclusion_reason
            when 'course_without_state_code' then 7
            when 'course_state_excluded' then 8
            when 'course_dual_credit' then 9
            when 'no_state_reported_task' then 10
            when 'course_state_code_too_long' then 11
        end as issue_number,
        assignments.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        assignments.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'State Code ' || {{ sca_text('min(courses.course_state_code)') }}
        || '; ' || {{ sca_text('count(distinct assignments.person_id)') }}
        || ' student(s) left out' as detail
    from assignments
    inner join courses
        on assignments.course_id = courses.course_id
    where
        assignments.exclusion_reason in (
            'course_without_state_code', 'course_state_excluded', 'course_dual_credit',
            'no_state_reported_task', 'course_state_code_too_long'
        )
    group by
        assignments.exclusion_reason,
        assignments.calendar_id,
        assignments.section_id
),

reported_sections as (
    select distinct
        assignments.calendar_id,
        assignments.section_id,
        assignments.course_id,
        assignments.is_summer_school,
        assignments.section_term_code,
        assignments.is_term_code_valid,
        assignments.reported_term_code
    from assignments
    where assignments.is_reported
),

section_value_issues as (
    select
        15 as issue_number,
        reported_sections.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        reported_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Term Code ' || {{ sca_text('reported_sections.section_term_code') }}
        || case when reported_sections.is_summer_school then ' (summer-school calendar)' else '' end
        || '; Term reports ' || coalesce(reported_sections.reported_term_code, 'blank') as detail
    from reported_sections
    where
        not reported_sections.is_term_code_valid
        or (reported_sections.is_summer_school and reported_sections.section_term_code like 'Q%')

    union all

    select
        16 as issue_number,
        reported_sections.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        reported_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Course Level ' || {{ sca_text('courses.course_level') }}
        || ', Setting ' || {{ sca_text('courses.setting') }} as detail
    from reported_sections
    inner join courses
        on reported_sections.course_id = courses.course_id
    where not courses.is_course_level_valid or not courses.is_setting_valid

    union all

    select
        17 as issue_number,
        reported_sections.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        reported_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Language ' || {{ sca_text('courses.reported_language') }} as detail
    from reported_sections
    inner join courses
        on reported_sections.course_id = courses.course_id
    where not courses.is_language_valid

    union all

    select
        19 as issue_number,
        reported_sections.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        reported_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Course number ' || {{ sca_text('courses.course_number') }}
        || ', name ' || {{ sca_text('courses.course_name') }} as detail
    from reported_sections
    inner join courses
        on reported_sections.course_id = courses.course_id
    where courses.is_course_text_truncated
),

record_siblings as (
    select
        assignments.*,
        parameters.is_records_99_only,
        section_periods.term_name as period_term_name
    from assignments
    cross join parameters
    left join section_periods
        on
            assignments.section_id = section_periods.section_id
            and assignments.period_term_id = section_periods.term_id
),

record_issues as (
    select
        case
            when record_siblings.exclusion_reason = 'completed_without_grade' then 13
            when record_siblings.is_same_day_roster and not record_siblings.is_records_99_only then 20
            when record_siblings.has_unmapped_score then 12
            else 14
        end as issue_number,
        record_siblings.calendar_id,
        record_siblings.person_id,
        record_siblings.section_id,
        record_siblings.enrollment_id,
        'Term ' || {{ sca_text('record_siblings.period_term_name') }}
        || ', dates ' || coalesce({{ sca_format_date('record_siblings.course_start_date') }}, '(none)')
        || ' to ' || coalesce({{ sca_format_date('record_siblings.record_end_date') }}, '(none)')
        || case
            when record_siblings.has_unmapped_score
                then
                    ', score ' || {{ sca_text('record_siblings.grade_score') }}
                    || ' (task ' || {{ sca_text('record_siblings.grade_task_id') }} || ')'
            else ''
        end
        || case
            when record_siblings.is_reported
                then '; reported, Final Grade ' || coalesce(record_siblings.final_grade, 'blank')
            else '; left out'
        end as detail
    from record_siblings
    where
        record_siblings.exclusion_reason = 'completed_without_grade'
        or (
            record_siblings.is_same_day_roster
            and record_siblings.is_reported
            and not record_siblings.is_records_99_only
        )
        or (
            record_siblings.has_unmapped_score
            and not record_siblings.is_same_day_roster
            and coalesce(record_siblings.exclusion_reason, 'score_not_mapped') in (
                'score_not_mapped', 'in_progress_without_grade'
            )
        )
        or (
            record_siblings.is_reported
            and record_siblings.has_state_score
            and record_siblings.course_end_date is null
        )

    union all

    select
        22 as issue_number,
        record_siblings.calendar_id,
        record_siblings.person_id,
        record_siblings.section_id,
        record_siblings.enrollment_id,
        'Term ' || {{ sca_text('record_siblings.period_term_name') }}
        || ', dates ' || coalesce({{ sca_format_date('record_siblings.course_start_date') }}, '(none)')
        || ' to ' || coalesce({{ sca_format_date('record_siblings.record_end_date') }}, '(none)')
        || '; reported with enrollment ' || {{ sca_text('record_siblings.enrollment_id') }} as detail
    from record_siblings
    where record_siblings.is_reported and record_siblings.is_roster_outside_enrollment
),

student_issues as (
    select
        18 as issue_number,
        min(assignments.calendar_id) as calendar_id,
        assignments.person_id,
        cast(null as {{ sca_bigint_type() }}) as section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Last name ' || {{ sca_text('min(students.last_name)') }}
        || ', first name ' || {{ sca_text('min(students.first_name)') }} as detail
    from assignments
    inner join students
        on assignments.person_id = students.person_id
    where assignments.is_reported and students.is_name_truncated
    group by assignments.person_id
),

eligible_people as (
    select distinct
        person_id,
        calendar_id
    from enrollments
    where is_eligible
),

rostered_sections as (
    select
        rosters.roster_id,
        rosters.person_id,
        rosters.section_id,
        rosters.roster_start_date,
        rosters.roster_end_date,
        sections.calendar_id
    from rosters
    inner join sections
        on rosters.section_id = sections.section_id
    inner join courses
        on sections.course_id = courses.course_id
    inner join eligible_people
        on
            rosters.person_id = eligible_people.person_id
            and sections.calendar_id = eligible_people.calendar_id
    where
        sections.is_scheduled
        and (rosters.trial_id = sections.trial_id or rosters.trial_id is null)
        and courses.exclusion_reason is null
),

roster_issues as (
    select
        21 as issue_number,
        rostered_sections.calendar_id,
        rostered_sections.person_id,
        rostered_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Roster ' || {{ sca_text('rostered_sections.roster_id') }}
        || ': start ' || coalesce({{ sca_format_date('rostered_sections.roster_start_date') }}, '(none)')
        || ', end ' || coalesce({{ sca_format_date('rostered_sections.roster_end_date') }}, '(none)') as detail
    from rostered_sections
    where rostered_sections.roster_end_date < rostered_sections.roster_start_date

    union all

    select
        23 as issue_number,
        rostered_sections.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        rostered_sections.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        {{ sca_text('count(distinct rostered_sections.person_id)') }} || ' student(s) left out' as detail
    from rostered_sections
    where
        not exists (
            select 1
            from section_periods
            where section_periods.section_id = rostered_sections.section_id
        )
    group by
        rostered_sections.calendar_id,
        rostered_sections.section_id
),

-- 24: enrollments that end before they start (active on no day); 25: raw rows pointing to a
-- missing record (Illinois rows of the selected calendars, and rows whose state cannot be traced);
-- 26: negative credit amounts on a grading task of a selected course (counted as no credit);
-- 27: reported records whose grade is dated after the report generation date (the grade is used).
data_value_issues as (
    select
        24 as issue_number,
        enrollments.calendar_id,
        enrollments.person_id,
        cast(null as {{ sca_bigint_type() }}) as section_id,
        enrollments.enrollment_id,
        'Enrollment ' || {{ sca_text('enrollments.enrollment_id') }}
        || ' starts ' || coalesce({{ sca_format_date('enrollments.start_date') }}, '(none)')
        || ' and ends ' || coalesce({{ sca_format_date('enrollments.end_date') }}, '(none)') as detail
    from enrollments
    where enrollments.exclusion_reason = 'enrollment_ends_before_start'

    union all

    select
        25 as issue_number,
        calendars.calendar_id,
        missing_references.person_id,
        missing_references.section_id,
        missing_references.enrollment_id,
        missing_references.table_name || '.csv ' || missing_references.key_column || ' '
        || {{ sca_text('missing_references.key_value') }} || ': ' || missing_references.missing_column
        || ' ' || {{ sca_text('missing_references.missing_value') }} || ' is not in '
        || missing_references.missing_table || '.csv' as detail
    from missing_references
    left join calendars
        on missing_references.calendar_id = calendars.calendar_id
    where
        missing_references.state_code is null
        or calendars.calendar_id is not null

    union all

    select distinct
        26 as issue_number,
        courses.calendar_id,
        cast(null as {{ sca_bigint_type() }}) as person_id,
        task_terms.section_id,
        cast(null as {{ sca_bigint_type() }}) as enrollment_id,
        'Grading task ' || {{ sca_text('task_terms.task_id') }} || ' (' || {{ sca_text('task_terms.task_name') }}
        || ') of course ' || {{ sca_text('courses.course_number') }} || ': credit amount '
        || {{ sca_text('task_terms.raw_credit_amount') }} || ' is negative; counted as no credit' as detail
    from task_terms
    inner join courses
        on task_terms.course_id = courses.course_id
    where task_terms.raw_credit_amount < 0

    union all

    select
        27 as issue_number,
        assignments.calendar_id,
        assignments.person_id,
        assignments.section_id,
        assignments.enrollment_id,
        'Grade ' || {{ sca_text('assignments.grade_score') }}
        || ' (score ' || {{ sca_text('assignments.grade_score_id') }}
        || ') posted ' || {{ sca_format_date('assignments.grade_posted_date') }}
        || ', after the report generation date ' || {{ sca_format_date('parameters.as_of_date') }}
        || '; reported as posted' as detail
    from assignments
    cross join parameters
    where
        assignments.is_reported
        and assignments.grade_posted_date > parameters.as_of_date
),

unioned as (
    select * from enrollment_issues
    union all
    select * from calendar_issues
    union all
    select * from section_exclusions
    union all
    select * from section_value_issues
    union all
    select * from record_issues
    union all
    select * from student_issues
    union all
    select * from roster_issues
    union all
    select * from data_value_issues
),

final as (
    select
        unioned.issue_number,
        parameters.date_time_generated,
        parameters.end_year,
        calendars.district_id,
        calendars.district_number,
        calendars.district_name,
        calendars.school_id,
        calendars.school_number,
        calendars.school_name,
        unioned.calendar_id,
        unioned.person_id,
        students.reported_first_name as first_name,
        students.reported_last_name as last_name,
        unioned.section_id,
        courses.course_number,
        sections.section_number,
        unioned.enrollment_id,
        unioned.detail
    from unioned
    cross join parameters
    left join calendars
        on unioned.calendar_id = calendars.calendar_id
    left join students
        on unioned.person_id = students.person_id
    left join sections
        on unioned.section_id = sections.section_id
    left join courses
        on sections.course_id = courses.course_id
)

select * from final
