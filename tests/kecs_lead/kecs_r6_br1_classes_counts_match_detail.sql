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
from detail_counts
full outer join classes
    on detail_counts.section_id = classes.section_id
where
    detail_counts.section_id is null
    or classes.section_id is null
    or detail_counts.total_students <> classes.total_students
    or detail_counts.distinct_students <> classes.total_students
    or detail_counts.gender_female <> classes.gender_female
    or detail_counts.gender_male <> classes.gender_male
    or detail_counts.students_with_disability <> classes.students_with_disability
    or detail_counts.english_learners <> classes.english_learners
    or detail_counts.grade_09 <> classes.grade_09
