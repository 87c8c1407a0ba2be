-- R9.BR1 / R9.BR2: CASELOAD selects DETAIL records whose State ID, Primary Disability and Case
-- Manager Person ID are not blank, one student per district. Per district and case manager, Total
-- Students equals the distinct such students of the Detail file, and the student-level splits
-- (gender, English learner) agree. Returns the rows where the two files disagree.
with detail_students as (
    select distinct
        district_number,
        case_manager_person_id,
        student_person_id,
        gender,
        english_learner
    from {{ ref('kecs_lead__detail') }}
    where
        student_person_id is not null
        and state_id is not null
        and primary_disability is not null
        and case_manager_person_id is not null
),

detail_counts as (
    select
        district_number,
        case_manager_person_id,
        count(*) as total_students,
        sum(case when gender = 'F' then 1 else 0 end) as gender_female,
        sum(case when english_learner = 'Y' then 1 else 0 end) as english_learners
    from detail_students
    group by district_number, case_manager_person_id
),

caseload as (
    select * from {{ ref('kecs_lead__caseload') }}
)

select
    coalesce(detail_counts.district_number, caseload.district_number) as district_number,
    coalesce(detail_counts.case_manager_person_id, caseload.case_manager_person_id) as case_manager_person_id,
    detail_counts.total_students as detail_total_students,
    caseload.total_students as caseload_total_students
from detail_counts
full outer join caseload
    on
        detail_counts.district_number = caseload.district_number
        and detail_counts.case_manager_person_id = caseload.case_manager_person_id
where
    detail_counts.district_number is null
    or caseload.district_number is null
    or detail_counts.total_students <> caseload.total_students
    or detail_counts.gender_female <> caseload.gender_female
    or detail_counts.english_learners <> caseload.english_learners
