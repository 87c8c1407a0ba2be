{#- K-12 Student Course Assignment V2 editor options (the `sca_*` vars of dbt_project.yml). Each
    is read and checked once, by the shared option macros of macros/shared_formats/options.sql or
    by the SCA-only macros below. A blank value means the documented default. The defaults that
    depend on data (the active school year and its bounds) are SQL expressions the caller passes
    in, so the options become one row in one model (int_sca__report_parameters) and every other
    model reads that row.

    | var                       | macro                        | blank means                          |
    |---------------------------|------------------------------|--------------------------------------|
    | sca_end_year              | end_year_sql                 | the active school year               |
    | sca_start_date            | date_var_sql                 | the selected school year's start     |
    | sca_end_date              | date_var_sql                 | the selected school year's end       |
    | sca_as_of                 | sca_as_of_date_sql           | the date of the run (current date)   |
    | sca_calendar_ids          | calendar_ids                 | every IL calendar of the end year    |
    | sca_grade_levels          | sca_grade_levels             | every reported state grade           |
    | sca_in_progress           | flag_sql                     | false (checkbox not marked)          |
    | sca_records_99_only       | flag_sql                     | false                                |
    | sca_include_no_state_id   | flag_sql                     | false                                |
    | sca_protected_identities  | flag_sql                     | false                                |
    | sca_strip_apostrophes     | flag_sql                     | false                                |
    | sca_file_id               | sca_file_identifier          | '001'                                |
-#}

{#- The report generation date (File Date; "Future end dates do not report"). Blank = the date
    the dbt run started (local time), one value for every model of the run. -#}
{% macro sca_as_of_date_sql() %}
    {%- set literal = date_literal('sca_as_of') -%}
    {%- if literal is not none -%}{{ return(literal) }}{%- endif -%}
    {{ return("cast('" ~ run_started_stamp().strftime('%Y-%m-%d') ~ "' as date)") }}
{% endmacro %}

{#- Date Time Generated of the Issues report, 'MM/DD/YYYY HH:MM' (same form as KECS LEAD): the
    as-of date at 00:00 when sca_as_of is set, else the time the run started. -#}
{% macro sca_date_time_generated_sql() %}
    {%- set value = var_text('sca_as_of') -%}
    {%- if value is none -%}{{ return(date_time_text_sql(run_started_stamp())) }}{%- endif -%}
    {%- do date_literal('sca_as_of') -%}
    {{ return(date_time_text_sql(modules.datetime.datetime.strptime(value, '%Y-%m-%d'))) }}
{% endmacro %}

{#- Student Selection by grade level: the selected state grade codes ('15', '01'..'12'), two
    digits with the leading zero (9 and '9' become '09'); empty = every grade. -#}
{% macro sca_grade_levels() %}
    {%- set allowed = ['14', '15', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'] -%}
    {%- set codes = [] -%}
    {%- for text in var_list('sca_grade_levels') -%}
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
    {%- set value = var_text('sca_file_id', '001') -%}
    {%- if value is none -%}{{ return('001') }}{%- endif -%}
    {%- if not modules.re.match('^[0-9]{1,3}$', value) -%}
        {% do exceptions.raise_compiler_error("Var sca_file_id = '" ~ value ~ "' is not a number of at most 3 digits such as 001.") %}
    {%- endif -%}
    {{ return('%03d' | format(value | int)) }}
{% endmacro %}
