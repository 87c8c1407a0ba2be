-- KECS LEAD accounting, calendar context: one row per raw calendar with its state, district,
-- school and the reason the calendar's rows are set aside (NULL = in scope), read from the
-- deciding model int_kecs__calendars_in_scope (R1, Select Calendars, R5.BR8, R5.BR3, R5.BR4).
-- A KY calendar the selection does not hold belongs to another end year (R1); a calendar whose
-- district is missing from the raw folder has no state (RAW). The enrollment, section and roster
-- accountings start from it.
with calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

calendars_in_scope as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

final as (
    select
        calendars.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code,
        case
            when calendars.state_code is null then 'raw_calendar_without_district'
            {{ audit_reason_from('calendars_in_scope', 'calendar_id', 'kecs_r1_other_end_year') }}
        end as reason_code
    from calendars
    left join calendars_in_scope
        on calendars.calendar_id = calendars_in_scope.calendar_id
)

select * from final
