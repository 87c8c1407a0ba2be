-- `sis-extracts explain kecs-lead --student`: per section the student is rostered on at its last
-- day, the roster and the enrollment R5.BR1 / R5.BR9 chose (int_kecs__student_section_enrollment).
-- One row per section and student.
with student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
),

final as (
    select
        person_id,
        section_id,
        section_last_day,
        roster_id,
        enrollment_id,
        active_enrollment_count,
        candidate_enrollment_ids,
        has_active_enrollment
    from student_sections
)

select * from final
