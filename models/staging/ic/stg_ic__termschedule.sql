-- Staging for raw table `termschedule`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'termschedule') }}
),

typed as (
    select
        {{ sis_to_int('"termScheduleID"') }} as term_schedule_id,
        {{ sis_to_int('"structureID"') }} as structure_id,
        {{ sis_to_text('"name"') }} as term_schedule_name,
        {{ sis_unparsed_columns('termschedule') }} as dq_unparsed_columns
    from source
)

select * from typed
