{#- KECS LEAD Extract editor options (the `kecs_*` vars of dbt_project.yml), each read and
    checked here once. A blank value means the documented default; the defaults that depend on
    data (the active school year, its start and end dates) are SQL expressions the caller passes
    in, so the rule lives in one model (int_kecs__reporting_window) and the var in one macro.

    | var                     | macro                         | blank means                       |
    |-------------------------|-------------------------------|-----------------------------------|
    | kecs_end_year           | kecs_end_year_sql             | the active school year (R1)       |
    | kecs_start_date         | kecs_window_start_date_sql    | the school year's start date      |
    | kecs_end_date           | kecs_window_end_date_sql      | the school year's last day        |
    | kecs_calendar_ids       | kecs_calendar_ids             | every calendar of the end year    |
    | kecs_exclude_cross_site | kecs_exclude_cross_site       | (defaults to true: checkbox on)   |
    | kecs_as_of              | kecs_date_time_generated      | now (local time of the run)       |
-#}

{#- A var as a trimmed string, or none when blank/missing. -#}
{% macro kecs_var_text(name) %}
    {%- set raw = var(name, '') -%}
    {%- if raw is none -%}{{ return(none) }}{%- endif -%}
    {%- set value = raw | string | trim -%}
    {%- if value == '' or value | lower in ('none', 'null') -%}{{ return(none) }}{%- endif -%}
    {{ return(value) }}
{% endmacro %}

{#- An ISO date var (YYYY-MM-DD) as text, or none when blank; anything else stops the run. -#}
{% macro kecs_date_var(name) %}
    {%- set value = kecs_var_text(name) -%}
    {%- if value is none -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ value ~ "' is not a date YYYY-MM-DD (leave it blank for the default).") %}
    {%- endif -%}
    {%- set parsed = modules.datetime.datetime.strptime(value, '%Y-%m-%d') -%}
    {{ return(parsed.strftime('%Y-%m-%d')) }}
{% endmacro %}

{#- R1: the end year to report. Literal when kecs_end_year is set, else `active_default`. -#}
{% macro kecs_end_year_sql(active_default) %}
    {%- set value = kecs_var_text('kecs_end_year') -%}
    {%- if value is none -%}{{ return(active_default) }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}$', value) -%}
        {% do exceptions.raise_compiler_error("Var kecs_end_year = '" ~ value ~ "' is not a 4-digit end year such as 2025 (leave it blank for the active school year).") %}
    {%- endif -%}
    {{ return('cast(' ~ value ~ ' as integer)') }}
{% endmacro %}

{#- Date Range start: kecs_start_date, else `school_year_start` (the selected year's start). -#}
{% macro kecs_window_start_date_sql(school_year_start) %}
    {%- set value = kecs_date_var('kecs_start_date') -%}
    {%- if value is none -%}{{ return(school_year_start) }}{%- endif -%}
    {{ return("cast('" ~ value ~ "' as date)") }}
{% endmacro %}

{#- Date Range end: kecs_end_date, else `school_year_end` (the selected year's last day). -#}
{% macro kecs_window_end_date_sql(school_year_end) %}
    {%- set value = kecs_date_var('kecs_end_date') -%}
    {%- if value is none -%}{{ return(school_year_end) }}{%- endif -%}
    {{ return("cast('" ~ value ~ "' as date)") }}
{% endmacro %}

{#- Select Calendars: the list of calendarIDs (ints); empty list = every calendar of the year.
    Accepts a YAML list or a comma-separated string. -#}
{% macro kecs_calendar_ids() %}
    {%- set raw = var('kecs_calendar_ids', []) -%}
    {%- if raw is none -%}{{ return([]) }}{%- endif -%}
    {%- if raw is string -%}
        {%- set items = raw.split(',') -%}
    {%- elif raw is iterable -%}
        {%- set items = raw -%}
    {%- else -%}
        {%- set items = [raw] -%}
    {%- endif -%}
    {%- set ids = [] -%}
    {%- for item in items -%}
        {%- set text = item | string | trim -%}
        {%- if text != '' -%}
            {%- if not modules.re.match('^[0-9]+$', text) -%}
                {% do exceptions.raise_compiler_error("Var kecs_calendar_ids holds '" ~ text ~ "', which is not a calendarID (a whole number).") %}
            {%- endif -%}
            {%- do ids.append(text | int) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(ids) }}
{% endmacro %}

{#- SQL boolean: is `calendar_id_col` among the selected calendars (always true when none are listed). -#}
{% macro kecs_calendar_is_listed_sql(calendar_id_col) %}
    {%- set ids = kecs_calendar_ids() -%}
    {%- if ids | length == 0 -%}{{ return('true') }}{%- endif -%}
    {{ return(calendar_id_col ~ ' in (' ~ ids | join(', ') ~ ')') }}
{% endmacro %}

{#- Exclude Cross-Site Data (defaults to marked). Returns a Jinja boolean. -#}
{% macro kecs_exclude_cross_site() %}
    {%- set raw = var('kecs_exclude_cross_site', true) -%}
    {%- if raw is none -%}{{ return(true) }}{%- endif -%}
    {%- if raw is sameas true or raw is sameas false -%}{{ return(raw) }}{%- endif -%}
    {%- set text = raw | string | trim | lower -%}
    {%- if text in ('', 'true', '1', 'y', 'yes') -%}{{ return(true) }}{%- endif -%}
    {%- if text in ('false', '0', 'n', 'no') -%}{{ return(false) }}{%- endif -%}
    {% do exceptions.raise_compiler_error("Var kecs_exclude_cross_site = '" ~ raw ~ "' is not true or false.") %}
{% endmacro %}

{#- Date Time Generated as a SQL text literal 'MM/DD/YYYY HH:MM': kecs_as_of (YYYY-MM-DD HH:MM or
    YYYY-MM-DD) when set, else the time the dbt run started, in the machine's local time. One
    value for every model of a run, so all six reports carry the same stamp. -#}
{% macro kecs_date_time_generated() %}
    {%- set value = kecs_var_text('kecs_as_of') -%}
    {%- if value is none -%}
        {%- if run_started_at is not none -%}
            {%- set stamp = run_started_at.astimezone() -%}
        {%- else -%}
            {%- set stamp = modules.datetime.datetime.now() -%}
        {%- endif -%}
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
    {{ return("cast('" ~ stamp.strftime('%m/%d/%Y %H:%M') ~ "' as " ~ dbt.type_string() ~ ")") }}
{% endmacro %}
