-- `sis-extracts explain`: the dates of a roster row the accounting names (candidate kind
-- 'roster'): as entered and as in force (R5.BR1 / SCA Course Section read the effective dates).
-- One row per raw roster row.
with rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

final as (
    select
        roster_id,
        roster_start_date,
        roster_end_date,
        effective_start_date,
        effective_end_date
    from rosters
)

select * from final
