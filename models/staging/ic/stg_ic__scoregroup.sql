-- Staging for raw table `scoregroup`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'scoregroup') }}
),

typed as (
    select
        {{ sis_to_int('"scoreGroupID"') }} as score_group_id,
        {{ sis_to_text('"name"') }} as score_group_name,
        {{ sis_unparsed_columns('scoregroup') }} as dq_unparsed_columns
    from source
)

select * from typed
