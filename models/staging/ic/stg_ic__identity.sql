-- Staging for raw table `identity`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'identity') }}
),

typed as (
    select
        {{ sis_to_int('"identityID"') }} as identity_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_text('"lastName"') }} as last_name,
        {{ sis_to_text('"firstName"') }} as first_name,
        {{ sis_to_text('"middleName"') }} as middle_name,
        {{ sis_to_text('"suffix"') }} as suffix,
        {{ sis_to_code('"gender"') }} as gender,
        {{ sis_to_date('"birthdate"') }} as birthdate,
        {{ sis_to_code('"raceEthnicityFed"') }} as race_ethnicity_fed,
        {{ sis_to_bool('"hispanicEthnicity"') }} as is_hispanic,
        {{ sis_to_text('"legalLastName"') }} as legal_last_name,
        {{ sis_to_text('"legalFirstName"') }} as legal_first_name,
        {{ sis_to_date('"effectiveDate"') }} as effective_date,
        {{ sis_unparsed_columns('identity') }} as dq_unparsed_columns
    from source
)

select * from typed
