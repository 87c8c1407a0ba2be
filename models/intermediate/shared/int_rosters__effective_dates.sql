-- One row per roster with the dates it is in force: the roster-edit dates where given, else the
-- section's first term start / last term end (raw contract: NULL roster dates mean the section's
-- own dates).
with rosters as (
    select * from {{ ref('stg_ic__roster') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

final as (
    select
        rosters.roster_id,
        rosters.person_id,
        rosters.section_id,
        rosters.trial_id,
        rosters.start_date as roster_start_date,
        rosters.end_date as roster_end_date,
        sections.section_start_date,
        sections.section_end_date,
        coalesce(rosters.start_date, sections.section_start_date) as effective_start_date,
        coalesce(rosters.end_date, sections.section_end_date) as effective_end_date
    from rosters
    left join sections
        on rosters.section_id = sections.section_id
)

select * from final
