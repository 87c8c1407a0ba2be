-- One row per District Assignment record of a KY district with the first rule that keeps it off
-- STAFF (reason_code, NULL = kept; codes of audit__reasons): a broken raw row without a person
-- (RAW); not overlapping the reported school year 07/01-06/30 (R7.BR1); then whether its person is
-- active staff and whether its school is reported. int_kecs__staff_assignments holds the rows of
-- the school year.
-- R7.BR1: staff are active when they have both a District Assignment and a District Employment
-- record (int_kecs__staff_employment) in the same district overlapping the school year.
-- R7 ("active staff for a given calendar"): STAFF lists the assignments of active staff at
-- schools that have an in-scope calendar (int_kecs__calendars_in_scope: end year, selected
-- calendars, R5.BR3, R5.BR4, R5.BR8). Assignments with no school cannot be placed on a school row
-- (Issues, Warning 12). Issues 1, 2 and 12 read int_kecs__staff_assignments.
with assignments as (
    select * from {{ ref('stg_ic__employmentassignment') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

school_classifications as (
    select * from {{ ref('int_kecs__school_classifications') }}
),

employment as (
    select * from {{ ref('int_kecs__staff_employment') }}
),

reported_schools as (
    select
        school_id,
        min(school_number) as school_number,
        min(school_name) as school_name,
        min(state_classification) as state_classification
    from {{ ref('int_kecs__calendars_in_scope') }}
    where is_in_scope
    group by school_id
),

flagged as (
    select
        assignments.assignment_id,
        assignments.person_id,
        assignments.district_id,
        assignments.school_id,
        reported_schools.school_number,
        reported_schools.school_name,
        reported_schools.state_classification,
        assignments.start_date,
        assignments.end_date,
        assignments.title,
        assignments.employee_type,
        assignments.alt_employee_type,
        coalesce(assignments.is_teacher, false) as is_teacher,
        coalesce(assignments.is_special_ed, false) as is_special_ed,
        assignments.fte,
        employment.employment_id is not null as is_active_staff,
        reported_schools.school_id is not null as is_school_reported,
        employment.epsb_id,
        employment.employment_id,
        coalesce(school_classifications.is_classification_reported, false) as is_classification_reported,
        assignments.person_id is not null as has_person,
        {{ open_span_overlaps(
            'assignments.start_date', 'assignments.end_date',
            'reporting_window.staff_year_start_date', 'reporting_window.staff_year_end_date'
        ) }} as overlaps_staff_year
    from assignments
    inner join districts
        on assignments.district_id = districts.district_id
    cross join reporting_window
    left join employment
        on
            assignments.person_id = employment.person_id
            and assignments.district_id = employment.district_id
    left join reported_schools
        on assignments.school_id = reported_schools.school_id
    left join school_classifications
        on assignments.school_id = school_classifications.school_id
    where districts.state_code = 'KY'
),

-- The one CASE that decides whether the assignment goes on STAFF: the first rule it fails, as a
-- code of audit__reasons (NULL = kept). RAW person; R7.BR1 school year; R7.BR1 active staff; an
-- assignment without a school; the school's State Classification not reported (R5.BR4); the school
-- without an in-scope calendar (R7).
decided as (
    select
        *,
        case
            when not has_person then 'raw_person_missing'
            when not overlaps_staff_year then 'kecs_r7_br1_assignment_outside_year'
            when not is_active_staff then 'kecs_r7_br1_no_employment'
            when school_id is null then 'kecs_r7_assignment_without_school'
            when not is_school_reported and not is_classification_reported
                then 'kecs_r5_br4_classification'
            when not is_school_reported then 'kecs_r7_school_not_reported'
        end as reason_code
    from flagged
),

final as (
    select
        *,
        reason_code is null as is_kept
    from decided
)

select * from final
