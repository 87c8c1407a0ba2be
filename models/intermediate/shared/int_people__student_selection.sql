-- The student selection (`--students FILE`, var student_ids): one row per ID given, with the person
-- it names. The ID may be a person ID (person.personID) or a state ID (person.stateID); an ID that
-- names no person is kept with person_id NULL, so the run lists it as unknown. No row when no
-- selection is given (every student is reported).
-- Student Selection (Illinois editor: "Ad hoc Filter"; Kentucky: the same restriction): only the
-- selected students' enrollments are reported (int_enrollments__with_grade.is_selected_student).
with persons as (
    select * from {{ ref('stg_ic__person') }}
),

given_ids as (
    {{ student_selection_rows('persons') }}
),

matched as (
    select
        given_ids.given_id,
        persons.person_id,
        case
            when persons.person_id is null then null
            when cast(persons.person_id as {{ string_type() }}) = given_ids.given_id then 'person ID'
            else 'state ID'
        end as matched_on
    from given_ids
    left join persons
        on
            given_ids.given_id = cast(persons.person_id as {{ string_type() }})
            or given_ids.given_id = persons.state_id
),

final as (
    select
        given_id,
        person_id,
        matched_on,
        person_id is not null as is_known
    from matched
)

select * from final
