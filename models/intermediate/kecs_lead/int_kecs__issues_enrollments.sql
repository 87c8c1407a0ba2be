-- R10 Issues 11, 19 and 20 (typed): enrollments whose grade or dates change what the reports count
-- (R5, R5.BR1, R5.BR9, R6, R8, R8.BR1, R9), one row per enrollment. In the shape of
-- kecs_issues_union; int_kecs__issues unions the families, kecs_lead__issues formats them.
with enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

-- Each enrollment with its calendar's school and the student's name.
enrollment_schools as (
    select
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        calendars.calendar_name,
        enrollments.person_id,
        people.first_name,
        people.last_name,
        enrollments.enrollment_id,
        enrollments.school_id,
        enrollments.grade_level_name,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.end_date,
        enrollments.is_no_show,
        enrollments.overlaps_window,
        enrollments.has_state_grade,
        enrollments.has_valid_dates,
        enrollments.is_eligible
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join people
        on enrollments.person_id = people.person_id
),

-- Warning 11: enrollment whose grade level is not a grade level of its calendar (Grade Other; R5, R6, R8, R9).
issue_11 as (
    select
        11 as issue_number,
        *,
        'Grade ''' || coalesce(grade_level_name, '(blank)')
        || ''' is not a grade level of calendar ' || calendar_name
        || '; counted under Grade Other' as detail
    from enrollment_schools
    where
        not is_no_show
        and overlaps_window
        and not has_state_grade
),

-- Warning 19: eligible P enrollments of one student at two schools whose dates overlap (R5.BR9,
-- R8.BR1). Each pair is listed once, with the enrollment that started later (equal or unknown
-- start dates: the higher enrollmentID).
issue_19 as (
    select
        19 as issue_number,
        later_enrollment.*,
        'P enrollment ' || {{ kecs_text('later_enrollment.enrollment_id') }} || ' at school '
        || later_enrollment.school_number || ' overlaps P enrollment '
        || {{ kecs_text('earlier_enrollment.enrollment_id') }} || ' at school '
        || earlier_enrollment.school_number as detail
    from enrollment_schools as later_enrollment
    inner join enrollment_schools as earlier_enrollment
        on
            later_enrollment.person_id = earlier_enrollment.person_id
            and later_enrollment.school_id <> earlier_enrollment.school_id
            and (
                coalesce(later_enrollment.start_date > earlier_enrollment.start_date, false)
                or (
                    not coalesce(later_enrollment.start_date < earlier_enrollment.start_date, false)
                    and later_enrollment.enrollment_id > earlier_enrollment.enrollment_id
                )
            )
            and {{ open_span_overlaps(
                'later_enrollment.start_date', 'later_enrollment.end_date',
                'earlier_enrollment.start_date', 'earlier_enrollment.end_date'
            ) }}
    where
        later_enrollment.is_eligible
        and earlier_enrollment.is_eligible
        and later_enrollment.service_type = 'P'
        and earlier_enrollment.service_type = 'P'
),

-- Warning 20: enrollment that ends before it starts (active on no day, so on no report; R5.BR1).
issue_20 as (
    select
        20 as issue_number,
        *,
        'Enrollment ' || {{ kecs_text('enrollment_id') }} || ' starts '
        || {{ format_date('start_date') }} || ' and ends '
        || {{ format_date('end_date') }} || ' (calendar ' || calendar_name || ')' as detail
    from enrollment_schools
    where
        not is_no_show
        and not has_valid_dates
),

final as (
    {{ kecs_issues_union([
        ('issue_11', ['school', 'person', 'enrollment_id']),
        ('issue_19', ['school', 'person', 'enrollment_id']),
        ('issue_20', ['school', 'person', 'enrollment_id']),
    ]) }}
)

select * from final
