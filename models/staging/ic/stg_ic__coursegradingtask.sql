-- Staging for raw table `coursegradingtask`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'coursegradingtask') }}
),

typed as (
    select
        {{ sis_staged_columns('coursegradingtask') }}
    from source
)

select * from typed
