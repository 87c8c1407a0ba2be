-- Staging for raw table `termschedule`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'termschedule') }}
),

typed as (
    select
        {{ sis_staged_columns('termschedule') }}
    from source
)

select * from typed
