-- Staging for raw table `schoolyear`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'schoolyear') }}
),

typed as (
    select
        {{ sis_staged_columns('schoolyear') }}
    from source
)

select * from typed
