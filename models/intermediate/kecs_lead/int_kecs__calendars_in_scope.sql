-- One row per KY calendar of the reported end year (plus any calendar named in kecs_calendar_ids)
-- with the reason it is or is not reported. `is_in_scope` is the calendar selection every
-- other KECS model starts from.
-- R1: calendars of the selected end year (var kecs_end_year, blank = the active year).
-- R2: District Edition: every KY district in the raw folder is reported side by side.
-- Select Calendars: var kecs_calendar_ids (empty = every calendar of the end year).
-- R5.BR3: the calendar overlaps the Date Range (NULL calendar dates count as open-ended).
-- R5.BR4: the school's State Classification is reported (int_kecs__school_classifications).
-- R5.BR5: calendars marked exclude are still reported (flag kept, never filtered on).
-- R5.BR8: summer-school calendars are not reported.
with calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

schools as (
    select * from {{ ref('int_kecs__school_classifications') }}
),

flagged as (
    select
        calendars.calendar_id,
        calendars.calendar_name,
        calendars.end_year,
        calendars.calendar_start_date,
        calendars.calendar_end_date,
        calendars.first_instruction_date,
        calendars.last_instruction_date,
        calendars.is_summer_school,
        calendars.is_calendar_excluded,
        {{ district_school_columns('calendars') }},
        schools.state_classification,
        coalesce(schools.is_classification_reported, false) as is_classification_reported,
        reporting_window.window_start_date,
        reporting_window.window_end_date,
        reporting_window.staff_year_start_date,
        reporting_window.staff_year_end_date,
        coalesce(calendars.end_year = reporting_window.end_year, false) as is_reported_end_year,
        coalesce({{ calendar_is_listed_sql('kecs_calendar_ids', 'calendars.calendar_id') }}, false) as is_listed,
        {{ open_span_overlaps(
            'calendars.calendar_start_date', 'calendars.calendar_end_date',
            'reporting_window.window_start_date', 'reporting_window.window_end_date'
        ) }} as overlaps_window
    from calendars
    cross join reporting_window
    left join schools
        on calendars.school_id = schools.school_id
    where
        calendars.state_code = 'KY'
        and (
            calendars.end_year = reporting_window.end_year
            {% if calendar_ids('kecs_calendar_ids') | length > 0 -%}
                or {{ calendar_is_listed_sql('kecs_calendar_ids', 'calendars.calendar_id') }}
            {%- endif %}
        )
),

-- The one CASE that decides: the first rule the calendar fails (NULL = in scope), as a code of
-- audit__reasons; the flags and the words follow from it.
decided as (
    select
        *,
        case
            when not is_reported_end_year then 'kecs_r1_other_end_year'
            when not is_listed then 'kecs_calendar_not_selected'
            when is_summer_school then 'kecs_r5_br8_summer_school'
            when not overlaps_window then 'kecs_r5_br3_calendar_outside_range'
            when not is_classification_reported then 'kecs_r5_br4_classification'
        end as reason_code
    from flagged
),

final as (
    select
        *,
        reason_code is null as is_in_scope,
        case reason_code
            when 'kecs_r1_other_end_year' then 'calendar is not in the reported end year (R1)'
            when 'kecs_calendar_not_selected' then 'calendar not selected (kecs_calendar_ids)'
            when 'kecs_r5_br8_summer_school' then 'summer-school calendar (R5.BR8)'
            when 'kecs_r5_br3_calendar_outside_range' then 'calendar does not overlap the date range (R5.BR3)'
            when 'kecs_r5_br4_classification' then 'school State Classification is not reported (R5.BR4)'
        end as not_in_scope_reason,
        reason_code is null as is_kept
    from decided
)

select * from final
