-- `sis-extracts explain`: the people it can be asked about (a student by State ID or person ID, a
-- staff member by person ID, staff state ID or staff number), with the current identity's name.
-- One row per raw person. Decides nothing (SCA Student ID, R7 staff IDs are decided elsewhere).
with people as (
    select * from {{ ref('stg_ic__person') }}
),

identities as (
    select * from {{ ref('int_people__current_identity') }}
),

final as (
    select
        people.person_id,
        people.state_id,
        people.student_number,
        people.staff_number,
        people.staff_state_id,
        identities.last_name,
        identities.first_name
    from people
    left join identities
        on people.person_id = identities.person_id
)

select * from final
