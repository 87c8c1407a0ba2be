-- `sis-extracts explain`: the run's options that frame every answer, one row per extract. KECS LEAD:
-- end year (R1), Date Range (R5.BR3), staff year 07/01 - 06/30 (R7.BR1). Illinois: end year (SCA
-- School Year), Start Date and End Date, report generation date, In-Progress Courses, 99 Records
-- Only. Both come from tables of the school year alone, so every run builds both.
with reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

run_options as (
    select
        'kecs_lead' as extract,
        end_year,
        window_start_date as start_date,
        window_end_date as end_date,
        staff_year_start_date,
        staff_year_end_date,
        null as as_of_date,
        null as is_in_progress_mode,
        null as is_records_99_only
    from reporting_window

    union all

    select
        'il_sca' as extract,
        end_year,
        start_date,
        end_date,
        null as staff_year_start_date,
        null as staff_year_end_date,
        as_of_date,
        is_in_progress_mode,
        is_records_99_only
    from parameters
),

final as (
    select
        -- typed here: the upstream types follow the vars (a given or a computed default)
        cast(extract as {{ dbt.type_string() }}) as extract,
        cast(end_year as integer) as end_year,
        cast(start_date as date) as start_date,
        cast(end_date as date) as end_date,
        cast(staff_year_start_date as date) as staff_year_start_date,
        cast(staff_year_end_date as date) as staff_year_end_date,
        cast(as_of_date as date) as as_of_date,
        cast(is_in_progress_mode as boolean) as is_in_progress_mode,
        cast(is_records_99_only as boolean) as is_records_99_only
    from run_options
)

select * from final
