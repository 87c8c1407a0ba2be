-- Staging for raw table `school`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'school') }}
),

typed as (
    select
        {{ sis_staged_columns('school') }}
    from source
)

select * from typed
