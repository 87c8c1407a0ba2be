-- Staging for raw table `lep`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'lep') }}
),

typed as (
    select
        {{ sis_staged_columns('lep') }}
    from source
)

select * from typed
