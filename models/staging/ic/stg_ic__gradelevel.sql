-- Staging for raw table `gradelevel`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradelevel') }}
),

typed as (
    select
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_code('"name"') }} as grade_level_name,
        {{ sis_to_code('"stateGrade"') }} as state_grade,
        {{ sis_to_bool('"exclude"') }} as is_excluded,
        {{ sis_typed_key('gradelevel') }} as gradelevel_key,
        {{ sis_unparsed_columns('gradelevel') }} as dq_unparsed_columns
    from source
)

select * from typed
