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
    {#- A roster and a grading score both name a person in a section. #}
    {%- for relation, table_name, key_column, key in [
        ('rosters', 'roster', 'rosterID', 'roster_id'),
        ('scores', 'gradingscore', 'scoreID', 'score_id'),
    ] %}
        {{ raw_reference_checks(
            table_name, key_column, relation ~ '.' ~ key,
            {'person_id': relation ~ '.person_id', 'section_id': relation ~ '.section_id', 'calendar_id': 'sections.calendar_id'},
            {
                'section': 'sections.section_id is not null',
                'person': 'coalesce(' ~ relation ~ '.person_id in (select people.person_id from people), false)',
            }
        ) }}
        from {{ relation }}
        left join sections
            on {{ relation }}.section_id = sections.section_id

        union all
    {% endfor %}

    {{ raw_reference_checks(
        'sectionplacement', 'sectionID', 'placements.section_id',
        {'section_id': 'placements.section_id', 'calendar_id': 'sections.calendar_id', 'term_id': 'placements.term_id'},
        {
            'section': 'sections.section_id is not null',
            'term': 'coalesce(placements.term_id in (select terms.term_id from terms), false)',
        }
    ) }}
    from placements
    left join sections
        on placements.section_id = sections.section_id

    union all

    {{ raw_reference_checks(
        'enrollment', 'enrollmentID', 'enrollments.enrollment_id',
        {
            'person_id': 'enrollments.person_id',
            'enrollment_id': 'enrollments.enrollment_id',
            'calendar_id': 'enrollments.calendar_id',
        },
        {
            'person': 'coalesce(enrollments.person_id in (select people.person_id from people), false)',
            'calendar': 'coalesce(enrollments.calendar_id in (select calendars.calendar_id from calendars), false)',
        }
    ) }}
    from enrollments

    union all

    {{ raw_reference_checks(
        'section', 'sectionID', 'sections.section_id',
        {'section_id': 'sections.section_id', 'calendar_id': 'courses.calendar_id', 'course_id': 'sections.course_id'},
        {'course': 'courses.course_id is not null'}
    ) }}
    from sections
    left join courses
        on sections.course_id = courses.course_id
),

final as (
    select
        references_made.table_name,
        references_made.key_column,
        references_made.key_value,
        {{ raw_first_missing('key_column') }} as missing_column,
        {{ raw_first_missing('table') }} as missing_table,
        {{ raw_first_missing('value') }} as missing_value,
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
