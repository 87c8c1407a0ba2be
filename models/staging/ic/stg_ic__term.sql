-- Staging for raw table `term`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'term') }}
),

typed as (
    select
        {{ sis_to_int('"termID"') }} as term_id,
        {{ sis_to_int('"termScheduleID"') }} as term_schedule_id,
        {{ sis_to_text('"name"') }} as term_name,
        {{ sis_to_int('"seq"') }} as term_seq,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_unparsed_columns('term') }} as dq_unparsed_columns
    from source
)

select * from typed
