-- Staging for raw table `schoolyear`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'schoolyear') }}
),

typed as (
    select
        {{ sis_to_int('"endYear"') }} as end_year,
        {{ sis_to_text('"label"') }} as school_year_label,
        {{ sis_to_bool('"active"') }} as is_active,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_unparsed_columns('schoolyear') }} as dq_unparsed_columns
    from source
)

select * from typed
