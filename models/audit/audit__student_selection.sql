-- The student selection of the run as the run summary reads it (`--students FILE`): one row per ID
-- given, with the person it names, or NULL for an ID that names nobody (listed as unknown).
with selection as (
    select * from {{ ref('int_people__student_selection') }}
),

final as (
    select
        given_id,
        person_id,
        matched_on,
        is_known
    from selection
)

select * from final
