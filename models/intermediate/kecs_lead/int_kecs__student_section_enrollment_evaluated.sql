-- One row per student rostered on a reported section's last day and enrollment active on that
-- day (the R5.BR1 / R5.BR9 candidates), with the R5.BR9 rank and the reason a candidate does not
-- stand behind the Detail row (reason_code, NULL = chosen).
-- R5.BR1: the enrollment must be active on the section's last day: an eligible enrollment
-- (int_kecs__enrollments_eligible: not a no-show R5.BR7, exclude flags kept R5.BR5/R5.BR6) in the
-- section's calendar, of the section's schedule structure (NULL structure on either side
-- matches), whose start date is on/before and end date NULL or on/after the section's last day.
-- R5.BR9: several such enrollments: the most recent start date; then the latest end date (NULL =
-- open = latest); with the same start and end dates (or both NULL): service type P first, then the
-- highest enrollmentID. int_kecs__student_section_enrollment keeps the chosen one per student and
-- section; a student with no candidate is set aside there (R5.BR1).
with rostered as (
    select * from {{ ref('int_kecs__rosters_on_section_last_day') }}
),

enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

candidates as (
    select
        rostered.section_id,
        rostered.person_id,
        rostered.calendar_id,
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
            and enrollments.is_eligible
            and (
                rostered.structure_id is null
                or enrollments.structure_id is null
                or rostered.structure_id = enrollments.structure_id
            )
            and coalesce(rostered.section_last_day >= enrollments.start_date, true)
            and coalesce(rostered.section_last_day <= enrollments.end_date, true)
),

-- The one CASE that decides: R5.BR9, a candidate ranked after the first is not chosen.
decided as (
    select
        *,
        case
            when enrollment_rank > 1 then 'kecs_r5_br9_not_chosen'
        end as reason_code
    from candidates
),

final as (
    select
        section_id,
        person_id,
        calendar_id,
        enrollment_id,
        enrollment_rank,
        active_enrollment_count,
        reason_code,
        reason_code is null as is_kept
    from decided
)

select * from final
