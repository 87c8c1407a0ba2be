{#- Formatting of KECS LEAD file values (the marts hold the file's text); the date and the text
    type both reports use are in macros/shared_formats/formats.sql. -#}

{#- A state district or school number as 3 digits: shorter numbers are left-padded with zeros;
    a longer value is kept as stored (and listed by Issues, Error 16). -#}
{% macro kecs_three_digits(col) -%}
    case
        when length({{ col }}) < 3 then lpad({{ col }}, 3, '0')
        else {{ col }}
    end
{%- endmacro %}

{#- A boolean as 'Y' / 'N' (NULL stays NULL). -#}
{% macro kecs_yes_no(col) -%}
    case
        when {{ col }} then 'Y'
        when not {{ col }} then 'N'
    end
{%- endmacro %}

{#- An id as text for the free-text `detail` column of Issues. -#}
{% macro kecs_text(col) -%}
    cast({{ col }} as {{ dbt.type_string() }})
{%- endmacro %}

{#- A date from a year expression and a fixed 'MM-DD' (e.g. 07/01 of end year - 1, R7.BR1). -#}
{% macro kecs_date_from_year(year_expr, month_day) -%}
    cast({{ dbt.concat([dbt.safe_cast(year_expr, dbt.type_string()), "'-" ~ month_day ~ "'"]) }} as date)
{%- endmacro %}

{#- Comma-separated list of values of a group, in the given order (dbt.listagg). -#}
{% macro kecs_listagg(measure, order_by_clause) -%}
    {{ return(adapter.dispatch('kecs_listagg', 'sis_extracts')(measure, order_by_clause)) }}
{%- endmacro %}
{% macro default__kecs_listagg(measure, order_by_clause) -%}
    {{ dbt.listagg(measure=dbt.safe_cast(measure, dbt.type_string()), delimiter_text="', '", order_by_clause=order_by_clause) }}
{%- endmacro %}
{#- Spark: dbt's spark__listagg drops the order (collect_list); Spark 4's listagg keeps it with
    WITHIN GROUP. -#}
{% macro spark__kecs_listagg(measure, order_by_clause) -%}
    listagg({{ dbt.safe_cast(measure, dbt.type_string()) }}, ', ') within group ({{ order_by_clause }})
{%- endmacro %}
