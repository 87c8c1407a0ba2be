-- Staging for raw table `sectionplacement`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'sectionplacement') }}
),

typed as (
    select
        {{ sis_to_int('"sectionID"') }} as section_id,
        {{ sis_to_int('"trialID"') }} as trial_id,
        {{ sis_to_int('"termID"') }} as term_id,
        {{ sis_to_int('"periodID"') }} as period_id,
        {{ sis_typed_key('sectionplacement') }} as sectionplacement_key,
        {{ sis_unparsed_columns('sectionplacement') }} as dq_unparsed_columns
    from source
)

select * from typed
