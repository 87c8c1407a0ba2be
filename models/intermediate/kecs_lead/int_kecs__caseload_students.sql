-- One row per student and district counted on CASELOAD (R9), with the one enrollment that
-- represents the student in the district and the student's Case Manager Person ID.
-- R9.BR1: records of DETAIL (int_kecs__detail) whose State ID, Primary Disability (of the Detail
-- row's enrollment) and Case Manager Person ID are NOT NULL (0 = a student with a disability and no
-- active case manager, see int_kecs__student_case_managers); reported at the district level (the
-- student's enrollments in several schools, calendars or schedule structures of one district are
-- one student); with more than one Enrollment ID: service type P, else S, else N; within the same
-- service type the enrollment whose end date is NULL or is (on or after) the last day of
-- instruction of its own calendar and schedule structure
-- (macro kecs_aggregate_enrollment_order; further ties: most recent start, highest enrollmentID).
with detail as (
    select * from {{ ref('int_kecs__detail') }}
    where
        student_person_id is not null
        and student_state_id is not null
        and primary_disability is not null
        and case_manager_person_id is not null
),

student_enrollments as (
    select distinct
        end_year,
        district_id,
        district_number,
        district_name,
        case_manager_person_id,
        student_person_id,
        student_state_id,
        gender,
        race_ethnicity_fed,
        is_english_learner,
        enrollment_id,
        school_id,
        service_type,
        enrollment_start_date,
        enrollment_end_date,
        enrollment_last_instruction_date,
        state_grade,
        primary_disability
    from detail
),

ranked as (
    select
        *,
        row_number() over (
            partition by district_id, student_person_id
            order by {{ kecs_aggregate_enrollment_order() }}
        ) as enrollment_rank,
        count(*) over (partition by district_id, student_person_id) as district_enrollment_count
    from student_enrollments
),

final as (
    select
        end_year,
        district_id,
        district_number,
        district_name,
        case_manager_person_id,
        student_person_id,
        student_state_id,
        gender,
        race_ethnicity_fed,
        is_english_learner,
        enrollment_id,
        school_id,
        service_type,
        enrollment_start_date,
        enrollment_end_date,
        state_grade,
        primary_disability,
        district_enrollment_count
    from ranked
    where enrollment_rank = 1
)

select * from final
