-- Staging for raw table `employmentassignment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'employmentassignment') }}
),

typed as (
    select
        {{ sis_to_int('"assignmentID"') }} as assignment_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"districtID"') }} as district_id,
        {{ sis_to_int('"schoolID"') }} as school_id,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_to_text('"title"') }} as title,
        {{ sis_to_code('"type"') }} as employee_type,
        {{ sis_to_code('"altType"') }} as alt_employee_type,
        {{ sis_to_bool('"teacher"') }} as is_teacher,
        {{ sis_to_bool('"specialEd"') }} as is_special_ed,
        {{ sis_to_decimal('"fte"') }} as fte,
        {{ sis_unparsed_columns('employmentassignment') }} as dq_unparsed_columns
    from source
)

select * from typed
