-- Staging for raw table `school`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'school') }}
),

typed as (
    select
        {{ sis_to_int('"schoolID"') }} as school_id,
        {{ sis_to_int('"districtID"') }} as district_id,
        {{ sis_to_code('"number"') }} as school_number,
        {{ sis_to_text('"name"') }} as school_name,
        {{ sis_to_code('"stateClassification"') }} as state_classification,
        {{ sis_to_bool('"exclude"') }} as is_excluded,
        {{ sis_unparsed_columns('school') }} as dq_unparsed_columns
    from source
)

select * from typed
