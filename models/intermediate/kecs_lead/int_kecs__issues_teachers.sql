-- R10 Issues 1, 2, 3 and 5 (typed): the teachers of record of the Detail sections (R5) against the
-- staff records the Staff report reads (R7, R7.BR1). One row per problem record, in the shape of
-- kecs_issues_union; int_kecs__issues unions the families, kecs_lead__issues formats them.
with reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

detail as (
    select * from {{ ref('int_kecs__detail') }}
),

staff_assignments as (
    select * from {{ ref('int_kecs__staff_assignments') }}
),

staff_employment as (
    select * from {{ ref('int_kecs__staff_employment') }}
),

staff_year as (
    select
        {{ format_date('staff_year_start_date') }} || '-'
        || {{ format_date('staff_year_end_date') }} as staff_year_text
    from reporting_window
),

teachers_of_record as (
    select distinct
        district_id,
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        teacher_person_id as person_id,
        teacher_first_name as first_name,
        teacher_last_name as last_name
    from detail
    where teacher_person_id is not null
),

-- Each teacher of record with whether a district assignment at this school and a district
-- employment in this district overlap the year (R7.BR1).
teachers_with_staff_records as (
    select
        teachers_of_record.*,
        staff_year.staff_year_text,
        exists(
            select 1
            from staff_assignments
            where
                staff_assignments.person_id = teachers_of_record.person_id
                and staff_assignments.school_id = teachers_of_record.school_id
        ) as has_school_assignment,
        exists(
            select 1
            from staff_employment
            where
                staff_employment.person_id = teachers_of_record.person_id
                and staff_employment.district_id = teachers_of_record.district_id
        ) as has_district_employment
    from teachers_of_record
    cross join staff_year
),

-- Warning 1: teacher of record with no district assignment at this school overlapping the year (R7.BR1).
issue_1 as (
    select
        1 as issue_number,
        *,
        'No District Assignment at school ' || school_number || ' overlapping ' || staff_year_text as detail
    from teachers_with_staff_records
    where not has_school_assignment
),

-- Warning 2: teacher of record whose assignment at this school has no employee type (R7).
issue_2 as (
    select distinct
        2 as issue_number,
        teachers_of_record.*,
        'District Assignment ID ' || {{ kecs_text('staff_assignments.assignment_id') }}
        || coalesce(' (' || staff_assignments.title || ')', '') || ' has no Type' as detail
    from teachers_of_record
    inner join staff_assignments
        on
            teachers_of_record.person_id = staff_assignments.person_id
            and teachers_of_record.school_id = staff_assignments.school_id
    where staff_assignments.employee_type is null
),

-- Error 3: reported section with no teacher of record (R5).
issue_3 as (
    select distinct
        3 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        section_id,
        course_number,
        section_number,
        'No primary teacher (staff type P) in force on ' || {{ format_date('section_last_day') }}
        || ' and no teacher on the section record' as detail
    from detail
    where teacher_person_id is null
),

-- Error 5: teacher of record with no district employment overlapping the year (R7.BR1).
issue_5 as (
    select
        5 as issue_number,
        *,
        'No District Employment in district ' || district_number || ' overlapping ' || staff_year_text as detail
    from teachers_with_staff_records
    where not has_district_employment
),

final as (
    {{ kecs_issues_union([
        ('issue_1', ['school', 'person']),
        ('issue_2', ['school', 'person']),
        ('issue_3', ['school', 'section']),
        ('issue_5', ['school', 'person']),
    ]) }}
)

select * from final
