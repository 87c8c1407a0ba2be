{#-
    The rows of both accounting models, audit__kecs_lead_accounting then audit__il_sca_accounting
    (union all), with `columns` (a list) and, when given, `where` (a condition on each model's rows).
    Used by audit__accounting_summary and the tests of tests/audit/.
-#}
{% macro audit_accounting_rows(columns, where=none) -%}
    {%- for model in ['audit__kecs_lead_accounting', 'audit__il_sca_accounting'] %}
    select
        {{ columns | join(',\n        ') }}
    from {{ ref(model) }}
    {%- if where %}
    where {{ where }}
    {%- endif %}
    {%- if not loop.last %}

    union all
    {% endif %}
    {%- endfor %}
{%- endmacro %}

{#-
    The state of every staging row the accounting accounts for, derived from the staging tables alone
    (independently of the audit models): a calendar's is its district's (else its school's district's);
    a section's, its course's calendar's; an enrollment's, its calendar's; a roster row's, its
    section's; a staff assignment's, its district's (else its school's district's); a grade's, its
    section's (else its calendar's). NULL when a row it points to is missing.
    Emits the CTEs calendar_states, section_states and staging_rows (candidate_kind, candidate_id,
    state_code). Used by tests/audit/audit_accounting_candidates_match_staging_rows.sql and
    tests/audit/audit_accounting_no_raw_row_lost.sql.
-#}
{% macro audit_staging_row_states() -%}
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

staging_rows as (
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
        section_states.section_id as candidate_id,
        section_states.state_code
    from section_states

    union all

    select
        'staff assignment' as candidate_kind,
        assignments.assignment_id as candidate_id,
        coalesce(districts.state_code, school_districts.state_code) as state_code
    from {{ ref('stg_ic__employmentassignment') }} as assignments
    left join {{ ref('stg_ic__district') }} as districts
        on assignments.district_id = districts.district_id
    left join {{ ref('stg_ic__school') }} as schools
        on assignments.school_id = schools.school_id
    left join {{ ref('stg_ic__district') }} as school_districts
        on schools.district_id = school_districts.district_id

    union all

    select
        'grading score' as candidate_kind,
        scores.score_id as candidate_id,
        coalesce(section_states.state_code, calendar_states.state_code) as state_code
    from {{ ref('stg_ic__gradingscore') }} as scores
    left join section_states
        on scores.section_id = section_states.section_id
    left join calendar_states
        on scores.calendar_id = calendar_states.calendar_id
)
{%- endmacro %}

{#-
    Two relations that must hold the same rows: `from left full outer join right on keys`, keeping
    the rows found on one side only or differing in one of `compared` (a column name both sides
    share, or a (left column, right column) pair). The caller writes the select list. Used by the
    tests that compare a summary with the rows it counts (tests/audit/, tests/kecs_lead/).
-#}
{% macro audit_rows_that_differ(left, right, keys, compared) -%}
from {{ left }}
full outer join {{ right }}
    on
        {%- for key in keys %}
        {{ "and " if not loop.first }}{{ left }}.{{ key }} = {{ right }}.{{ key }}
        {%- endfor %}
where
    {{ left }}.{{ keys[0] }} is null
    or {{ right }}.{{ keys[0] }} is null
    {%- for column in compared %}
    {%- set left_column, right_column = (column, column) if column is string else column %}
    or {{ left }}.{{ left_column }} <> {{ right }}.{{ right_column }}
    {%- endfor %}
{%- endmacro %}

{#-
    R8.BR1 / R9.BR1 as the tests read them from the Detail file: per `keys` (a list of columns of
    kecs_lead__detail), the distinct students with a State ID (and `condition`, when given), with the
    student-level splits Female and English learner. Used by tests/kecs_lead/kecs_r8_* and kecs_r9_*.
-#}
{% macro audit_detail_student_counts(keys, condition=none) -%}
    select
        {{ keys | join(',\n        ') }},
        count(*) as total_students,
        sum(case when gender = 'F' then 1 else 0 end) as gender_female,
        sum(case when english_learner = 'Y' then 1 else 0 end) as english_learners
    from (
        select distinct
            {{ keys | join(',\n            ') }},
            student_person_id,
            gender,
            english_learner
        from {{ ref('kecs_lead__detail') }}
        where
            student_person_id is not null
            and state_id is not null
            {%- if condition %}
            and {{ condition }}
            {%- endif %}
    ) as detail_students
    group by {{ keys | join(', ') }}
{%- endmacro %}
