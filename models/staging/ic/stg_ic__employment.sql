-- Staging for raw table `employment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'employment') }}
),

typed as (
    select
        {{ sis_to_int('"employmentID"') }} as employment_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"districtID"') }} as district_id,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_to_code('"licenseNumber"') }} as license_number,
        {{ sis_unparsed_columns('employment') }} as dq_unparsed_columns
    from source
)

select * from typed
