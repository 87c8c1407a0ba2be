-- SCA Header Layout, Total Records: "The total amount of records generated" equals the number of
-- rows of the district file (il_sca__student_course_assignment by file_name). Returns the files
-- whose header count differs.
with headers as (
    select * from {{ ref('il_sca__file_header') }}
),

record_counts as (
    select
        file_name,
        count(*) as file_rows
    from {{ ref('il_sca__student_course_assignment') }}
    group by file_name
)

select
    headers.file_name,
    headers.total_records,
    coalesce(record_counts.file_rows, 0) as file_rows
from headers
left join record_counts
    on headers.file_name = record_counts.file_name
where cast(headers.total_records as integer) <> coalesce(record_counts.file_rows, 0)
