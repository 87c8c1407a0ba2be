{#- KECS LEAD Extract editor options (the `kecs_*` vars of dbt_project.yml). Each is read and
    checked once, by the shared option macros of macros/shared_formats/options.sql, except the
    as-of stamp below. A blank value means the documented default; the defaults that depend on
    data (the active school year, its start and end dates) are SQL expressions the caller passes
    in, so the rule lives in one model (int_kecs__reporting_window).

    | var                     | macro                         | blank means                       |
    |-------------------------|-------------------------------|-----------------------------------|
    | kecs_end_year           | end_year_sql                  | the active school year (R1)       |
    | kecs_start_date         | date_var_sql                  | the school year's start date      |
    | kecs_end_date           | date_var_sql                  | the school year's last day        |
    | kecs_calendar_ids       | calendar_ids                  | every calendar of the end year    |
    | kecs_exclude_cross_site | flag_sql                      | (defaults to true: checkbox on)   |
    | kecs_as_of              | kecs_date_time_generated      | now (local time of the run)       |
-#}

{#- Date Time Generated as a SQL text literal 'MM/DD/YYYY HH:MM': kecs_as_of (YYYY-MM-DD HH:MM or
    YYYY-MM-DD) when set, else the time the dbt run started, in the machine's local time. One
    value for every model of a run, so all six reports carry the same stamp. -#}
{% macro kecs_date_time_generated() %}
    {%- set value = var_text('kecs_as_of') -%}
    {%- if value is none -%}
        {%- set stamp = run_started_stamp() -%}
    {%- else -%}
        {%- set normalized = value | replace('T', ' ') -%}
        {%- if modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', normalized) -%}
            {%- set normalized = normalized ~ ' 00:00' -%}
        {%- endif -%}
        {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?$', normalized) -%}
            {% do exceptions.raise_compiler_error("Var kecs_as_of = '" ~ value ~ "' is not YYYY-MM-DD HH:MM (leave it blank for now).") %}
        {%- endif -%}
        {%- set stamp = modules.datetime.datetime.strptime(normalized[:16], '%Y-%m-%d %H:%M') -%}
    {%- endif -%}
    {{ return(date_time_text_sql(stamp)) }}
{% endmacro %}
