-- One row per raw row that points to a record the export does not hold (a roster, score or
-- placement of an unknown section or person, ...). Such a row can reach no report; both extracts
-- list it in their Issues report ("Record Points to a Missing Record") instead of losing it
-- silently. state_code is the state of the district the row can still be traced to (through its
-- section's course's calendar, or its own calendar), NULL when it cannot be traced: then both
-- extracts list it. Existence checks are `in (select ...)` (no join: a row is kept once); the
-- joins bring the calendar a row can be traced to.
with rosters as (
    select * from {{ ref('stg_ic__roster') }}
),

placements as (
    select * from {{ ref('stg_ic__sectionplacement') }}
),

enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('stg_ic__course') }}
),

terms as (
    select * from {{ ref('stg_ic__term') }}
),

people as (
    select * from {{ ref('stg_ic__person') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

references_made as (
    select
        'roster' as table_name,
        'rosterID' as key_column,
        rosters.roster_id as key_value,
        rosters.person_id,
        rosters.section_id,
        cast(null as {{ dbt.type_bigint() }}) as enrollment_id,
        sections.calendar_id,
        cast(null as {{ dbt.type_bigint() }}) as term_id,
        cast(null as {{ dbt.type_bigint() }}) as course_id,
        sections.section_id is not null as has_section,
        coalesce(rosters.person_id in (select people.person_id from people), false) as has_person,
        true as has_term,
        true as has_calendar,
        true as has_course
    from rosters
    left join sections
        on rosters.section_id = sections.section_id

    union all

    select
        'gradingscore' as table_name,
        'scoreID' as key_column,
        scores.score_id as key_value,
        scores.person_id,
        scores.section_id,
        cast(null as {{ dbt.type_bigint() }}) as enrollment_id,
        sections.calendar_id,
        cast(null as {{ dbt.type_bigint() }}) as term_id,
        cast(null as {{ dbt.type_bigint() }}) as course_id,
        sections.section_id is not null as has_section,
        coalesce(scores.person_id in (select people.person_id from people), false) as has_person,
        true as has_term,
        true as has_calendar,
        true as has_course
    from scores
    left join sections
        on scores.section_id = sections.section_id

    union all

    select
        'sectionplacement' as table_name,
        'sectionID' as key_column,
        placements.section_id as key_value,
        cast(null as {{ dbt.type_bigint() }}) as person_id,
        placements.section_id,
        cast(null as {{ dbt.type_bigint() }}) as enrollment_id,
        sections.calendar_id,
        placements.term_id,
        cast(null as {{ dbt.type_bigint() }}) as course_id,
        sections.section_id is not null as has_section,
        true as has_person,
        coalesce(placements.term_id in (select terms.term_id from terms), false) as has_term,
        true as has_calendar,
        true as has_course
    from placements
    left join sections
        on placements.section_id = sections.section_id

    union all

    select
        'enrollment' as table_name,
        'enrollmentID' as key_column,
        enrollments.enrollment_id as key_value,
        enrollments.person_id,
        cast(null as {{ dbt.type_bigint() }}) as section_id,
        enrollments.enrollment_id,
        enrollments.calendar_id,
        cast(null as {{ dbt.type_bigint() }}) as term_id,
        cast(null as {{ dbt.type_bigint() }}) as course_id,
        true as has_section,
        coalesce(enrollments.person_id in (select people.person_id from people), false) as has_person,
        true as has_term,
        coalesce(enrollments.calendar_id in (select calendars.calendar_id from calendars), false) as has_calendar,
        true as has_course
    from enrollments

    union all

    select
        'section' as table_name,
        'sectionID' as key_column,
        sections.section_id as key_value,
        cast(null as {{ dbt.type_bigint() }}) as person_id,
        sections.section_id,
        cast(null as {{ dbt.type_bigint() }}) as enrollment_id,
        courses.calendar_id,
        cast(null as {{ dbt.type_bigint() }}) as term_id,
        sections.course_id,
        true as has_section,
        true as has_person,
        true as has_term,
        true as has_calendar,
        courses.course_id is not null as has_course
    from sections
    left join courses
        on sections.course_id = courses.course_id
),

final as (
    select
        references_made.table_name,
        references_made.key_column,
        references_made.key_value,
        case
            when not references_made.has_section then 'sectionID'
            when not references_made.has_person then 'personID'
            when not references_made.has_term then 'termID'
            when not references_made.has_calendar then 'calendarID'
            when not references_made.has_course then 'courseID'
        end as missing_column,
        case
            when not references_made.has_section then 'section'
            when not references_made.has_person then 'person'
            when not references_made.has_term then 'term'
            when not references_made.has_calendar then 'calendar'
            when not references_made.has_course then 'course'
        end as missing_table,
        case
            when not references_made.has_section then references_made.section_id
            when not references_made.has_person then references_made.person_id
            when not references_made.has_term then references_made.term_id
            when not references_made.has_calendar then references_made.calendar_id
            when not references_made.has_course then references_made.course_id
        end as missing_value,
        case when references_made.has_person then references_made.person_id end as person_id,
        case when references_made.has_section then references_made.section_id end as section_id,
        references_made.enrollment_id,
        calendars.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code
    from references_made
    left join calendars
        on references_made.calendar_id = calendars.calendar_id
    where not (
        references_made.has_section
        and references_made.has_person
        and references_made.has_term
        and references_made.has_calendar
        and references_made.has_course
    )
)

select * from final
