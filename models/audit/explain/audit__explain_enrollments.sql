-- `sis-extracts explain`: what a coordinator recognises of an enrollment the accounting names
-- (candidate kind 'enrollment'): dates, service type, grade and state grade, no-show and State
-- Exclude flags, disability, calendar and school. One row per raw enrollment. The decisions
-- (R5.BR3, R5.BR7, R5.BR9, R8.BR1, R9.BR1, SCA Enrollment) are in the accounting.
with enrollments as (
    select * from {{ ref('int_enrollments__with_grade') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

final as (
    select
        enrollments.enrollment_id,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.end_date,
        enrollments.grade_level_name,
        enrollments.state_grade,
        enrollments.is_no_show,
        enrollments.is_state_excluded,
        enrollments.primary_disability,
        calendars.calendar_name,
        calendars.school_name,
        calendars.end_year
    from enrollments
    left join calendars
        on enrollments.calendar_id = calendars.calendar_id
)

select * from final
