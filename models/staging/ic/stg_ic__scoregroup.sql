-- Staging for raw table `scoregroup`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'scoregroup') }}
),

typed as (
    select
        {{ sis_staged_columns('scoregroup') }}
    from source
)

select * from typed
