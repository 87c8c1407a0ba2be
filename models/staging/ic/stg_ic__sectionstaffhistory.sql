-- Staging for raw table `sectionstaffhistory`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'sectionstaffhistory') }}
),

typed as (
    select
        {{ sis_staged_columns('sectionstaffhistory') }}
    from source
)

select * from typed
