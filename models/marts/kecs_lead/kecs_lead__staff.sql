-- KECS_LEAD_Staff.csv (R7): the active staff of the reported schools, one row per person, school,
-- Type and AltType.
-- R7.BR1: active = a District Assignment and a District Employment record overlapping 07/01-06/30
-- of the end year (int_kecs__staff_assignments, int_kecs__staff_employment). EPSB ID: the license
-- number of the employment record with a NULL end date, else the latest start date.
-- R7.BR2: sorted by EndYear, DistrictNumber, PersonID, SchoolNumber, Type, AltType (meta
-- export_order_by).
-- Reading: several assignments with the same school, Type and AltType are one row: earliest start,
-- latest end (blank when one is open-ended), Title and FTE of the latest-starting assignment,
-- Teacher / Special Ed 'Y' when any is.
{%- set r7_row_columns = [
    'person_id',
    'district_id',
    'school_id',
    'school_number',
    'school_name',
    'employee_type',
    'alt_employee_type',
] %}

with assignments as (
    select * from {{ ref('int_kecs__staff_assignments') }}
    where
        is_active_staff
        and is_school_reported
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

ranked as (
    select
        assignments.*,
        row_number() over (
            partition by
                assignments.person_id,
                assignments.school_id,
                assignments.employee_type,
                assignments.alt_employee_type
            order by assignments.start_date desc nulls last, assignments.assignment_id desc
        ) as assignment_rank
    from assignments
),

grouped as (
    select
        {{ r7_row_columns | join(',\n        ') }},
        max(epsb_id) as epsb_id,
        max(case when assignment_rank = 1 then title end) as title,
        max(case when assignment_rank = 1 then fte end) as fte,
        max(case when is_teacher then 1 else 0 end) as any_teacher,
        max(case when is_special_ed then 1 else 0 end) as any_special_ed,
        min(start_date) as assignment_start_date,
        case when count(end_date) = count(*) then max(end_date) end as assignment_end_date,
        count(*) as assignment_count
    from ranked
    group by
        {{ r7_row_columns | join(',\n        ') }}
),

final as (
    select
        {{ kecs_date_time_generated() }} as date_time_generated,
        cast(reporting_window.end_year as integer) as end_year,
        cast(grouped.person_id as bigint) as person_id,
        {{ kecs_three_digits('districts.district_number') }} as district_number,
        {{ kecs_three_digits('grouped.school_number') }} as school_number,
        grouped.epsb_id,
        people.first_name,
        people.last_name,
        districts.district_name,
        grouped.school_name,
        grouped.employee_type,
        grouped.alt_employee_type,
        grouped.title,
        case when grouped.any_teacher = 1 then 'Y' else 'N' end as teacher,
        case when grouped.any_special_ed = 1 then 'Y' else 'N' end as special_ed,
        cast(cast(grouped.fte as decimal(6, 2)) as {{ string_type() }}) as fte,
        {{ format_date('grouped.assignment_start_date') }} as assignment_start_date,
        {{ format_date('grouped.assignment_end_date') }} as assignment_end_date,
        cast(grouped.assignment_count as integer) as assignment_count,
        people.staff_number,
        people.staff_state_id,
        cast(grouped.school_id as bigint) as school_id
    from grouped
    cross join reporting_window
    inner join districts
        on grouped.district_id = districts.district_id
    left join people
        on grouped.person_id = people.person_id
)

select * from final
