{#- SCA: the column lists and row sets that an evaluated model and the model of its kept rows
    share, written once. -#}

{#- The calendar's attributes carried by int_sca__calendars_evaluated and its kept rows
    int_sca__calendars_selected (the RCDTS codes follow them). -#}
{% macro sca_calendar_columns() -%}
    calendar_id,
    calendar_name,
    end_year,
    is_summer_school,
    school_id,
    school_number,
    school_name,
    district_id,
    district_number,
    district_name,
    region,
    county,
    district_type
{%- endmacro %}

{#- A student record's roster, section and period: the columns of int_sca__student_section_periods,
    the kept rows of int_sca__student_section_periods_evaluated (which adds its decision). -#}
{% macro sca_student_section_period_columns() -%}
    person_id,
    section_id,
    period_term_id,
    is_same_day_roster,
    roster_id,
    course_id,
    calendar_id,
    roster_start_date,
    roster_end_date,
    is_split_section,
    is_first_period,
    is_last_period,
    period_start_date,
    period_end_date,
    period_credit,
    section_potential_credit,
    section_start_date,
    section_end_date,
    course_start_date,
    course_end_date,
    has_regular_roster_in_period,
    period_record_start_date,
    period_record_end_date
{%- endmacro %}

{#- The sections that can make records: scheduled (active trial and schedule structure,
    int_sections__schedule) in a selected calendar (int_sca__calendars_selected). Read by
    int_sca__section_periods and int_sca__section_task_terms. -#}
{% macro sca_scheduled_sections() -%}
    select sections.*
    from {{ ref('int_sections__schedule') }} as sections
    inner join {{ ref('int_sca__calendars_selected') }} as calendars
        on sections.calendar_id = calendars.calendar_id
    where sections.is_scheduled
{%- endmacro %}
