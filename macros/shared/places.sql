{#- The district and school a calendar belongs to, with their numbers and names, read from
    `relation` (a calendar row: int_calendars__enriched or a model built on it). Used by
    int_kecs__calendars_in_scope and int_kecs__sections_in_scope. -#}
{% macro district_school_columns(relation) -%}
    {%- for column in ['district_id', 'district_number', 'district_name', 'school_id', 'school_number', 'school_name'] %}
        {{ relation }}.{{ column }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- The number of distinct non-NULL values of `expr` in the window `partition by <partition>`:
    count(distinct ...) over (...) said portably (PostgreSQL and Spark have no DISTINCT in window
    functions): the rank of the value counted upwards plus its rank counted downwards, less one; a
    bigint as count() is (Spark's dense_rank is an int). -#}
{% macro count_distinct_over(expr, partition) -%}
    cast(dense_rank() over (partition by {{ partition }} order by {{ expr }})
    + dense_rank() over (partition by {{ partition }} order by {{ expr }} desc) - 1 as {{ dbt.type_bigint() }})
{%- endmacro %}
