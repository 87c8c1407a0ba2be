-- Staging for raw table `roster`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'roster') }}
),

typed as (
    select
        {{ sis_to_int('"rosterID"') }} as roster_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"sectionID"') }} as section_id,
        {{ sis_to_int('"trialID"') }} as trial_id,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_unparsed_columns('roster') }} as dq_unparsed_columns
    from source
)

select * from typed
