-- Staging for raw table `trial`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'trial') }}
),

typed as (
    select
        {{ sis_staged_columns('trial') }}
    from source
)

select * from typed
