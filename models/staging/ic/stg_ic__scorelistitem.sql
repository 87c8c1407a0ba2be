-- Staging for raw table `scorelistitem`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'scorelistitem') }}
),

typed as (
    select
        {{ sis_staged_columns('scorelistitem') }}
    from source
)

select * from typed
