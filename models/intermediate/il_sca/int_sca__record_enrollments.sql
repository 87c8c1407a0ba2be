-- SCA Report Logic: "If the student has multiple enrollments in the calendar where the following
-- state reported fields have different values in each enrollment, course/section information
-- reports multiple times: Displaced Homemaker, Single Parent, RCTDS Fields (home school, serving
-- district, home district, serving district)." Single Parent / Displaced Homemaker: "If the
-- student has multiple enrollments in a calendar selected, an entry for each enrollment if the
-- value of this field is different for each enrollment record."
-- One row per student record of int_sca__student_section_periods and group of the student's
-- reported enrollments in the section's calendar that share Single Parent, Displaced Homemaker,
-- Home RCDTS and Serving School RCDTS. The enrollments considered are those overlapping the
-- record's dates; when none does (roster outside the enrollments, Issues 22), the most recent one
-- in the calendar. Each group is represented by its primary enrollment first, then the latest
-- start date, then the highest enrollmentID (its state grade and RCDTS report).
-- Single Parent / Displaced Homemaker: with one group, the student's values from
-- int_sca__students_reporting_enrollment ("the most recent primary enrollment is used ... else the
-- most recent enrollment"); with several groups (the split), each group's own values.
with records as (
    select * from {{ ref('int_sca__student_section_periods') }}
),

enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
    where is_eligible
),

student_defaults as (
    select * from {{ ref('int_sca__students_reporting_enrollment') }}
),

-- The enrollments behind a record depend only on the student, the calendar and the record's dates
-- (never NULL: int_sca__student_section_periods keeps start <= end), and a student's records share
-- few such spans: the enrollments are chosen once per span, then given to each record of the span.
spans as (
    select distinct
        person_id,
        calendar_id,
        period_record_start_date as record_start_date,
        period_record_end_date as record_end_date
    from records
),

candidates as (
    select
        spans.person_id,
        spans.calendar_id,
        spans.record_start_date,
        spans.record_end_date,
        enrollments.enrollment_id,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.state_grade,
        enrollments.grade_rule_band,
        enrollments.credit_band,
        enrollments.is_single_parent,
        enrollments.is_displaced_homemaker,
        enrollments.home_rcdts,
        enrollments.serving_school_rcdts,
        coalesce(
            enrollments.start_date <= spans.record_end_date
            and coalesce(enrollments.end_date, spans.record_end_date) >= spans.record_start_date,
            false
        ) as overlaps_record
    from spans
    inner join enrollments
        on
            spans.person_id = enrollments.person_id
            and spans.calendar_id = enrollments.calendar_id
),

flagged as (
    select
        *,
        max(case when overlaps_record then 1 else 0 end) over (
            partition by person_id, calendar_id, record_start_date, record_end_date
        ) = 0 as is_roster_outside_enrollment,
        row_number() over (
            partition by person_id, calendar_id, record_start_date, record_end_date
            order by start_date desc, enrollment_id desc
        ) as recency_rank
    from candidates
),

considered as (
    select *
    from flagged
    where overlaps_record or (is_roster_outside_enrollment and recency_rank = 1)
),

grouped as (
    select
        *,
        row_number() over (
            partition by
                person_id, calendar_id, record_start_date, record_end_date,
                is_single_parent, is_displaced_homemaker, home_rcdts, serving_school_rcdts
            order by case when service_type = 'P' then 0 else 1 end, start_date desc, enrollment_id desc
        ) as group_rank
    from considered
),

representatives as (
    select
        *,
        count(*) over (
            partition by person_id, calendar_id, record_start_date, record_end_date
        ) as enrollment_group_count
    from grouped
    where group_rank = 1
),

final as (
    select
        records.person_id,
        records.section_id,
        records.period_term_id,
        records.is_same_day_roster,
        representatives.enrollment_id,
        representatives.state_grade,
        representatives.grade_rule_band,
        representatives.credit_band,
        representatives.home_rcdts,
        representatives.serving_school_rcdts,
        representatives.enrollment_group_count,
        representatives.is_roster_outside_enrollment,
        case
            when representatives.enrollment_group_count > 1 then representatives.enrollment_id
            else student_defaults.sp_dh_enrollment_id
        end as sp_dh_enrollment_id,
        case
            when representatives.enrollment_group_count > 1 then representatives.is_single_parent
            else student_defaults.is_single_parent
        end as is_single_parent,
        case
            when representatives.enrollment_group_count > 1 then representatives.is_displaced_homemaker
            else student_defaults.is_displaced_homemaker
        end as is_displaced_homemaker
    from records
    inner join representatives
        on
            records.person_id = representatives.person_id
            and records.calendar_id = representatives.calendar_id
            and records.period_record_start_date = representatives.record_start_date
            and records.period_record_end_date = representatives.record_end_date
    left join student_defaults
        on records.person_id = student_defaults.person_id
)

select * from final
