-- Staging for raw table `person`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'person') }}
),

typed as (
    select
        {{ sis_staged_columns('person') }}
    from source
)

select * from typed
