-- `sis-extracts explain il-sca --section`: the section's scheduled terms and the term period each
-- reports under (SCA Multiple Records: the state-reported task's term mask splits a section;
-- int_sca__section_periods). One row per section and term.
with periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

terms as (
    select * from {{ ref('stg_ic__term') }}
),

final as (
    select
        periods.section_id,
        periods.term_id,
        periods.term_name,
        periods.term_start_date,
        periods.term_end_date,
        periods.period_term_id,
        terms.term_name as period_term_name,
        periods.is_split_section,
        periods.period_credit
    from periods
    left join terms
        on periods.period_term_id = terms.term_id
)

select * from final
