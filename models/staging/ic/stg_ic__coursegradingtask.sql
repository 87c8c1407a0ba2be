-- Staging for raw table `coursegradingtask`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'coursegradingtask') }}
),

typed as (
    select
        {{ sis_to_int('"courseID"') }} as course_id,
        {{ sis_to_int('"taskID"') }} as task_id,
        {{ sis_to_int('"scoreGroupID"') }} as score_group_id,
        {{ sis_to_decimal('"creditAmount"') }} as credit_amount,
        {{ sis_to_code('"termMask"') }} as term_mask,
        {{ sis_typed_key('coursegradingtask') }} as coursegradingtask_key,
        {{ sis_unparsed_columns('coursegradingtask') }} as dq_unparsed_columns
    from source
)

select * from typed
