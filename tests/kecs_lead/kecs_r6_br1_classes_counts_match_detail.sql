-- R6.BR1 / R6.BR2: CLASSES pulls all records from DETAIL. Every section of the Detail file is one
-- Classes row (sections without students included) and its counts equal the Detail rows of the
-- section. Returns the sections where the two files disagree.
with detail_counts as (
    select
        section_id,
        sum(case when student_person_id is not null then 1 else 0 end) as total_students,
        sum(case when student_person_id is not null and gender = 'F' then 1 else 0 end) as gender_female,
        sum(case when student_person_id is not null and gender = 'M' then 1 else 0 end) as gender_male,
        sum(case when primary_disability is not null then 1 else 0 end) as students_with_disability,
        sum(case when english_learner = 'Y' then 1 else 0 end) as english_learners,
        sum(case when grade = '09' then 1 else 0 end) as grade_09,
        count(distinct student_person_id) as distinct_students
    from {{ ref('kecs_lead__detail') }}
    group by section_id
),

classes as (
    select * from {{ ref('kecs_lead__classes') }}
)

select
    coalesce(detail_counts.section_id, classes.section_id) as section_id,
    detail_counts.total_students as detail_total_students,
    classes.total_students as classes_total_students
{{ audit_rows_that_differ('detail_counts', 'classes', ['section_id'], [
    'total_students',
    ('distinct_students', 'total_students'),
    'gender_female',
    'gender_male',
    'students_with_disability',
    'english_learners',
    'grade_09',
]) }}
