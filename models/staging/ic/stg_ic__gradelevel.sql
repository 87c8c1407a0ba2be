-- Staging for raw table `gradelevel`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradelevel') }}
),

typed as (
    select
        {{ sis_staged_columns('gradelevel') }}
    from source
)

select * from typed
