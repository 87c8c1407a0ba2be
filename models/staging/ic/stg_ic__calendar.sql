-- Staging for raw table `calendar`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'calendar') }}
),

typed as (
    select
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_int('"schoolID"') }} as school_id,
        {{ sis_to_int('"districtID"') }} as district_id,
        {{ sis_to_int('"endYear"') }} as end_year,
        {{ sis_to_text('"name"') }} as calendar_name,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_to_bool('"summerSchool"') }} as is_summer_school,
        {{ sis_to_bool('"exclude"') }} as is_excluded,
        {{ sis_unparsed_columns('calendar') }} as dq_unparsed_columns
    from source
)

select * from typed
