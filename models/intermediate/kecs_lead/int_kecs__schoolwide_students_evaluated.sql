-- R8.BR1, decided once: every candidate enrollment of a student in a school for SCHOOLWIDE (R8),
-- one row per school and Detail enrollment, with the reason it is not counted (reason_code, codes
-- of audit__reasons; NULL = counted) and is_kept. Candidates: the students' records of DETAIL
-- (int_kecs__detail), reported at the school level (a student's enrollments in several calendars
-- or schedule structures of one school are one student). Not counted: no State ID
-- (kecs_r8_br1_no_state_id); with more than one Enrollment ID for a student in a school, all but
-- one (kecs_r8_br1_not_chosen): service type P, else S, else N; within the same service type the
-- enrollment whose end date is NULL or is (on or after) the last day of instruction of its own
-- calendar and schedule structure (macro kecs_aggregate_enrollment_order; further ties: most recent
-- start, highest enrollmentID). int_kecs__schoolwide_students is its kept rows.
with detail as (
    select * from {{ ref('int_kecs__detail') }}
    where student_person_id is not null
),

{{ kecs_representative_enrollments(
    kecs_school_columns(),
    'school_id',
    'school_enrollment_count',
    [['student_state_id is null', 'kecs_r8_br1_no_state_id']],
    'kecs_r8_br1_not_chosen'
) }}

select * from final
