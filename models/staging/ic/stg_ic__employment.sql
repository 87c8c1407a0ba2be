-- Staging for raw table `employment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'employment') }}
),

typed as (
    select
        {{ sis_staged_columns('employment') }}
    from source
)

select * from typed
