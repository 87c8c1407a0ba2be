-- R10 Issues 14, 15 and 16 (typed): schools and calendars the extract leaves out or cannot number
-- (R1, R5, R5.BR3, R5.BR4, R5.BR8), one row per school (15: per calendar selected in
-- kecs_calendar_ids). In the shape of kecs_issues_union; int_kecs__issues unions the families,
-- kecs_lead__issues formats them.
with calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

listed_calendar_ids as (
    {%- set listed_ids = calendar_ids('kecs_calendar_ids') %}
    {%- if listed_ids | length == 0 %}
        select cast(null as bigint) as calendar_id
        where 1 = 0
    {%- else %}
        {%- for calendar_id in listed_ids %}
            select cast({{ calendar_id }} as bigint) as calendar_id
            {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endif %}
),

-- Warning 14: school with calendars in the end year whose State Classification is not reported (R5.BR4).
issue_14 as (
    select distinct
        14 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        'State Classification ' || coalesce('''' || state_classification || '''', '(blank)')
        || ' is not reported' as detail
    from calendars
    where
        is_reported_end_year
        and not is_classification_reported
),

-- Error 15: calendar selected in kecs_calendar_ids but not reported (R1, R5.BR3, R5.BR4, R5.BR8).
issue_15 as (
    select
        15 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        'Calendar ID ' || {{ kecs_text('listed_calendar_ids.calendar_id') }} || ' '
        || coalesce(
            '(' || calendars.calendar_name || '): ' || calendars.not_in_scope_reason,
            'is not a calendar of a KY district'
        ) as detail
    from listed_calendar_ids
    left join calendars
        on listed_calendar_ids.calendar_id = calendars.calendar_id
    where calendars.is_in_scope is null or not calendars.is_in_scope
),

-- Error 16: district or school number that is not (at most) 3 digits (R5).
issue_16 as (
    select distinct
        16 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        'District number ''' || coalesce(district_number, '') || ''', school number '''
        || coalesce(school_number, '') || '''' as detail
    from calendars
    where
        is_in_scope
        and (
            district_number is null
            or school_number is null
            or length(district_number) > 3
            or length(school_number) > 3
            or translate(district_number, '0123456789', '') <> ''
            or translate(school_number, '0123456789', '') <> ''
        )
),

final as (
    {{ kecs_issues_union([
        ('issue_14', ['school']),
        ('issue_15', ['school']),
        ('issue_16', ['school']),
    ]) }}
)

select * from final
