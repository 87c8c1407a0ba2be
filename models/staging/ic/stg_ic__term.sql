-- Staging for raw table `term`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'term') }}
),

typed as (
    select
        {{ sis_staged_columns('term') }}
    from source
)

select * from typed
