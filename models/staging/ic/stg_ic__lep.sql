-- Staging for raw table `lep`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'lep') }}
),

typed as (
    select
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_code('"programStatus"') }} as program_status,
        {{ sis_to_date('"identifiedDate"') }} as identified_date,
        {{ sis_to_date('"exitDate"') }} as exit_date,
        {{ sis_typed_key('lep') }} as lep_key,
        {{ sis_unparsed_columns('lep') }} as dq_unparsed_columns
    from source
)

select * from typed
