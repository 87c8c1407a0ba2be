-- One row per calendar with its school, district and school year, and its first and last day of
-- instruction (the last `day` row with instruction = 1: "the last day of instruction").
with calendars as (
    select * from {{ ref('stg_ic__calendar') }}
),

schools as (
    select * from {{ ref('stg_ic__school') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

school_years as (
    select * from {{ ref('stg_ic__schoolyear') }}
),

instruction_days as (
    select
        calendar_id,
        min(calendar_date) as first_instruction_date,
        max(calendar_date) as last_instruction_date
    from {{ ref('stg_ic__day') }}
    where is_instruction_day
    group by calendar_id
),

final as (
    select
        calendars.calendar_id,
        calendars.calendar_name,
        calendars.end_year,
        calendars.start_date as calendar_start_date,
        calendars.end_date as calendar_end_date,
        coalesce(calendars.is_summer_school, false) as is_summer_school,
        coalesce(calendars.is_excluded, false) as is_calendar_excluded,
        instruction_days.first_instruction_date,
        coalesce(instruction_days.last_instruction_date, calendars.end_date) as last_instruction_date,
        school_years.school_year_label,
        coalesce(school_years.is_active, false) as is_active_school_year,
        school_years.start_date as school_year_start_date,
        school_years.end_date as school_year_end_date,
        schools.school_id,
        schools.school_number,
        schools.school_name,
        schools.state_classification,
        coalesce(schools.is_excluded, false) as is_school_excluded,
        districts.district_id,
        districts.district_number,
        districts.district_name,
        districts.state_code,
        districts.region,
        districts.county,
        districts.district_type
    from calendars
    left join schools
        on calendars.school_id = schools.school_id
    left join districts
        on coalesce(calendars.district_id, schools.district_id) = districts.district_id
    left join school_years
        on calendars.end_year = school_years.end_year
    left join instruction_days
        on calendars.calendar_id = instruction_days.calendar_id
)

select * from final
