-- SCA Course End Date: "Future end dates do not report." Returns file rows whose Course End Date
-- is after the report generation date.
with parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
)

select
    records.person_id,
    records.section_id,
    records.course_end_date,
    parameters.as_of_date
from {{ ref('il_sca__student_course_assignment') }} as records
cross join parameters
where
    records.course_end_date is not null
    and {{ sca_parse_mdy('records.course_end_date') }} > parameters.as_of_date
