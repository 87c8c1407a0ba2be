-- Staging for raw table `course`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'course') }}
),

typed as (
    select
        {{ sis_staged_columns('course') }}
    from source
)

select * from typed
