-- One row per roster row of a reported section (int_kecs__sections_in_scope is_reported) with the
-- first rule that keeps it from standing behind the student's Detail row (reason_code, NULL = kept).
-- R5.BR1 ("student must be rostered on the last day of the section"), roster half: a roster row of
-- the section's own trial whose effective dates (roster-edit dates, NULL = the section's first/last
-- term date; int_rosters__effective_dates) cover the section's last day (its last day of
-- instruction, int_kecs__sections_in_scope). A roster row without a person is a broken raw row.
-- int_kecs__rosters_on_section_last_day collapses the kept rows per student and section.
with rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

flagged as (
    select
        rosters.roster_id,
        rosters.person_id,
        sections.section_id,
        sections.calendar_id,
        sections.structure_id,
        sections.section_last_day,
        rosters.trial_id,
        rosters.effective_start_date,
        rosters.effective_end_date,
        coalesce(rosters.trial_id = sections.trial_id, false) as is_section_trial,
        {{ open_span_overlaps(
            'rosters.effective_start_date', 'rosters.effective_end_date',
            'sections.section_last_day', 'sections.section_last_day'
        ) }} as covers_last_day
    from rosters
    inner join sections
        on rosters.section_id = sections.section_id
    where sections.is_reported
),

-- The one CASE that decides: the first rule the roster row fails, as a code of audit__reasons.
decided as (
    select
        *,
        case
            when person_id is null then 'raw_person_missing'
            when not is_section_trial then 'kecs_r5_roster_other_trial'
            when not covers_last_day then 'kecs_r5_br1_roster_not_on_last_day'
        end as reason_code
    from flagged
),

final as (
    select
        roster_id,
        person_id,
        section_id,
        calendar_id,
        structure_id,
        section_last_day,
        trial_id,
        effective_start_date,
        effective_end_date,
        is_section_trial,
        covers_last_day,
        reason_code,
        reason_code is null as is_kept
    from decided
)

select * from final
