-- Nothing is silently lost (counts): for each extract, report and candidate kind, the number of
-- candidate rows in the accounting equals the number of staging rows of that kind whose district
-- is of the extract's state, plus the rows whose state cannot be known (they are candidates of both
-- extracts). The state is derived here from the staging tables alone, independently of the audit
-- models. Returns one row per report and kind where the two counts differ.
with calendar_states as (
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
        calendar_states.state_code
    from {{ ref('stg_ic__enrollment') }} as enrollments
    left join calendar_states
        on enrollments.calendar_id = calendar_states.calendar_id

    union all

    select
        'roster' as candidate_kind,
        section_states.state_code
    from {{ ref('stg_ic__roster') }} as rosters
    left join section_states
        on rosters.section_id = section_states.section_id

    union all

    select
        'section' as candidate_kind,
        section_states.state_code
    from section_states

    union all

    select
        'staff assignment' as candidate_kind,
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
        coalesce(section_states.state_code, calendar_states.state_code) as state_code
    from {{ ref('stg_ic__gradingscore') }} as scores
    left join section_states
        on scores.section_id = section_states.section_id
    left join calendar_states
        on scores.calendar_id = calendar_states.calendar_id
),

-- The reports and the kinds of raw rows each one accounts for.
expected_reports as (
    select 'kecs_lead' as extract, 'KY' as state_code, 'Detail' as report, 'enrollment' as candidate_kind
    union all select 'kecs_lead', 'KY', 'Detail', 'roster'
    union all select 'kecs_lead', 'KY', 'Detail', 'section'
    union all select 'kecs_lead', 'KY', 'Classes', 'section'
    union all select 'kecs_lead', 'KY', 'Schoolwide', 'enrollment'
    union all select 'kecs_lead', 'KY', 'Caseload', 'enrollment'
    union all select 'kecs_lead', 'KY', 'Staff', 'staff assignment'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'enrollment'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'roster'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'section'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'grading score'
),

expected as (
    select
        expected_reports.extract,
        expected_reports.report,
        expected_reports.candidate_kind,
        count(staging_rows.candidate_kind) as staging_rows
    from expected_reports
    left join staging_rows
        on
            expected_reports.candidate_kind = staging_rows.candidate_kind
            and (staging_rows.state_code = expected_reports.state_code or staging_rows.state_code is null)
    group by
        expected_reports.extract,
        expected_reports.report,
        expected_reports.candidate_kind
),

accounted as (
    select
        extract,
        report,
        candidate_kind,
        count(*) as candidates
    from {{ ref('audit__kecs_lead_accounting') }}
    group by extract, report, candidate_kind

    union all

    select
        extract,
        report,
        candidate_kind,
        count(*) as candidates
    from {{ ref('audit__il_sca_accounting') }}
    group by extract, report, candidate_kind
)

select
    coalesce(expected.extract, accounted.extract) as extract,
    coalesce(expected.report, accounted.report) as report,
    coalesce(expected.candidate_kind, accounted.candidate_kind) as candidate_kind,
    expected.staging_rows,
    accounted.candidates
from expected
full outer join accounted
    on
        expected.extract = accounted.extract
        and expected.report = accounted.report
        and expected.candidate_kind = accounted.candidate_kind
where
    expected.extract is null
    or coalesce(expected.staging_rows, 0) <> coalesce(accounted.candidates, 0)
