-- The DETAIL report (R5) with typed values: one row per student and reported section, plus one
-- row (student columns NULL) for each reported section without a reported student, so that
-- CLASSES, which pulls all its records from DETAIL (R6.BR1), contains the sections that have no
-- students (R6.BR2). kecs_lead__detail formats it; Classes, Schoolwide and Caseload aggregate it.
-- Sections: int_kecs__sections_in_scope (R5.BR2, R5.BR3, R5.BR4, R5.BR8, active trial, placement,
-- term dates, cross-site). Students: rostered on the section's last day with an active enrollment
-- (R5.BR1), the enrollment chosen by R5.BR9 (int_kecs__student_section_enrollment); exclude flags
-- kept (R5.BR5, R5.BR6), no-shows dropped (R5.BR7).
-- Case Manager Person ID (R9.BR1): the student's active case manager; 0 when the enrollment has a
-- primary disability and no active case manager; NULL otherwise.
with sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
    where is_reported
),

teachers as (
    select * from {{ ref('int_kecs__section_teachers_of_record') }}
),

student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
    where has_active_enrollment
),

enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

case_managers as (
    select * from {{ ref('int_kecs__student_case_managers') }}
),

english_learners as (
    select * from {{ ref('int_kecs__english_learners') }}
),

students as (
    select
        student_sections.section_id,
        student_sections.person_id as student_person_id,
        people.state_id as student_state_id,
        people.student_number,
        people.last_name as student_last_name,
        people.first_name as student_first_name,
        people.gender,
        people.race_ethnicity_fed,
        enrollments.enrollment_id,
        enrollments.service_type,
        enrollments.start_date as enrollment_start_date,
        enrollments.end_date as enrollment_end_date,
        enrollments.grade_level_name,
        enrollments.state_grade,
        enrollments.is_grade_level_excluded,
        enrollments.is_state_excluded,
        enrollments.primary_disability,
        enrollments.last_instruction_date as enrollment_last_instruction_date,
        english_learners.person_id is not null as is_english_learner,
        case
            when case_managers.case_manager_person_id is not null then case_managers.case_manager_person_id
            when enrollments.primary_disability is not null then 0
        end as case_manager_person_id,
        student_sections.active_enrollment_count,
        student_sections.roster_id
    from student_sections
    inner join enrollments
        on student_sections.enrollment_id = enrollments.enrollment_id
    left join people
        on student_sections.person_id = people.person_id
    left join case_managers
        on student_sections.person_id = case_managers.person_id
    left join english_learners
        on student_sections.person_id = english_learners.person_id
),

final as (
    select
        sections.end_year,
        sections.section_id,
        sections.district_id,
        sections.district_number,
        sections.district_name,
        sections.school_id,
        sections.school_number,
        sections.school_name,
        sections.state_classification,
        sections.calendar_id,
        sections.calendar_name,
        sections.is_calendar_excluded,
        sections.structure_id,
        sections.structure_name,
        sections.course_id,
        sections.course_number,
        sections.course_name,
        sections.section_number,
        sections.course_state_code,
        sections.core_content,
        sections.teaching_method,
        sections.instructional_setting,
        sections.section_special_type,
        sections.kts_exchange,
        sections.responsive,
        teachers.teacher_person_id,
        teachers.teacher_source,
        teacher_people.first_name as teacher_first_name,
        teacher_people.last_name as teacher_last_name,
        sections.section_start_date,
        sections.section_end_date,
        sections.section_last_day,
        sections.section_last_day_source,
        students.student_person_id,
        students.student_state_id,
        students.student_number,
        students.student_last_name,
        students.student_first_name,
        students.gender,
        students.race_ethnicity_fed,
        students.enrollment_id,
        students.service_type,
        students.enrollment_start_date,
        students.enrollment_end_date,
        students.enrollment_last_instruction_date,
        students.grade_level_name,
        students.state_grade,
        students.is_grade_level_excluded,
        students.is_state_excluded,
        students.primary_disability,
        students.is_english_learner,
        students.case_manager_person_id,
        students.active_enrollment_count,
        students.roster_id
    from sections
    left join teachers
        on sections.section_id = teachers.section_id
    left join people as teacher_people
        on teachers.teacher_person_id = teacher_people.person_id
    left join students
        on sections.section_id = students.section_id
)

select * from final
