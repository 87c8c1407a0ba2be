-- One row per schedule structure and day of instruction that applies to it: "the last day of
-- instruction" (raw contract: the last `day` row with instruction = 1) is read per calendar AND
-- schedule structure, since the structures of one calendar can end on different days.
-- Which `day` rows apply to a structure: its own (day.structureID = the structure); a structure
-- with no day rows of its own takes the calendar's day rows that name no structure; with neither,
-- every instruction day of its calendar (any structure). A structure of a calendar without any
-- day row has no row here (callers then fall back to the calendar's end date).
with structures as (
    select
        structure_id,
        calendar_id
    from {{ ref('stg_ic__schedulestructure') }}
    where
        structure_id is not null
        and calendar_id is not null
),

days as (
    select
        calendar_id,
        structure_id,
        calendar_date,
        coalesce(is_instruction_day, false) as is_instruction_day
    from {{ ref('stg_ic__day') }}
    where
        calendar_id is not null
        and calendar_date is not null
),

structures_with_days as (
    select distinct structure_id
    from days
    where structure_id is not null
),

calendars_with_unstructured_days as (
    select distinct calendar_id
    from days
    where structure_id is null
),

sourced as (
    select
        structures.calendar_id,
        structures.structure_id,
        structures_with_days.structure_id is not null as has_own_days,
        calendars_with_unstructured_days.calendar_id is not null as has_calendar_days
    from structures
    left join structures_with_days
        on structures.structure_id = structures_with_days.structure_id
    left join calendars_with_unstructured_days
        on structures.calendar_id = calendars_with_unstructured_days.calendar_id
),

final as (
    select distinct
        sourced.calendar_id,
        sourced.structure_id,
        days.calendar_date as instruction_date,
        case
            when sourced.has_own_days then 'structure'
            when sourced.has_calendar_days then 'calendar'
            else 'other structures of the calendar'
        end as day_source
    from sourced
    inner join days
        on
            sourced.calendar_id = days.calendar_id
            and (
                (sourced.has_own_days and sourced.structure_id = days.structure_id)
                or (not sourced.has_own_days and sourced.has_calendar_days and days.structure_id is null)
                or (not sourced.has_own_days and not sourced.has_calendar_days)
            )
    where days.is_instruction_day
)

select * from final
