-- One row per enrollment of an in-scope calendar (int_kecs__enrollments_eligible) with the first
-- rule that keeps it off Detail (reason_code, NULL = it stands behind at least one Detail row).
-- R5.BR7 / R5.BR3 / reversed dates: int_kecs__enrollments_eligible decides (its reason_code).
-- R5.BR1 / R5.BR9: int_kecs__student_section_enrollment_evaluated decides, per student and section,
-- which enrollment stands behind the Detail row; an eligible enrollment is kept when chosen on at least
-- one section. Otherwise: listed among the candidates of a section that chose another enrollment
-- (R5.BR9 not chosen); else its student is rostered on the last day of a section of its calendar
-- but the enrollment is not active on that day (R5.BR1); else the student is not rostered on any
-- section's last day in the calendar (R5.BR1).
-- R5.BR5 / R5.BR6: the exclude flags are carried for the note; they never set an enrollment aside.
with eligible_enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

candidates as (
    select * from {{ ref('int_kecs__student_section_enrollment_evaluated') }}
),

rostered_on_last_day as (
    select * from {{ ref('int_kecs__rosters_on_section_last_day') }}
),

chosen_enrollments as (
    select
        enrollment_id,
        max(active_enrollment_count) as max_candidate_count,
        count(*) as chosen_section_count
    from candidates
    where is_kept
    group by enrollment_id
),

-- An enrollment among a section's candidates (R5.BR9) that the section did not choose.
losing_pairs as (
    select distinct
        losers.enrollment_id,
        chosen.enrollment_id as chosen_id
    from candidates as losers
    inner join candidates as chosen
        on
            losers.section_id = chosen.section_id
            and losers.person_id = chosen.person_id
            and chosen.is_kept
    where not losers.is_kept
),

losing_candidates as (
    select
        enrollment_id,
        {{ kecs_listagg('chosen_id', 'order by chosen_id') }} as chosen_instead_ids
    from losing_pairs
    group by enrollment_id
),

rostered_calendars as (
    select distinct
        person_id,
        calendar_id
    from rostered_on_last_day
),

-- The one CASE that decides the enrollment's Detail outcome, as a code of audit__reasons.
decided as (
    select
        eligible_enrollments.enrollment_id,
        eligible_enrollments.person_id,
        eligible_enrollments.calendar_id,
        eligible_enrollments.is_state_excluded,
        eligible_enrollments.is_grade_level_excluded,
        eligible_enrollments.is_calendar_excluded,
        chosen_enrollments.chosen_section_count,
        chosen_enrollments.max_candidate_count,
        losing_candidates.chosen_instead_ids,
        case
            when eligible_enrollments.reason_code is not null then eligible_enrollments.reason_code
            when chosen_enrollments.enrollment_id is not null then null
            when losing_candidates.enrollment_id is not null then 'kecs_r5_br9_not_chosen'
            when rostered_calendars.person_id is not null then 'kecs_r5_br1_not_active_on_last_day'
            else 'kecs_r5_br1_not_rostered'
        end as reason_code
    from eligible_enrollments
    left join chosen_enrollments
        on eligible_enrollments.enrollment_id = chosen_enrollments.enrollment_id
    left join losing_candidates
        on eligible_enrollments.enrollment_id = losing_candidates.enrollment_id
    left join rostered_calendars
        on
            eligible_enrollments.person_id = rostered_calendars.person_id
            and eligible_enrollments.calendar_id = rostered_calendars.calendar_id
),

final as (
    select
        *,
        reason_code is null as is_kept
    from decided
)

select * from final
