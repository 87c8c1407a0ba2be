-- Staging for raw table `gradingscore`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradingscore') }}
),

typed as (
    select
        {{ sis_staged_columns('gradingscore') }}
    from source
)

select * from typed
