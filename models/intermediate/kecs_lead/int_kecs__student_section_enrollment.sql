-- One row per student rostered on a reported section's last day with the enrollment that stands
-- behind the Detail row (NULL when none: the student is not reported on that section and is
-- listed in Issues, Warning 13).
-- R5.BR1 / R5.BR9: the enrollments active on the section's last day and the choice among them are
-- decided in int_kecs__student_section_enrollment_evaluated; here the chosen one (is_kept), the
-- candidates in R5.BR9 order (more than one is listed in Issues, Warning 10), and R5.BR1's reason
-- when the student has none.
with rostered as (
    select * from {{ ref('int_kecs__rosters_on_section_last_day') }}
),

candidates as (
    select * from {{ ref('int_kecs__student_section_enrollment_evaluated') }}
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
            cast(candidates.enrollment_id as {{ string_type() }})
        ) as candidate_enrollment_ids,
        case
            when candidates.enrollment_id is null then 'kecs_r5_br1_no_active_enrollment'
        end as reason_code
    from rostered
    left join candidates
        on
            rostered.section_id = candidates.section_id
            and rostered.person_id = candidates.person_id
            and candidates.is_kept
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
