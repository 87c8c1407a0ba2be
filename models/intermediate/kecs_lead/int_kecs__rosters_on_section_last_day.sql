-- One row per student and reported section where the student is rostered on the section's last
-- day: R5.BR1 ("student must be rostered on the last day of the section"), roster half.
-- Reading: a roster row of the section's own trial whose effective dates (roster-edit dates, NULL =
-- the section's first/last term date; int_rosters__effective_dates) cover the section's last day
-- (its last day of instruction, int_kecs__sections_in_scope). Several such roster rows for one
-- student collapse into one. The enrollment half of R5.BR1 is int_kecs__student_section_enrollment.
with rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
    where is_reported
),

final as (
    select
        sections.section_id,
        rosters.person_id,
        sections.calendar_id,
        sections.structure_id,
        sections.section_last_day,
        min(rosters.roster_id) as roster_id,
        min(rosters.effective_start_date) as roster_start_date,
        max(rosters.effective_end_date) as roster_end_date,
        count(*) as roster_row_count
    from rosters
    inner join sections
        on
            rosters.section_id = sections.section_id
            and rosters.trial_id = sections.trial_id
    where
        rosters.person_id is not null
        and coalesce(rosters.effective_start_date <= sections.section_last_day, true)
        and coalesce(rosters.effective_end_date >= sections.section_last_day, true)
    group by
        sections.section_id,
        rosters.person_id,
        sections.calendar_id,
        sections.structure_id,
        sections.section_last_day
)

select * from final
