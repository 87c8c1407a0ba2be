{#- Reading the editor options both reports share (the `kecs_*` and `sca_*` vars of
    dbt_project.yml): each kind of var is read and checked here once, and the state files
    (macros/kecs/kecs_options.sql, macros/il_sca/sca_options.sql) list which var means what. A
    blank value means the documented default; the defaults that depend on data are SQL
    expressions the caller passes in. -#}

{#- A var as a trimmed string, or none when blank/missing. -#}
{% macro var_text(name, default='') %}
    {%- set raw = var(name, default) -%}
    {%- if raw is none -%}{{ return(none) }}{%- endif -%}
    {%- set value = raw | string | trim -%}
    {%- if value == '' or value | lower in ('none', 'null') -%}{{ return(none) }}{%- endif -%}
    {{ return(value) }}
{% endmacro %}

{#- An ISO date var (YYYY-MM-DD) as a SQL date literal, or none when blank; anything else stops
    the run with a message naming the var. -#}
{% macro date_literal(name) %}
    {%- set value = var_text(name) -%}
    {%- if value is none -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ value ~ "' is not a date YYYY-MM-DD (leave it blank for the default).") %}
    {%- endif -%}
    {%- set parsed = modules.datetime.datetime.strptime(value, '%Y-%m-%d') -%}
    {{ return("cast('" ~ parsed.strftime('%Y-%m-%d') ~ "' as date)") }}
{% endmacro %}

{#- A date option (Start Date / End Date of either editor): the date var `name`, or
    `default_sql` (the selected school year's first or last day) when blank. Used by
    int_kecs__reporting_window and int_sca__report_parameters. -#}
{% macro date_var_sql(name, default_sql) %}
    {%- set literal = date_literal(name) -%}
    {{ return(literal if literal is not none else default_sql) }}
{% endmacro %}

{#- The end year to report (KECS R1, SCA School Year): the 4-digit var `name`, else the active
    school year, the latest end year marked active in `school_years` (a relation or CTE of
    stg_ic__schoolyear). Used by int_kecs__reporting_window and int_sca__report_parameters. -#}
{% macro end_year_sql(name, school_years) %}
    {%- set value = var_text(name) -%}
    {%- if value is none -%}{{ return('(select max(active_years.end_year) from ' ~ school_years ~ ' as active_years where active_years.is_active)') }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}$', value) -%}
        {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ value ~ "' is not a 4-digit end year such as 2025 (leave it blank for the active school year).") %}
    {%- endif -%}
    {{ return('cast(' ~ value ~ ' as integer)') }}
{% endmacro %}

{#- A checkbox var as a Jinja boolean (blank = `default`). Accepts YAML booleans and true/false,
    1/0, y/n, yes/no text; anything else stops the run. -#}
{% macro flag_var(name, default=false) %}
    {%- set raw = var(name, default) -%}
    {%- if raw is none -%}{{ return(default) }}{%- endif -%}
    {%- if raw is sameas true or raw is sameas false -%}{{ return(raw) }}{%- endif -%}
    {%- set text = raw | string | trim | lower -%}
    {%- if text == '' -%}{{ return(default) }}{%- endif -%}
    {%- if text in ('true', '1', 'y', 'yes') -%}{{ return(true) }}{%- endif -%}
    {%- if text in ('false', '0', 'n', 'no') -%}{{ return(false) }}{%- endif -%}
    {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ raw ~ "' is not true or false.") %}
{% endmacro %}

{#- A checkbox var as a SQL boolean literal ('true' / 'false'): the SCA editor's checkboxes
    (int_sca__report_parameters) and Exclude Cross-Site Data (int_kecs__sections_in_scope). -#}
{% macro flag_sql(name, default=false) %}
    {{ return('true' if flag_var(name, default) else 'false') }}
{% endmacro %}

{#- A list var given as a YAML list or as comma-separated text, as a list of trimmed strings. -#}
{% macro var_list(name) %}
    {%- set raw = var(name, []) -%}
    {%- if raw is none -%}{{ return([]) }}{%- endif -%}
    {%- if raw is string or raw is number -%}
        {%- set items = (raw | string).split(',') -%}
    {%- else -%}
        {%- set items = raw -%}
    {%- endif -%}
    {%- set values = [] -%}
    {%- for item in items -%}
        {%- set text = item | string | trim -%}
        {%- if text != '' -%}{%- do values.append(text) -%}{%- endif -%}
    {%- endfor -%}
    {{ return(values) }}
{% endmacro %}

{#- Calendar Selection of either editor: the calendarIDs of the list var `name` as integers
    (empty = every calendar of the end year). Used by int_kecs__calendars_in_scope,
    int_kecs__issues_calendars and int_sca__calendars_evaluated. -#}
{% macro calendar_ids(name) %}
    {%- set ids = [] -%}
    {%- for text in var_list(name) -%}
        {%- if not modules.re.match('^[0-9]+$', text) -%}
            {% do exceptions.raise_compiler_error("Var " ~ name ~ " holds '" ~ text ~ "', which is not a calendarID (a whole number).") %}
        {%- endif -%}
        {%- do ids.append(text | int) -%}
    {%- endfor -%}
    {{ return(ids) }}
{% endmacro %}

{#- SQL boolean: is `calendar_id_col` among the calendars of the list var `name` (true when none
    are listed). -#}
{% macro calendar_is_listed_sql(name, calendar_id_col) %}
    {%- set ids = calendar_ids(name) -%}
    {%- if ids | length == 0 -%}{{ return('true') }}{%- endif -%}
    {{ return(calendar_id_col ~ ' in (' ~ ids | join(', ') ~ ')') }}
{% endmacro %}

{#- The time the dbt run started, in the machine's local time (now when dbt gives none): one
    value for every model of a run, the default of both reports' generation date. -#}
{% macro run_started_stamp() %}
    {%- if run_started_at is not none -%}
        {{ return(run_started_at.astimezone()) }}
    {%- endif -%}
    {{ return(modules.datetime.datetime.now()) }}
{% endmacro %}

{#- Date Time Generated of both reports: a datetime as a SQL text literal 'MM/DD/YYYY HH:MM'. -#}
{% macro date_time_text_sql(stamp) %}
    {{ return("cast('" ~ stamp.strftime('%m/%d/%Y %H:%M') ~ "' as " ~ string_type() ~ ")") }}
{% endmacro %}
