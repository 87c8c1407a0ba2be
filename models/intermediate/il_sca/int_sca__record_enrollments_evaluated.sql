-- SCA Multiple Records and SCA Enrollment, per enrollment: whether the enrollment stands behind
-- records of the file, and when not, why. One row per enrollment of int_sca__enrollments_evaluated
-- (every candidate) with reason_code (a code of audit__reasons; NULL = the file's records carry it,
-- as enrollment_id or as sp_dh_enrollment_id) and is_kept. In rule order:
--   the student-selection reason of int_sca__enrollments_evaluated;
--   on the file (a reported record of int_sca__course_assignments carries it): NULL;
--   its records are all set aside: their most frequent reason (then by code);
--   SCA Multiple Records, "If the student has multiple enrollments in the calendar where the
--   following state reported fields have different values in each enrollment, course/section
--   information reports multiple times: Displaced Homemaker, Single Parent, RCTDS Fields": an
--   eligible enrollment with the same Single Parent, Displaced Homemaker, Home RCDTS and Serving
--   School RCDTS as an enrollment behind a record of the student in the calendar
--   (int_sca__record_enrollments chose it) is merged into it (the lowest such enrollmentID):
--   sca_enrollment_merged, representative_enrollment_id;
--   the student has records in the calendar, behind other enrollments: sca_enrollment_not_overlapping;
--   else sca_no_course_record.
with enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

-- The enrollments the file's records carry (enrollment_id, or sp_dh_enrollment_id), and the
-- largest enrollment group of their reported records.
reported as (
    select
        enrollment_id,
        max(enrollment_group_count) as max_enrollment_group_count
    from (
        select
            enrollment_id,
            enrollment_group_count
        from records
        where is_reported
        union all
        select
            sp_dh_enrollment_id as enrollment_id,
            null as enrollment_group_count
        from records
        where is_reported
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
    inner join enrollments as representatives
        on records.enrollment_id = representatives.enrollment_id
),

-- SCA Multiple Records: matched once on the student, the calendar and the values.
merged_into as (
    select
        enrollments.enrollment_id,
        min(record_enrollments.enrollment_id) as representative_enrollment_id
    from enrollments
    inner join record_enrollments
        on
            enrollments.person_id = record_enrollments.person_id
            and enrollments.calendar_id = record_enrollments.calendar_id
            and enrollments.is_single_parent = record_enrollments.is_single_parent
            and enrollments.is_displaced_homemaker = record_enrollments.is_displaced_homemaker
            and enrollments.home_rcdts = record_enrollments.home_rcdts
            and enrollments.serving_school_rcdts = record_enrollments.serving_school_rcdts
            and enrollments.enrollment_id <> record_enrollments.enrollment_id
    where enrollments.is_kept
    group by enrollments.enrollment_id
),

person_calendar_records as (
    select distinct
        person_id,
        calendar_id
    from records
),

evaluated as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        reported.enrollment_id is not null as is_on_report,
        reported.max_enrollment_group_count,
        record_reasons.reason_code as record_reason_code,
        record_reasons.record_count as set_aside_record_count,
        merged_into.representative_enrollment_id,
        case
            when enrollments.reason_code is not null then enrollments.reason_code
            when reported.enrollment_id is not null then null
            when record_reasons.reason_code is not null then record_reasons.reason_code
            when merged_into.representative_enrollment_id is not null then 'sca_enrollment_merged'
            when person_calendar_records.person_id is not null then 'sca_enrollment_not_overlapping'
            else 'sca_no_course_record'
        end as reason_code
    from enrollments
    left join reported
        on enrollments.enrollment_id = reported.enrollment_id
    left join record_reasons
        on
            enrollments.enrollment_id = record_reasons.enrollment_id
            and record_reasons.reason_rank = 1
    left join merged_into
        on enrollments.enrollment_id = merged_into.enrollment_id
    left join person_calendar_records
        on
            enrollments.person_id = person_calendar_records.person_id
            and enrollments.calendar_id = person_calendar_records.calendar_id
),

final as (
    select
        enrollment_id,
        person_id,
        calendar_id,
        is_on_report,
        max_enrollment_group_count,
        case
            when reason_code = 'sca_enrollment_merged' then representative_enrollment_id
        end as representative_enrollment_id,
        case
            when reason_code = record_reason_code then set_aside_record_count
        end as set_aside_record_count,
        reason_code,
        reason_code is null as is_kept
    from evaluated
)

select * from final
