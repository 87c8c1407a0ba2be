-- Staging for raw table `schedulestructure`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'schedulestructure') }}
),

typed as (
    select
        {{ sis_staged_columns('schedulestructure') }}
    from source
)

select * from typed
