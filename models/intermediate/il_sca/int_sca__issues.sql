-- SCA Issues: one row per data problem that drops or changes a Student Course Assignment record
-- (catalog: seed il_sca_issue_catalog, numbers 1..27; docs/il_sca.md). Typed here; the mart
-- il_sca__issues formats it in the shape shared with the KECS LEAD Issues report. Each family
-- model finds one group of issue numbers that read the same inputs: enrollments (1-6, 24),
-- sections (7-11, 15-17, 19, 26), records (12-14, 18, 20, 22, 27), rosters (21, 23), references
-- (25); this model unions them and names the calendar's school, the student, section and course.
-- Issues 21 and 23 are raised only for sections of courses that can report (State Code, not State
-- Exclude or Dual Credit) with a student whose enrollment reports.
with parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

students as (
    select * from {{ ref('int_sca__students') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

-- the families, each model int_sca__issues_<family>
unioned as (
    {% for family in ['enrollments', 'sections', 'records', 'rosters', 'references'] -%}
        select * from {{ ref('int_sca__issues_' ~ family) }}
        {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        unioned.issue_number,
        parameters.date_time_generated,
        parameters.end_year,
        calendars.district_id,
        calendars.district_number,
        calendars.district_name,
        calendars.school_id,
        calendars.school_number,
        calendars.school_name,
        unioned.calendar_id,
        unioned.person_id,
        students.reported_first_name as first_name,
        students.reported_last_name as last_name,
        unioned.section_id,
        courses.course_number,
        sections.section_number,
        unioned.enrollment_id,
        unioned.detail
    from unioned
    cross join parameters
    left join calendars
        on unioned.calendar_id = calendars.calendar_id
    left join students
        on unioned.person_id = students.person_id
    left join sections
        on unioned.section_id = sections.section_id
    left join courses
        on sections.course_id = courses.course_id
)

select * from final
