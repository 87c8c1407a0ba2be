-- Staging for raw table `sectionstaffhistory`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'sectionstaffhistory') }}
),

typed as (
    select
        {{ sis_to_int('"sectionID"') }} as section_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_code('"staffType"') }} as staff_type,
        {{ sis_to_text('"role"') }} as role,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_typed_key('sectionstaffhistory') }} as sectionstaffhistory_key,
        {{ sis_unparsed_columns('sectionstaffhistory') }} as dq_unparsed_columns
    from source
)

select * from typed
