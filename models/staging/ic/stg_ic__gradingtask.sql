-- Staging for raw table `gradingtask`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradingtask') }}
),

typed as (
    select
        {{ sis_to_int('"taskID"') }} as task_id,
        {{ sis_to_text('"name"') }} as task_name,
        {{ sis_to_int('"seq"') }} as task_seq,
        {{ sis_to_bool('"stateReported"') }} as is_state_reported,
        {{ sis_unparsed_columns('gradingtask') }} as dq_unparsed_columns
    from source
)

select * from typed
