-- One row per student and school counted on SCHOOLWIDE (R8), with the one enrollment that
-- represents the student in that school.
-- R8.BR1: records of DETAIL (int_kecs__detail) whose State ID is NOT NULL; reported at the school
-- level (a student's enrollments in several calendars or schedule structures of one school are one
-- student); with more than one Enrollment ID for a student in a school: service type P, else S,
-- else N; within the same service type the enrollment whose end date is NULL or is (on or after)
-- the last day of instruction of its own calendar and schedule structure (macro
-- kecs_aggregate_enrollment_order; further ties: most recent start, highest enrollmentID).
with detail as (
    select * from {{ ref('int_kecs__detail') }}
    where
        student_person_id is not null
        and student_state_id is not null
),

student_enrollments as (
    select distinct
        end_year,
        district_id,
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        state_classification,
        student_person_id,
        student_state_id,
        gender,
        race_ethnicity_fed,
        is_english_learner,
        enrollment_id,
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
            partition by school_id, student_person_id
            order by {{ kecs_aggregate_enrollment_order() }}
        ) as enrollment_rank,
        count(*) over (partition by school_id, student_person_id) as school_enrollment_count
    from student_enrollments
),

final as (
    select
        end_year,
        district_id,
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        state_classification,
        student_person_id,
        student_state_id,
        gender,
        race_ethnicity_fed,
        is_english_learner,
        enrollment_id,
        service_type,
        enrollment_start_date,
        enrollment_end_date,
        state_grade,
        primary_disability,
        school_enrollment_count
    from ranked
    where enrollment_rank = 1
)

select * from final
