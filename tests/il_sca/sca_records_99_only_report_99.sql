-- SCA 99 Records Only: "When 99 Records Only is marked, all records report a value of 99." Returns
-- the file rows with another Course Final Letter Grade when the option is marked.
with parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
)

select
    records.person_id,
    records.section_id,
    records.course_final_letter_grade
from {{ ref('il_sca__student_course_assignment') }} as records
cross join parameters
where
    parameters.is_records_99_only
    and coalesce(records.course_final_letter_grade, '') <> '99'
