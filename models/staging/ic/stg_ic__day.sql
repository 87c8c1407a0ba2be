-- Staging for raw table `day`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'day') }}
),

typed as (
    select
        {{ sis_staged_columns('day') }}
    from source
)

select * from typed
