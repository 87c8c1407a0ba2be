-- Staging for raw table `gradingtask`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradingtask') }}
),

typed as (
    select
        {{ sis_staged_columns('gradingtask') }}
    from source
)

select * from typed
