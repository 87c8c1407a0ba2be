-- Illinois Student Course Assignment accounting, enrollments (SCA Enrollment, SCA State Grade,
-- SCA State Exclude, SCA Student ID, SCA RCDTS, SCA Multiple Records, SCA Calendar Selection, SCA
-- School Year): one row per enrollment (stg_ic__enrollment) of an Illinois calendar, or of a
-- calendar that is missing. Reported when a record of il_sca__student_course_assignment carries it
-- (enrollment_id, or sp_dh_enrollment_id for Single Parent / Displaced Homemaker). The reason is
-- read from the models that decide it: the calendar's (int_sca__calendars_evaluated), else the
-- enrollment's (int_sca__record_enrollments_evaluated: student selection, its records set aside,
-- merged into another enrollment of the same values (SCA Multiple Records), not overlapping the
-- student's records, no course record).
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

evaluated_enrollments as (
    select * from {{ ref('int_sca__record_enrollments_evaluated') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

-- Enrollments on the file: record_count records carry it as enrollment_id (0: only Single Parent
-- / Displaced Homemaker).
file_enrollments as (
    select
        enrollment_id,
        sum(is_record) as record_count
    from (
        select
            enrollment_id,
            1 as is_record
        from sca_file
        union all
        select
            sp_dh_enrollment_id as enrollment_id,
            0 as is_record
        from sca_file
    ) as carried
    group by enrollment_id
),

accounted as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code,
        file_enrollments.enrollment_id is not null as is_on_report,
        case
            {{ audit_reason_from('calendars', 'calendar_id', 'raw_calendar_missing') }}
            {{ audit_reason_from('evaluated_enrollments', 'enrollment_id', 'audit_unmapped') }}
        end as reason_code,
        case
            when evaluated_enrollments.max_enrollment_group_count > 1 then 'SCA Multiple Records'
            else 'SCA Enrollment'
        end as reported_rule_id,
        case
            when file_enrollments.record_count > 0
                then
                    'stands behind '
                    || cast(file_enrollments.record_count as {{ string_type() }})
                    || ' record(s) (state grade, RCDTS)'
                    || case
                        when evaluated_enrollments.max_enrollment_group_count > 1
                            then
                                '; the student''s enrollments differ in Single Parent, Displaced'
                                || ' Homemaker or RCDTS, so records repeat per enrollment'
                        else ''
                    end
            when file_enrollments.enrollment_id is not null
                then 'supplies Single Parent / Displaced Homemaker to the student''s records'
            when evaluated_enrollments.set_aside_record_count is not null
                then
                    cast(evaluated_enrollments.set_aside_record_count as {{ string_type() }})
                    || ' course record(s) of this enrollment set aside for this reason, none reported'
            when evaluated_enrollments.representative_enrollment_id is not null
                then
                    'the student''s records carry enrollment '
                    || cast(evaluated_enrollments.representative_enrollment_id as {{ string_type() }})
                    || ' (same Single Parent, Displaced Homemaker and RCDTS)'
        end as note
    from enrollments
    left join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join evaluated_enrollments
        on enrollments.enrollment_id = evaluated_enrollments.enrollment_id
    left join file_enrollments
        on enrollments.enrollment_id = file_enrollments.enrollment_id
    where coalesce(calendars.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('enrollment', 'enrollment_id', ['person_id', 'enrollment_id']) }}
    from accounted
)

select * from final
