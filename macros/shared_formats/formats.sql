{#- Formats both state files share (the marts hold the file's text). Engine-specific syntax is
    dispatched (jaffle-shop pattern) so the models stay portable. -#}

{#- A date as text in `pattern` (to_char letters MM, DD, YYYY); NULL stays NULL (an empty field in
    the file). MM/DD/YYYY is the date of both files ("Date field, 10 characters (MM/DD/YYYY)");
    the SCA File Name uses MMDDYYYY. Used by the kecs_lead__ and il_sca__ marts and the
    int_kecs__issues_* / int_sca__issues_* models. -#}
{% macro format_date(col, pattern='MM/DD/YYYY') -%}
    {{ return(adapter.dispatch('format_date', 'sis_extracts')(col, pattern)) }}
{%- endmacro %}
{% macro default__format_date(col, pattern) -%}
    to_char({{ col }}, '{{ pattern }}')
{%- endmacro %}
{% macro duckdb__format_date(col, pattern) -%}
    strftime({{ col }}, '{{ pattern | replace('MM', '%m') | replace('DD', '%d') | replace('YYYY', '%Y') }}')
{%- endmacro %}
{#- Spark's datetime pattern letters: dd (day of month) and yyyy (year), MM as it is. -#}
{% macro spark__format_date(col, pattern) -%}
    date_format({{ col }}, '{{ pattern | replace('DD', 'dd') | replace('YYYY', 'yyyy') }}')
{%- endmacro %}

{#- Portable type names (dbt's cross-database macros) for the casts of every model family: the
    report text, the audit tables and the issues. -#}
{% macro string_type() -%}
    {{ return(dbt.type_string()) }}
{%- endmacro %}
{% macro bigint_type() -%}
    {{ return(dbt.type_bigint()) }}
{%- endmacro %}
