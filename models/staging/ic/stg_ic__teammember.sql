-- Staging for raw table `teammember`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'teammember') }}
),

typed as (
    select
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"staffPersonID"') }} as staff_person_id,
        {{ sis_to_text('"role"') }} as role,
        {{ sis_to_text('"module"') }} as module,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_typed_key('teammember') }} as teammember_key,
        {{ sis_unparsed_columns('teammember') }} as dq_unparsed_columns
    from source
)

select * from typed
