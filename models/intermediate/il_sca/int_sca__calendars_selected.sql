-- SCA Report Editor, Calendar Selection: "At least one calendar needs to be selected for the
-- report to generate. Calendars can be chosen by Active Year, by School or by Year."
-- One row per calendar the extract reads: calendars of Illinois districts in the selected school
-- year; when var sca_calendar_ids lists calendars, exactly those (among the IL calendars of the
-- year); when it is empty, every IL calendar of the year that is not marked exclude (calendar or
-- school). Each calendar carries its school's 15-digit RCDTS ("RRCCCDDDDDTTSSSS": region 2 +
-- county 3 + district number 4 + district type 2 + school number 4; NULL when a part is missing or
-- of the wrong length) and its district's RCDT (the first 11 characters), which names the file.
with calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

final as (
    select
        calendars.calendar_id,
        calendars.calendar_name,
        calendars.end_year,
        calendars.is_summer_school,
        calendars.school_id,
        calendars.school_number,
        calendars.school_name,
        calendars.district_id,
        calendars.district_number,
        calendars.district_name,
        calendars.region,
        calendars.county,
        calendars.district_type,
        {{ sca_rcdts(
            'calendars.region', 'calendars.county', 'calendars.district_number',
            'calendars.district_type', 'calendars.school_number'
        ) }} as school_rcdts,
        {{ sca_rcdts(
            'calendars.region', 'calendars.county', 'calendars.district_number',
            'calendars.district_type', "'0000'"
        ) }} as district_rcdts
    from calendars
    inner join parameters
        on calendars.end_year = parameters.end_year
    where
        calendars.state_code = 'IL'
        {% if sca_calendar_ids() | length > 0 -%}
            and {{ sca_calendar_is_listed_sql('calendars.calendar_id') }}
        {%- else -%}
            and not calendars.is_calendar_excluded
            and not calendars.is_school_excluded
        {%- endif %}
)

select * from final
