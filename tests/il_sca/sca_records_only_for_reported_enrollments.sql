-- SCA Report Logic, checked against the enrollment as staged: "Students must have had an active
-- enrollment (includes Primary, Special Education or Partial enrollments) within the selected
-- Start Date and End Date" and "A student must be enrolled in a state grade of the following: 15
-- ... 12". Returns file rows whose enrollment is not P/S/N, not in a reported state grade, not in
-- the date range, or not the student's.
with parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
)

select
    records.person_id,
    records.section_id,
    records.enrollment_id,
    enrollments.service_type,
    enrollments.state_grade,
    enrollments.start_date,
    enrollments.end_date
from {{ ref('il_sca__student_course_assignment') }} as records
cross join parameters
left join {{ ref('int_enrollments__with_grade') }} as enrollments
    on records.enrollment_id = enrollments.enrollment_id
where
    enrollments.enrollment_id is null
    or enrollments.person_id <> records.person_id
    or enrollments.service_type not in ('P', 'S', 'N')
    or enrollments.state_grade not in ('15', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12')
    or enrollments.start_date > parameters.end_date
    or coalesce(enrollments.end_date, parameters.end_date) < parameters.start_date
