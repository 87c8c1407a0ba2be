-- Staging for raw table `scorelistitem`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'scorelistitem') }}
),

typed as (
    select
        {{ sis_to_int('"scoreGroupID"') }} as score_group_id,
        {{ sis_to_text('"score"') }} as score,
        {{ sis_to_code('"stateScore"') }} as state_score,
        {{ sis_to_int('"seq"') }} as score_seq,
        {{ sis_to_bool('"passing"') }} as is_passing,
        {{ sis_typed_key('scorelistitem') }} as scorelistitem_key,
        {{ sis_unparsed_columns('scorelistitem') }} as dq_unparsed_columns
    from source
)

select * from typed
