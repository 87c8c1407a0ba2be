-- Staging for raw table `gradingscore`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'gradingscore') }}
),

typed as (
    select
        {{ sis_to_int('"scoreID"') }} as score_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"sectionID"') }} as section_id,
        {{ sis_to_int('"taskID"') }} as task_id,
        {{ sis_to_int('"termID"') }} as term_id,
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_text('"score"') }} as score,
        {{ sis_to_decimal('"percent"') }} as score_percent,
        {{ sis_to_date('"date"') }} as posted_date,
        {{ sis_unparsed_columns('gradingscore') }} as dq_unparsed_columns
    from source
)

select * from typed
