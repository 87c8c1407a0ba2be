-- Staging for raw table `identity`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'identity') }}
),

typed as (
    select
        {{ sis_staged_columns('identity') }}
    from source
)

select * from typed
