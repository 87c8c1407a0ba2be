-- Staging for raw table `roster`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'roster') }}
),

typed as (
    select
        {{ sis_staged_columns('roster') }}
    from source
)

select * from typed
