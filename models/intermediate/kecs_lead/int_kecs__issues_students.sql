-- R10 Issues 6, 9 and 17 (typed): the students of Detail whose values change what Schoolwide and
-- Caseload count (R6, R8, R8.BR1, R9, R9.BR1), one row per student and school (and enrollment).
-- In the shape of kecs_issues_union; int_kecs__issues unions the families, kecs_lead__issues
-- formats them.
with reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

detail as (
    select * from {{ ref('int_kecs__detail') }}
),

detail_students as (
    select distinct
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        student_person_id as person_id,
        student_first_name as first_name,
        student_last_name as last_name,
        student_state_id,
        gender,
        race_ethnicity_fed,
        enrollment_id,
        primary_disability,
        case_manager_person_id
    from detail
    where student_person_id is not null
),

-- Warning 6: DETAIL student without a State ID (not counted on Schoolwide/Caseload; R8.BR1, R9.BR1).
issue_6 as (
    select
        6 as issue_number,
        *,
        'State ID is blank' as detail
    from detail_students
    where student_state_id is null
),

-- Warning 9: student with a disability and no active case manager (Case Manager Person ID 0; R9.BR1).
issue_9 as (
    select
        9 as issue_number,
        detail_students.*,
        'Primary disability ' || detail_students.primary_disability || '; no Case Manager (specialEd) in force '
        || {{ format_date('reporting_window.window_start_date') }} || '-'
        || {{ format_date('reporting_window.window_end_date') }} as detail
    from detail_students
    cross join reporting_window
    where detail_students.case_manager_person_id = 0
),

-- Warning 17: DETAIL student without gender or federal race/ethnicity (R6, R8, R9).
issue_17 as (
    select distinct
        17 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        person_id,
        first_name,
        last_name,
        case
            when gender is null and race_ethnicity_fed is null then 'Gender and race/ethnicity are blank'
            when gender is null then 'Gender is blank'
            when race_ethnicity_fed is null then 'Race/ethnicity is blank'
            else 'Race/ethnicity ''' || race_ethnicity_fed || ''' is not a federal code 1-7'
        end as detail
    from detail_students
    where
        gender is null
        or race_ethnicity_fed is null
        or race_ethnicity_fed not in ('1', '2', '3', '4', '5', '6', '7')
),

final as (
    {{ kecs_issues_union([
        ('issue_6', ['school', 'person', 'enrollment_id']),
        ('issue_9', ['school', 'person', 'enrollment_id']),
        ('issue_17', ['school', 'person']),
    ]) }}
)

select * from final
