{#- K-12 Student Course Assignment V2 editor options (the `sca_*` vars of dbt_project.yml), each
    read and checked here once. A blank value means the documented default. The defaults that
    depend on data (the active school year and its bounds) are SQL expressions the caller passes
    in, so the options become one row in one model (int_sca__report_parameters) and every other
    model reads that row.

    | var                       | macro                        | blank means                          |
    |---------------------------|------------------------------|--------------------------------------|
    | sca_end_year              | sca_end_year_sql             | the active school year               |
    | sca_start_date            | sca_start_date_sql           | the selected school year's start     |
    | sca_end_date              | sca_end_date_sql             | the selected school year's end       |
    | sca_as_of                 | sca_as_of_date_sql           | the date of the run (current date)   |
    | sca_calendar_ids          | sca_calendar_ids             | every IL calendar of the end year    |
    | sca_grade_levels          | sca_grade_levels             | every reported state grade           |
    | sca_in_progress           | sca_flag_sql                 | false (checkbox not marked)          |
    | sca_records_99_only       | sca_flag_sql                 | false                                |
    | sca_include_no_state_id   | sca_flag_sql                 | false                                |
    | sca_protected_identities  | sca_flag_sql                 | false                                |
    | sca_strip_apostrophes     | sca_flag_sql                 | false                                |
    | sca_file_id               | sca_file_identifier          | '001'                                |
-#}

{#- A var as a trimmed string, or none when blank/missing. -#}
{% macro sca_var_text(name, default='') %}
    {%- set raw = var(name, default) -%}
    {%- if raw is none -%}{{ return(none) }}{%- endif -%}
    {%- set value = raw | string | trim -%}
    {%- if value == '' or value | lower in ('none', 'null') -%}{{ return(none) }}{%- endif -%}
    {{ return(value) }}
{% endmacro %}

{#- An ISO date var (YYYY-MM-DD) as a SQL date literal, or none when blank; anything else stops
    the run with a message naming the var. -#}
{% macro sca_date_literal(name) %}
    {%- set value = sca_var_text(name) -%}
    {%- if value is none -%}{{ return(none) }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}-[0-9]{2}-[0-9]{2}$', value) -%}
        {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ value ~ "' is not a date YYYY-MM-DD (leave it blank for the default).") %}
    {%- endif -%}
    {%- set parsed = modules.datetime.datetime.strptime(value, '%Y-%m-%d') -%}
    {{ return("cast('" ~ parsed.strftime('%Y-%m-%d') ~ "' as date)") }}
{% endmacro %}

{#- School Year: "Reports the end year of the school year chosen in the extract editor".
    Literal when sca_end_year is set, else `active_default` (the active school year). -#}
{% macro sca_end_year_sql(active_default) %}
    {%- set value = sca_var_text('sca_end_year') -%}
    {%- if value is none -%}{{ return(active_default) }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{4}$', value) -%}
        {% do exceptions.raise_compiler_error("Var sca_end_year = '" ~ value ~ "' is not a 4-digit end year such as 2025 (leave it blank for the active school year).") %}
    {%- endif -%}
    {{ return('cast(' ~ value ~ ' as integer)') }}
{% endmacro %}

{#- Start Date: "Entered date reflects the start date of enrollment records to return".
    Blank = `school_year_start` (the selected school year's first day). -#}
{% macro sca_start_date_sql(school_year_start) %}
    {%- set literal = sca_date_literal('sca_start_date') -%}
    {{ return(literal if literal is not none else school_year_start) }}
{% endmacro %}

{#- End Date: "Entered date reflects the end date of enrollment records to return".
    Blank = `school_year_end` (the selected school year's last day). -#}
{% macro sca_end_date_sql(school_year_end) %}
    {%- set literal = sca_date_literal('sca_end_date') -%}
    {{ return(literal if literal is not none else school_year_end) }}
{% endmacro %}

{#- The report generation date (File Date; "Future end dates do not report"). Blank = the date
    the dbt run started (local time), one value for every model of the run. -#}
{% macro sca_as_of_date_sql() %}
    {%- set literal = sca_date_literal('sca_as_of') -%}
    {%- if literal is not none -%}{{ return(literal) }}{%- endif -%}
    {%- if run_started_at is not none -%}
        {%- set stamp = run_started_at.astimezone() -%}
    {%- else -%}
        {%- set stamp = modules.datetime.datetime.now() -%}
    {%- endif -%}
    {{ return("cast('" ~ stamp.strftime('%Y-%m-%d') ~ "' as date)") }}
{% endmacro %}

{#- Date Time Generated of the Issues report, 'MM/DD/YYYY HH:MM' (same form as KECS LEAD): the
    as-of date at 00:00 when sca_as_of is set, else the time the run started. -#}
{% macro sca_date_time_generated_sql() %}
    {%- set value = sca_var_text('sca_as_of') -%}
    {%- if value is not none -%}
        {%- do sca_date_literal('sca_as_of') -%}
        {%- set stamp = modules.datetime.datetime.strptime(value, '%Y-%m-%d') -%}
    {%- elif run_started_at is not none -%}
        {%- set stamp = run_started_at.astimezone() -%}
    {%- else -%}
        {%- set stamp = modules.datetime.datetime.now() -%}
    {%- endif -%}
    {{ return("cast('" ~ stamp.strftime('%m/%d/%Y %H:%M') ~ "' as " ~ dbt.type_string() ~ ")") }}
{% endmacro %}

{#- A checkbox var as a SQL boolean literal ('true' / 'false'). Accepts YAML booleans and
    true/false, 1/0, y/n, yes/no text; anything else stops the run. -#}
{% macro sca_flag_sql(name, default=false) %}
    {%- set raw = var(name, default) -%}
    {%- if raw is none -%}{{ return('true' if default else 'false') }}{%- endif -%}
    {%- if raw is sameas true -%}{{ return('true') }}{%- endif -%}
    {%- if raw is sameas false -%}{{ return('false') }}{%- endif -%}
    {%- set text = raw | string | trim | lower -%}
    {%- if text == '' -%}{{ return('true' if default else 'false') }}{%- endif -%}
    {%- if text in ('true', '1', 'y', 'yes') -%}{{ return('true') }}{%- endif -%}
    {%- if text in ('false', '0', 'n', 'no') -%}{{ return('false') }}{%- endif -%}
    {% do exceptions.raise_compiler_error("Var " ~ name ~ " = '" ~ raw ~ "' is not true or false.") %}
{% endmacro %}

{#- A list var given as a YAML list or as comma-separated text, as a list of trimmed strings. -#}
{% macro sca_var_list(name) %}
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

{#- Calendar Selection: the selected calendarIDs as a list of integers (empty = all). -#}
{% macro sca_calendar_ids() %}
    {%- set ids = [] -%}
    {%- for text in sca_var_list('sca_calendar_ids') -%}
        {%- if not modules.re.match('^[0-9]+$', text) -%}
            {% do exceptions.raise_compiler_error("Var sca_calendar_ids holds '" ~ text ~ "', which is not a calendarID (a whole number).") %}
        {%- endif -%}
        {%- do ids.append(text | int) -%}
    {%- endfor -%}
    {{ return(ids) }}
{% endmacro %}

{#- SQL boolean: is `calendar_id_col` among the selected calendars (true when none are listed). -#}
{% macro sca_calendar_is_listed_sql(calendar_id_col) %}
    {%- set ids = sca_calendar_ids() -%}
    {%- if ids | length == 0 -%}{{ return('true') }}{%- endif -%}
    {{ return(calendar_id_col ~ ' in (' ~ ids | join(', ') ~ ')') }}
{% endmacro %}

{#- Student Selection by grade level: the selected state grade codes ('15', '01'..'12'), two
    digits with the leading zero (9 and '9' become '09'); empty = every grade. -#}
{% macro sca_grade_levels() %}
    {%- set allowed = ['14', '15', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] -%}
    {%- set codes = [] -%}
    {%- for text in sca_var_list('sca_grade_levels') -%}
        {%- set code = text.upper() -%}
        {%- if code in ('K', 'KG') -%}{%- set code = '15' -%}{%- endif -%}
        {%- if code in ('PK', 'P') -%}{%- set code = '14' -%}{%- endif -%}
        {%- if modules.re.match('^[0-9]$', code) -%}{%- set code = '0' ~ code -%}{%- endif -%}
        {%- if code not in allowed -%}
            {% do exceptions.raise_compiler_error("Var sca_grade_levels holds '" ~ text ~ "', which is not an Illinois state grade (14 PK, 15 K, 01..12).") %}
        {%- endif -%}
        {%- do codes.append(code) -%}
    {%- endfor -%}
    {{ return(codes) }}
{% endmacro %}

{#- SQL boolean: is `state_grade_col` among the selected grades (true when none are listed). -#}
{% macro sca_grade_is_selected_sql(state_grade_col) %}
    {%- set codes = sca_grade_levels() -%}
    {%- if codes | length == 0 -%}{{ return('true') }}{%- endif -%}
    {{ return('coalesce(' ~ state_grade_col ~ " in ('" ~ codes | join("', '") ~ "'), false)") }}
{% endmacro %}

{#- File Identifier: "the 3-digit number attached to the end of the file name". var sca_file_id,
    default '001'; 1 or '1' becomes '001'. -#}
{% macro sca_file_identifier() %}
    {%- set value = sca_var_text('sca_file_id', '001') -%}
    {%- if value is none -%}{{ return('001') }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{1,3}$', value) -%}
        {% do exceptions.raise_compiler_error("Var sca_file_id = '" ~ value ~ "' is not a number of at most 3 digits such as 001.") %}
    {%- endif -%}
    {{ return('%03d' | format(value | int)) }}
{% endmacro %}
