-- R9.BR1 / R9.BR2: CASELOAD selects DETAIL records whose State ID, Primary Disability and Case
-- Manager Person ID are not blank, one student per district. Per district and case manager, Total
-- Students equals the distinct such students of the Detail file, and the student-level splits
-- (gender, English learner) agree. Returns the rows where the two files disagree.
with detail_counts as (
    {{ audit_detail_student_counts(
        ['district_number', 'case_manager_person_id'],
        'primary_disability is not null and case_manager_person_id is not null'
    ) }}
),

caseload as (
    select * from {{ ref('kecs_lead__caseload') }}
)

select
    coalesce(detail_counts.district_number, caseload.district_number) as district_number,
    coalesce(detail_counts.case_manager_person_id, caseload.case_manager_person_id) as case_manager_person_id,
    detail_counts.total_students as detail_total_students,
    caseload.total_students as caseload_total_students
{{ audit_rows_that_differ(
    'detail_counts',
    'caseload',
    ['district_number', 'case_manager_person_id'],
    ['total_students', 'gender_female', 'english_learners']
) }}
