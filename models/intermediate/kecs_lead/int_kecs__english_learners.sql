-- One row per student who is an English learner for the KECS LEAD counts (the English Learners
-- column of Classes R6, Schoolwide R8 and Caseload R9; English Learner on Detail R5).
-- Reading: a lep row with programStatus 'LEP' in force in the Date Range (identified date NULL or
-- on/before the range end, exit date NULL or on/after the range start). 'Exited LEP' never counts.
with lep as (
    select * from {{ ref('stg_ic__lep') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

final as (
    select
        lep.person_id,
        min(lep.identified_date) as identified_date,
        case when count(lep.exit_date) = count(*) then max(lep.exit_date) end as exit_date
    from lep
    cross join reporting_window
    where
        upper(trim(lep.program_status)) = 'LEP'
        and lep.person_id is not null
        and {{ open_span_overlaps(
            'lep.identified_date', 'lep.exit_date',
            'reporting_window.window_start_date', 'reporting_window.window_end_date'
        ) }}
    group by lep.person_id
)

select * from final
