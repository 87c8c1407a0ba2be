-- `sis-extracts explain kecs-lead`: the run's options that frame every answer: end year (R1), Date
-- Range (R5.BR3) and staff year 07/01 - 06/30 (R7.BR1). One row.
with reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

final as (
    select
        end_year,
        window_start_date,
        window_end_date,
        staff_year_start_date,
        staff_year_end_date
    from reporting_window
)

select * from final
