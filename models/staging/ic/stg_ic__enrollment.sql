-- Staging for raw table `enrollment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'enrollment') }}
),

typed as (
    select
        {{ sis_staged_columns('enrollment') }}
    from source
)

select * from typed
