-- Staging for raw table `district`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'district') }}
),

typed as (
    select
        {{ sis_to_int('"districtID"') }} as district_id,
        {{ sis_to_code('"number"') }} as district_number,
        {{ sis_to_text('"name"') }} as district_name,
        {{ sis_to_code('"state"') }} as state_code,
        {{ sis_to_code('"region"') }} as region,
        {{ sis_to_code('"county"') }} as county,
        {{ sis_to_code('"type"') }} as district_type,
        {{ sis_unparsed_columns('district') }} as dq_unparsed_columns
    from source
)

select * from typed
