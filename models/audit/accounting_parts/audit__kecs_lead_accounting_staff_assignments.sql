-- KECS LEAD accounting, Staff (R7, R7.BR1): one row per District Assignment
-- (stg_ic__employmentassignment) of a KY district (its own, or its school's; or of an assignment
-- whose state cannot be known). Reported when the Staff file has its row (same person, school,
-- Type and AltType). The reason is read, never re-derived: a missing district (RAW), else
-- int_kecs__staff_assignments_evaluated's (RAW person, R7.BR1 not overlapping 07/01-06/30, R7.BR1
-- no employment, R7 no school, R5.BR4, R7 school not reported).
with assignments as (
    select * from {{ ref('stg_ic__employmentassignment') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

schools as (
    select * from {{ ref('stg_ic__school') }}
),

evaluated_assignments as (
    select * from {{ ref('int_kecs__staff_assignments_evaluated') }}
),

staff_file as (
    select * from {{ ref('kecs_lead__staff') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

-- The Staff file row of each assignment: same person, school, Type and AltType (blank matches
-- blank). An inner join on the person and school, the types as a filter: inside an outer join's ON
-- clause the null-safe comparison made a nested-loop join of every assignment with every file row.
assignments_on_staff_file as (
    select
        assignments.assignment_id,
        staff_file.person_id
    from assignments
    inner join staff_file
        on
            assignments.person_id = staff_file.person_id
            and assignments.school_id = staff_file.school_id
    where
        (
            assignments.employee_type = staff_file.employee_type
            or (assignments.employee_type is null and staff_file.employee_type is null)
        )
        and (
            assignments.alt_employee_type = staff_file.alt_employee_type
            or (assignments.alt_employee_type is null and staff_file.alt_employee_type is null)
        )
),

unioned as (
    select
        'Staff' as report,
        'staff assignment' as candidate_kind,
        assignments.assignment_id as candidate_id,
        assignments_on_staff_file.person_id is not null as is_on_report,
        case
            when districts.district_id is null then 'raw_district_missing'
            {{ audit_reason_from('evaluated_assignments', 'assignment_id', 'audit_unmapped') }}
        end as reason_code,
        'R7.BR1' as reported_rule_id,
        case
            when evaluated_assignments.is_active_staff and evaluated_assignments.overlaps_staff_year
                then
                    'employment ' || cast(evaluated_assignments.employment_id as {{ string_type() }})
                    || ' overlaps 7/1-6/30; EPSB ID from it'
        end as note,
        coalesce(districts.state_code, school_districts.state_code) as state_code,
        assignments.district_id,
        assignments.school_id,
        cast(null as bigint) as calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        assignments.person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        assignments.assignment_id
    from assignments
    left join districts
        on assignments.district_id = districts.district_id
    left join schools
        on assignments.school_id = schools.school_id
    left join districts as school_districts
        on schools.district_id = school_districts.district_id
    left join evaluated_assignments
        on assignments.assignment_id = evaluated_assignments.assignment_id
    left join assignments_on_staff_file
        on assignments.assignment_id = assignments_on_staff_file.assignment_id
    where coalesce(districts.state_code, school_districts.state_code, 'KY') = 'KY'
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
