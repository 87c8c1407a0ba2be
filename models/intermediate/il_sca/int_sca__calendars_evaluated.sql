-- SCA Report Editor, Calendar Selection and School Year: "At least one calendar needs to be
-- selected for the report to generate. Calendars can be chosen by Active Year, by School or by
-- Year." One row per calendar (every candidate), with the reason it is not read (reason_code,
-- codes of audit__reasons; NULL = selected) and is_kept. Selected: calendars of Illinois districts
-- in the selected school year; when var sca_calendar_ids lists calendars, exactly those (among the
-- IL calendars of the year); when it is empty, every IL calendar of the year that is not marked
-- exclude (calendar or school). A calendar whose district is not known (no state) is
-- 'raw_calendar_without_district'; a calendar of another state is not selected. Each calendar
-- carries its school's 15-digit RCDTS ("RRCCCDDDDDTTSSSS": region 2 + county 3 + district number 4
-- + district type 2 + school number 4; NULL when a part is missing or of the wrong length) and its
-- district's RCDT (the first 11 characters), which names the file.
with calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

evaluated as (
    select
        calendars.*,
        case
            when calendars.state_code is null then 'raw_calendar_without_district'
            when calendars.state_code <> 'IL' then 'sca_calendar_not_selected'
            when not coalesce(calendars.end_year = parameters.end_year, false) then 'sca_other_school_year'
            {% if calendar_ids('sca_calendar_ids') | length > 0 -%}
                when not coalesce({{ calendar_is_listed_sql('sca_calendar_ids', 'calendars.calendar_id') }}, false)
                    then 'sca_calendar_not_selected'
            {%- else -%}
                when calendars.is_calendar_excluded or calendars.is_school_excluded then 'sca_calendar_excluded'
            {%- endif %}
        end as reason_code
    from calendars
    cross join parameters
),

final as (
    select
        {{ sca_calendar_columns() }},
        state_code,
        {{ sca_rcdts('region', 'county', 'district_number', 'district_type', 'school_number') }} as school_rcdts,
        {{ sca_rcdts('region', 'county', 'district_number', 'district_type', "'0000'") }} as district_rcdts,
        reason_code,
        reason_code is null as is_kept
    from evaluated
)

select * from final
