-- Staging for raw table `employmentassignment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'employmentassignment') }}
),

typed as (
    select
        {{ sis_staged_columns('employmentassignment') }}
    from source
)

select * from typed
