-- One row per student rostered on a reported section's last day with the enrollment that stands
-- behind the Detail row (NULL when none: the student is not reported on that section and is
-- listed in Issues, Warning 13).
-- R5.BR1: the enrollment must be active on the section's last day: an eligible enrollment
-- (int_kecs__enrollments_eligible: not a no-show R5.BR7, exclude flags kept R5.BR5/R5.BR6) in the
-- section's calendar, of the section's schedule structure (NULL structure on either side
-- matches), whose start date is on/before and end date NULL or on/after the section's last day.
-- R5.BR9: several such enrollments: the most recent start date; then the latest end date (NULL =
-- open = latest); with the same start and end dates (or both NULL): service type P first, then the
-- highest enrollmentID. More than one candidate is listed in Issues (Warning 10).
with rostered as (
    select * from {{ ref('int_kecs__rosters_on_section_last_day') }}
),

enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
    where is_eligible
),

candidates as (
    select
        rostered.section_id,
        rostered.person_id,
        enrollments.enrollment_id,
        row_number() over (
            partition by rostered.section_id, rostered.person_id
            order by
                enrollments.start_date desc nulls last,
                enrollments.end_date desc nulls first,
                case when enrollments.service_type = 'P' then 0 else 1 end,
                enrollments.enrollment_id desc
        ) as enrollment_rank,
        count(*) over (partition by rostered.section_id, rostered.person_id) as active_enrollment_count
    from rostered
    inner join enrollments
        on
            rostered.person_id = enrollments.person_id
            and rostered.calendar_id = enrollments.calendar_id
            and (
                rostered.structure_id is null
                or enrollments.structure_id is null
                or rostered.structure_id = enrollments.structure_id
            )
            and coalesce(rostered.section_last_day >= enrollments.start_date, true)
            and coalesce(rostered.section_last_day <= enrollments.end_date, true)
),

-- The list is aggregated only where there are several candidates: a single candidate's list is its
-- own enrollmentID (most rows; an ordered aggregate over every row costs more than the rest).
candidate_lists as (
    select
        section_id,
        person_id,
        {{ kecs_listagg('enrollment_id', 'order by enrollment_rank') }} as candidate_enrollment_ids
    from candidates
    where active_enrollment_count > 1
    group by section_id, person_id
),

-- The one CASE that decides: R5.BR1, no enrollment active on the section's last day (NULL = kept).
decided as (
    select
        rostered.section_id,
        rostered.person_id,
        rostered.calendar_id,
        rostered.section_last_day,
        rostered.roster_id,
        rostered.roster_start_date,
        rostered.roster_end_date,
        candidates.enrollment_id,
        coalesce(candidates.active_enrollment_count, 0) as active_enrollment_count,
        coalesce(
            candidate_lists.candidate_enrollment_ids,
            cast(candidates.enrollment_id as {{ kecs_string_type() }})
        ) as candidate_enrollment_ids,
        case
            when candidates.enrollment_id is null then 'kecs_r5_br1_no_active_enrollment'
        end as reason_code
    from rostered
    left join candidates
        on
            rostered.section_id = candidates.section_id
            and rostered.person_id = candidates.person_id
            and candidates.enrollment_rank = 1
    left join candidate_lists
        on
            rostered.section_id = candidate_lists.section_id
            and rostered.person_id = candidate_lists.person_id
),

final as (
    select
        *,
        reason_code is null as has_active_enrollment,
        reason_code is null as is_kept
    from decided
)

select * from final
