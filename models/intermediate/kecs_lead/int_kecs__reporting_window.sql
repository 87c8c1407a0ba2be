-- The reporting window of the KECS LEAD Extract: one row for the selected school year.
-- R1: the end year is var kecs_end_year (any prior year), blank = the district's active school year.
-- R5.BR3: the Date Range (vars kecs_start_date / kecs_end_date), blank start = the school year's
-- start date, blank end = the school year's last day; calendars must overlap it.
-- R7.BR1: the staff year is 07/01 of (end year - 1) to 06/30 of the end year.
with school_years as (
    select * from {{ ref('stg_ic__schoolyear') }}
),

selected_year as (
    select school_years.*
    from school_years
    where school_years.end_year = {{ end_year_sql('kecs_end_year', 'school_years') }}
),

final as (
    select
        cast(end_year as integer) as end_year,
        school_year_label,
        coalesce(is_active, false) as is_active_school_year,
        start_date as school_year_start_date,
        end_date as school_year_end_date,
        {{ date_var_sql('kecs_start_date', 'start_date') }} as window_start_date,
        {{ date_var_sql('kecs_end_date', 'end_date') }} as window_end_date,
        {{ kecs_date_from_year('end_year - 1', '07-01') }} as staff_year_start_date,
        {{ kecs_date_from_year('end_year', '06-30') }} as staff_year_end_date
    from selected_year
)

select * from final
