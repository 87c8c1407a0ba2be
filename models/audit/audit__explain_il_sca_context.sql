-- `sis-extracts explain il-sca`: the run's options that frame every answer: end year (SCA School
-- Year), Start Date and End Date, report generation date, In-Progress Courses and 99 Records Only.
-- One row.
with parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

final as (
    select
        end_year,
        start_date,
        end_date,
        as_of_date,
        is_in_progress_mode,
        is_records_99_only
    from parameters
)

select * from final
