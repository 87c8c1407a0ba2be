-- Staging for raw table `calendar`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'calendar') }}
),

typed as (
    select
        {{ sis_staged_columns('calendar') }}
    from source
)

select * from typed
