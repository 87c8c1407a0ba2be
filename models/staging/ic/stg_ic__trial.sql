-- Staging for raw table `trial`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'trial') }}
),

typed as (
    select
        {{ sis_to_int('"trialID"') }} as trial_id,
        {{ sis_to_int('"structureID"') }} as structure_id,
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_bool('"active"') }} as is_active,
        {{ sis_unparsed_columns('trial') }} as dq_unparsed_columns
    from source
)

select * from typed
