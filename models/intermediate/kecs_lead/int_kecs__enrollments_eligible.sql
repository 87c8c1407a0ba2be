-- One row per enrollment in an in-scope calendar (int_kecs__calendars_in_scope) with the reason
-- it can or cannot stand behind a Detail row. `is_eligible` enrollments are the candidates of the
-- R5.BR1 / R5.BR9 choice in int_kecs__student_section_enrollment.
-- R5.BR5: grade levels marked exclude are still reported (is_grade_level_excluded is kept, never
-- filtered on); calendars marked exclude likewise (via the calendar selection).
-- R5.BR6: enrollments marked exclude (enrollment.stateExclude) are still reported: kept, never
-- filtered on.
-- Student Selection (`--students FILE`, the editor's ad hoc filter): only the selected students'
-- enrollments are reported; the others are set aside first.
-- R5.BR7: no-show enrollments are never reported.
-- R5.BR8: enrollments in summer-school calendars never get here (calendar selection).
-- Reading (document silent): the enrollment must overlap the Date Range. An enrollment that ends
-- before it starts is active on no day: it is not an enrollment "active" under R5.BR1 (listed in
-- Issues, Warning 20; the Illinois extract reads it the same way). A grade level unknown to the
-- calendar does not drop the enrollment: its state grade is blank, the counts put the student under
-- Grade Other, and Issues lists it (Warning 11).
-- last_instruction_date: the last day of instruction of the enrollment's own calendar and schedule
-- structure (int_enrollments__with_grade), which R8.BR1 / R9.BR1 compare the end date with.
with enrollments as (
    select * from {{ ref('int_enrollments__with_grade') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
    where is_in_scope
),

flagged as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        enrollments.structure_id,
        calendars.school_id,
        calendars.district_id,
        enrollments.grade_level_name,
        enrollments.state_grade,
        enrollments.is_grade_level_excluded,
        calendars.is_calendar_excluded,
        enrollments.is_state_excluded,
        enrollments.is_no_show,
        enrollments.is_selected_student,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.end_date,
        enrollments.primary_disability,
        enrollments.last_instruction_date,
        coalesce(enrollments.end_date >= enrollments.start_date, true) as has_valid_dates,
        {{ open_span_overlaps(
            'enrollments.start_date', 'enrollments.end_date',
            'calendars.window_start_date', 'calendars.window_end_date'
        ) }} as overlaps_window,
        enrollments.state_grade is not null as has_state_grade
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
),

-- The one CASE that decides: the first rule the enrollment fails (NULL = eligible), as a code of
-- audit__reasons; the flag and the words follow from it.
decided as (
    select
        *,
        case
            when not is_selected_student then 'kecs_student_not_selected'
            when is_no_show then 'kecs_r5_br7_no_show'
            when not has_valid_dates then 'kecs_r5_enrollment_ends_before_start'
            when not overlaps_window then 'kecs_r5_br3_enrollment_outside_range'
        end as reason_code
    from flagged
),

final as (
    select
        *,
        reason_code is null as is_eligible,
        case reason_code
            when 'kecs_student_not_selected' then 'student not in the student selection'
            when 'kecs_r5_br7_no_show' then 'no-show enrollment (R5.BR7)'
            when 'kecs_r5_enrollment_ends_before_start' then 'enrollment ends before it starts'
            when 'kecs_r5_br3_enrollment_outside_range' then 'enrollment does not overlap the date range'
        end as not_eligible_reason,
        reason_code is null as is_kept
    from decided
)

select * from final
