-- R9.BR1, decided once: every candidate enrollment of a student in a district for CASELOAD (R9),
-- one row per district and Detail enrollment, with the reason it is not counted (reason_code,
-- codes of audit__reasons; NULL = counted), is_kept and the student's Case Manager Person ID (0 =
-- a student with a disability and no active case manager, see int_kecs__student_case_managers).
-- Candidates: the students' records of DETAIL (int_kecs__detail), reported at the district level
-- (the student's enrollments in several schools, calendars or schedule structures of one district
-- are one student). Not counted: no State ID (kecs_r9_br1_no_state_id); no Primary Disability of
-- the Detail row's enrollment (kecs_r9_br1_no_disability; the Case Manager Person ID is NULL only
-- then, int_kecs__detail); with more than one Enrollment ID, all but one (kecs_r9_br1_not_chosen):
-- service type P, else S, else N; within the same service type the enrollment whose end date is
-- NULL or is (on or after) the last day of instruction of its own calendar and schedule structure
-- (macro kecs_aggregate_enrollment_order; further ties: most recent start, highest enrollmentID).
-- int_kecs__caseload_students is its kept rows.
with detail as (
    select * from {{ ref('int_kecs__detail') }}
    where student_person_id is not null
),

{{ kecs_representative_enrollments(
    ['end_year', 'district_id', 'district_number', 'district_name', 'case_manager_person_id', 'school_id'],
    'district_id',
    'district_enrollment_count',
    [
        ['student_state_id is null', 'kecs_r9_br1_no_state_id'],
        ['primary_disability is null or case_manager_person_id is null', 'kecs_r9_br1_no_disability'],
    ],
    'kecs_r9_br1_not_chosen'
) }}

select * from final
