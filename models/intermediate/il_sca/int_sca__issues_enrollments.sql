-- SCA Issues 1-6 and 24 (typed): enrollments left out of the file (Report Logic: a student must be
-- enrolled in a state grade, with a State ID, name and birth date, and an active enrollment in the
-- date range; Extract Layout: Student ID, Home and Serving School RCDTS), read from the reasons
-- int_sca__enrollments_evaluated records. One row per enrollment (5: per calendar). In the shape
-- of sca_issues_union; int_sca__issues unions the families.
with enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

students as (
    select * from {{ ref('int_sca__students') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

-- 1-4, 6: the student or enrollment values that leave the enrollment out.
{%- set enrollment_issue_numbers = {
    'no_state_id': 1,
    'invalid_student_id': 2,
    'missing_name_or_birth_date': 3,
    'state_grade_missing': 4,
    'rcdts_override_invalid': 6,
} %}
enrollment_issues as (
    select
        {{ sca_issue_number('enrollments.exclusion_reason', enrollment_issue_numbers) }} as issue_number,
        enrollments.calendar_id,
        enrollments.person_id,
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
                    || ', birth date ' || coalesce({{ format_date('students.birthdate') }}, '(none)')
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
                || ' from ' || coalesce({{ format_date('enrollments.start_date') }}, '(none)')
                || ', grade ' || {{ sca_text('enrollments.grade_level_name') }}
        end as detail
    from enrollments
    left join students
        on enrollments.person_id = students.person_id
    where enrollments.exclusion_reason in {{ sca_issue_reasons(enrollment_issue_numbers) }}
),

-- 5: a calendar whose school RCDTS cannot be built, once with its count of enrollments left out.
issue_5 as (
    select
        5 as issue_number,
        calendars.calendar_id,
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

-- 24: an enrollment that ends before it starts (active on no day).
issue_24 as (
    select
        24 as issue_number,
        calendar_id,
        person_id,
        enrollment_id,
        'Enrollment ' || {{ sca_text('enrollment_id') }}
        || ' starts ' || coalesce({{ format_date('start_date') }}, '(none)')
        || ' and ends ' || coalesce({{ format_date('end_date') }}, '(none)') as detail
    from enrollments
    where exclusion_reason = 'enrollment_ends_before_start'
),

final as (
    {{ sca_issues_union([
        ('enrollment_issues', ['calendar_id', 'person_id', 'enrollment_id']),
        ('issue_5', ['calendar_id']),
        ('issue_24', ['calendar_id', 'person_id', 'enrollment_id']),
    ]) }}
)

select * from final
