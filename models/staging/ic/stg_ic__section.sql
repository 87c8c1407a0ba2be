-- Staging for raw table `section`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'section') }}
),

typed as (
    select
        {{ sis_staged_columns('section') }}
    from source
)

select * from typed
