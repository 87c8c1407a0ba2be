-- Nothing is silently lost (row by row): every staging enrollment, roster row, section, staff
-- assignment and grade is a candidate of at least one report of at least one extract, unless its
-- district is of a state neither extract reports (not 'KY' or 'IL'). Returns the raw rows the
-- accounting does not hold.
with accounted as (
    select
        candidate_kind,
        candidate_id
    from {{ ref('audit__kecs_lead_accounting') }}

    union

    select
        candidate_kind,
        candidate_id
    from {{ ref('audit__il_sca_accounting') }}
),

calendar_states as (
    select
        calendars.calendar_id,
        districts.state_code
    from {{ ref('stg_ic__calendar') }} as calendars
    left join {{ ref('stg_ic__school') }} as schools
        on calendars.school_id = schools.school_id
    left join {{ ref('stg_ic__district') }} as districts
        on coalesce(calendars.district_id, schools.district_id) = districts.district_id
),

section_states as (
    select
        sections.section_id,
        calendar_states.state_code
    from {{ ref('stg_ic__section') }} as sections
    left join {{ ref('stg_ic__course') }} as courses
        on sections.course_id = courses.course_id
    left join calendar_states
        on courses.calendar_id = calendar_states.calendar_id
),

raw_rows as (
    select
        'enrollment' as candidate_kind,
        enrollments.enrollment_id as candidate_id,
        calendar_states.state_code
    from {{ ref('stg_ic__enrollment') }} as enrollments
    left join calendar_states
        on enrollments.calendar_id = calendar_states.calendar_id

    union all

    select
        'roster' as candidate_kind,
        rosters.roster_id as candidate_id,
        section_states.state_code
    from {{ ref('stg_ic__roster') }} as rosters
    left join section_states
        on rosters.section_id = section_states.section_id

    union all

    select
        'section' as candidate_kind,
        section_id as candidate_id,
        state_code
    from section_states

    union all

    select
        'staff assignment' as candidate_kind,
        assignments.assignment_id as candidate_id,
        districts.state_code
    from {{ ref('stg_ic__employmentassignment') }} as assignments
    left join {{ ref('stg_ic__district') }} as districts
        on assignments.district_id = districts.district_id

    union all

    select
        'grading score' as candidate_kind,
        scores.score_id as candidate_id,
        section_states.state_code
    from {{ ref('stg_ic__gradingscore') }} as scores
    left join section_states
        on scores.section_id = section_states.section_id
)

select
    raw_rows.candidate_kind,
    raw_rows.candidate_id,
    raw_rows.state_code
from raw_rows
left join accounted
    on
        raw_rows.candidate_kind = accounted.candidate_kind
        and raw_rows.candidate_id = accounted.candidate_id
where
    accounted.candidate_id is null
    and coalesce(raw_rows.state_code, 'KY') in ('KY', 'IL')
    and not (raw_rows.candidate_kind = 'staff assignment' and raw_rows.state_code = 'IL')
    and not (raw_rows.candidate_kind = 'grading score' and raw_rows.state_code = 'KY')
