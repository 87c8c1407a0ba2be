-- R10 Issues 4 and 12 (typed): the active staff's district assignments and employment (R7,
-- R7.BR1), one row per staff member and district. In the shape of kecs_issues_union;
-- int_kecs__issues unions the families, kecs_lead__issues formats them.
with staff_assignments as (
    select * from {{ ref('int_kecs__staff_assignments') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

active_staff as (
    select
        staff_assignments.assignment_id,
        staff_assignments.employment_id,
        staff_assignments.school_id,
        staff_assignments.title,
        staff_assignments.is_school_reported,
        staff_assignments.epsb_id,
        districts.district_number,
        districts.district_name,
        staff_assignments.person_id,
        people.first_name,
        people.last_name
    from staff_assignments
    inner join districts
        on staff_assignments.district_id = districts.district_id
    left join people
        on staff_assignments.person_id = people.person_id
    where staff_assignments.is_active_staff
),

-- Error 4: active staff on STAFF whose chosen employment record has no EPSB ID (R7.BR1).
issue_4 as (
    select distinct
        4 as issue_number,
        district_number,
        district_name,
        person_id,
        first_name,
        last_name,
        'District Employment ID ' || {{ kecs_text('employment_id') }}
        || ' has no License Number (EPSB ID)' as detail
    from active_staff
    where
        is_school_reported
        and epsb_id is null
),

-- Warning 12: active staff assignment with no school (R7).
issue_12 as (
    select
        12 as issue_number,
        district_number,
        district_name,
        person_id,
        first_name,
        last_name,
        'District Assignment ID ' || {{ kecs_text('assignment_id') }}
        || coalesce(' (' || title || ')', '') || ' has no school' as detail
    from active_staff
    where school_id is null
),

final as (
    {{ kecs_issues_union([
        ('issue_4', ['district', 'person']),
        ('issue_12', ['district', 'person']),
    ]) }}
)

select * from final
