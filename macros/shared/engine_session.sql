{#- A pre-hook of every model (dbt_project.yml): settings of the engine's session for the model's
    statement. DuckDB and Spark need none.

    PostgreSQL: no nested-loop joins (`set local`: for this model's transaction only). The models
    join wide intermediate tables on several columns at once; PostgreSQL estimates such a join at a
    few rows (it multiplies the columns' selectivities) and then loops over one side for each row of
    the other. int_sca__course_assignments took more than 5 minutes that way at 10,000 students,
    0.7 s with hash joins. The joins here are all equi-joins or small; none gains from a nested loop. -#}
{% macro sis_session_settings() -%}
    {{ return(adapter.dispatch('sis_session_settings', 'sis_extracts')()) }}
{%- endmacro %}

{% macro default__sis_session_settings() -%}
{%- endmacro %}

{% macro postgres__sis_session_settings() -%}
    set local enable_nestloop = off
{%- endmacro %}
