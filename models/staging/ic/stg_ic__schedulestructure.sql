-- Staging for raw table `schedulestructure`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'schedulestructure') }}
),

typed as (
    select
        {{ sis_to_int('"structureID"') }} as structure_id,
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_text('"name"') }} as structure_name,
        {{ sis_to_bool('"active"') }} as is_active,
        {{ sis_unparsed_columns('schedulestructure') }} as dq_unparsed_columns
    from source
)

select * from typed
