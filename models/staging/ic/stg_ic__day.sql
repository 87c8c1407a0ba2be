-- Staging for raw table `day`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'day') }}
),

typed as (
    select
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_int('"structureID"') }} as structure_id,
        {{ sis_to_date('"date"') }} as calendar_date,
        {{ sis_to_bool('"instruction"') }} as is_instruction_day,
        {{ sis_to_bool('"attendance"') }} as is_attendance_day,
        {{ sis_typed_key('day') }} as day_key,
        {{ sis_unparsed_columns('day') }} as dq_unparsed_columns
    from source
)

select * from typed
