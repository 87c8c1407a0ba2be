-- SCA Extract Layout, Single Parent and Displaced Homemaker: "based on the most recent enrollment
-- in the selected calendar. If multiple calendars are selected AND the student has an active
-- primary enrollment in both calendars, the most recent primary enrollment is used. If the student
-- has no primary enrollments in the selected calendars, the most recent enrollment is used."
-- One row per student with a reported enrollment: the enrollment whose Single Parent / Displaced
-- Homemaker values the student's records carry (primary first, then the latest start date, then
-- the latest end date, open last-ending, then the highest enrollmentID). The split rule ("an entry
-- for each enrollment if the value of this field is different") is int_sca__record_enrollments.
with enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
    where is_eligible
),

ranked as (
    select
        person_id,
        enrollment_id,
        service_type,
        is_single_parent,
        is_displaced_homemaker,
        row_number() over (
            partition by person_id
            order by
                case when service_type = 'P' then 0 else 1 end,
                start_date desc,
                case when end_date is null then 0 else 1 end,
                end_date desc,
                enrollment_id desc
        ) as enrollment_rank
    from enrollments
),

final as (
    select
        person_id,
        enrollment_id as sp_dh_enrollment_id,
        service_type = 'P' as is_from_primary_enrollment,
        is_single_parent,
        is_displaced_homemaker
    from ranked
    where enrollment_rank = 1
)

select * from final
