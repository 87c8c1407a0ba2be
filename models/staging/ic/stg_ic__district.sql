-- Staging for raw table `district`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'district') }}
),

typed as (
    select
        {{ sis_staged_columns('district') }}
    from source
)

select * from typed
