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

{{ kecs_representative_enrollments(kecs_school_columns(), 'school_id', 'school_enrollment_count') }}

select * from final
