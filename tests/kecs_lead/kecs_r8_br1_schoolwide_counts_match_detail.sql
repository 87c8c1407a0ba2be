-- R8.BR1 / R8.BR2: SCHOOLWIDE selects DETAIL records with a State ID, one student per school. Per
-- school, Total Students equals the distinct students with a State ID in the Detail file, the
-- student-level splits (gender, English learner) agree, and Sections equals the Detail sections.
-- Returns the schools where the two files disagree.
with detail as (
    select * from {{ ref('kecs_lead__detail') }}
),

detail_counts as (
    {{ audit_detail_student_counts(['district_number', 'school_number']) }}
),

detail_schools as (
    select
        district_number,
        school_number,
        count(distinct section_id) as section_count
    from detail
    group by district_number, school_number
),

schoolwide as (
    select * from {{ ref('kecs_lead__schoolwide') }}
)

select
    coalesce(detail_schools.district_number, schoolwide.district_number) as district_number,
    coalesce(detail_schools.school_number, schoolwide.school_number) as school_number,
    coalesce(detail_counts.total_students, 0) as detail_total_students,
    schoolwide.total_students as schoolwide_total_students
from detail_schools
full outer join schoolwide
    on
        detail_schools.district_number = schoolwide.district_number
        and detail_schools.school_number = schoolwide.school_number
left join detail_counts
    on
        detail_schools.district_number = detail_counts.district_number
        and detail_schools.school_number = detail_counts.school_number
where
    detail_schools.school_number is null
    or schoolwide.school_number is null
    or coalesce(detail_counts.total_students, 0) <> schoolwide.total_students
    or coalesce(detail_counts.gender_female, 0) <> schoolwide.gender_female
    or coalesce(detail_counts.english_learners, 0) <> schoolwide.english_learners
    or detail_schools.section_count <> schoolwide.section_count
