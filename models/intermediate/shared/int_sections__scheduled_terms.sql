-- One row per section and distinct term it is scheduled in (its sectionplacement grid in its own
-- trial, periods collapsed), with the term's sequence and dates.
with sections as (
    select * from {{ ref('stg_ic__section') }}
),

placements as (
    select * from {{ ref('stg_ic__sectionplacement') }}
),

terms as (
    select * from {{ ref('stg_ic__term') }}
),

final as (
    select distinct
        placements.section_id,
        placements.term_id,
        terms.term_schedule_id,
        terms.term_name,
        terms.term_seq,
        terms.start_date as term_start_date,
        terms.end_date as term_end_date
    from placements
    inner join sections
        on
            placements.section_id = sections.section_id
            and placements.trial_id = sections.trial_id
    inner join terms
        on placements.term_id = terms.term_id
)

select * from final
