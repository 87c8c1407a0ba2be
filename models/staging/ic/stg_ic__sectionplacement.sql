-- Staging for raw table `sectionplacement`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'sectionplacement') }}
),

typed as (
    select
        {{ sis_staged_columns('sectionplacement') }}
    from source
)

select * from typed
