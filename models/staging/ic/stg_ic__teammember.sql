-- Staging for raw table `teammember`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'teammember') }}
),

typed as (
    select
        {{ sis_staged_columns('teammember') }}
    from source
)

select * from typed
