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

{{ kecs_representative_enrollments(
    ['end_year', 'district_id', 'district_number', 'district_name', 'case_manager_person_id', 'school_id'],
    'district_id',
    'district_enrollment_count'
) }}

select * from final
