-- Illinois Student Course Assignment accounting, enrollments (SCA Enrollment, SCA State Grade,
-- SCA State Exclude, SCA Student ID, SCA RCDTS, SCA Multiple Records, SCA Calendar Selection, SCA
-- School Year): one row per enrollment (stg_ic__enrollment) of an Illinois calendar, or of a
-- calendar that is missing. Reported when a record of il_sca__student_course_assignment carries it
-- (enrollment_id, or sp_dh_enrollment_id for Single Parent / Displaced Homemaker). The reason is
-- read from the models that decide it: the calendar's (int_sca__calendars_evaluated), the
-- enrollment's (int_sca__enrollments_evaluated), else the most frequent reason of its records
-- (int_sca__course_assignments); an eligible enrollment whose values equal those of an enrollment
-- behind the student's records in the calendar was merged into it (SCA Multiple Records).
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

evaluated_enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
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

record_reasons as (
    {{ sca_top_reason('records', 'enrollment_id', 'record_count') }}
),

-- The enrollments that stand behind records, once each, with the values that decide a merge.
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

-- SCA Multiple Records: matched once on the student, the calendar and the values.
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
    where evaluated_enrollments.is_kept
    group by evaluated_enrollments.enrollment_id
),

-- What the records say of each enrollment: its largest reported enrollment group, its most
-- frequent set-aside reason, the enrollment it was merged into.
record_outcomes as (
    select
        enrollment_id,
        max(max_group_count) as max_group_count,
        max(reason_code) as reason_code,
        max(record_count) as record_count,
        max(representative_enrollment_id) as representative_enrollment_id
    from (
        select
            enrollment_id,
            enrollment_group_count as max_group_count,
            cast(null as {{ string_type() }}) as reason_code,
            cast(null as bigint) as record_count,
            cast(null as bigint) as representative_enrollment_id
        from records
        where is_reported
        union all
        select
            enrollment_id,
            null as max_group_count,
            reason_code,
            record_count,
            null as representative_enrollment_id
        from record_reasons
        where reason_rank = 1
        union all
        select
            enrollment_id,
            null as max_group_count,
            null as reason_code,
            null as record_count,
            representative_enrollment_id
        from merged_into
    ) as outcomes
    group by enrollment_id
),

person_calendar_records as (
    select distinct
        person_id,
        calendar_id
    from records
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
            when file_enrollments.enrollment_id is not null then null
            when record_outcomes.reason_code is not null then record_outcomes.reason_code
            when record_outcomes.representative_enrollment_id is not null then 'sca_enrollment_merged'
            when person_calendar_records.person_id is not null then 'sca_enrollment_not_overlapping'
            else 'sca_no_course_record'
        end as reason_code,
        case
            when record_outcomes.max_group_count > 1 then 'SCA Multiple Records'
            else 'SCA Enrollment'
        end as reported_rule_id,
        case
            when file_enrollments.record_count > 0
                then
                    'stands behind '
                    || cast(file_enrollments.record_count as {{ string_type() }})
                    || ' record(s) (state grade, RCDTS)'
                    || case
                        when record_outcomes.max_group_count > 1
                            then
                                '; the student''s enrollments differ in Single Parent, Displaced'
                                || ' Homemaker or RCDTS, so records repeat per enrollment'
                        else ''
                    end
            when file_enrollments.enrollment_id is not null
                then 'supplies Single Parent / Displaced Homemaker to the student''s records'
            when record_outcomes.reason_code is not null
                then
                    cast(record_outcomes.record_count as {{ string_type() }})
                    || ' course record(s) of this enrollment set aside for this reason, none reported'
            when record_outcomes.representative_enrollment_id is not null
                then
                    'the student''s records carry enrollment '
                    || cast(record_outcomes.representative_enrollment_id as {{ string_type() }})
                    || ' (same Single Parent, Displaced Homemaker and RCDTS)'
        end as note
    from enrollments
    left join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join evaluated_enrollments
        on enrollments.enrollment_id = evaluated_enrollments.enrollment_id
    left join file_enrollments
        on enrollments.enrollment_id = file_enrollments.enrollment_id
    left join record_outcomes
        on enrollments.enrollment_id = record_outcomes.enrollment_id
    left join person_calendar_records
        on
            enrollments.person_id = person_calendar_records.person_id
            and enrollments.calendar_id = person_calendar_records.calendar_id
    where coalesce(calendars.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('enrollment', 'enrollment_id', ['person_id', 'enrollment_id']) }}
    from accounted
)

select * from final
