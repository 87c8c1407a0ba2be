{#- The district and school a calendar belongs to, with their numbers and names, read from
    `relation` (a calendar row: int_calendars__enriched or a model built on it). Used by
    int_kecs__calendars_in_scope and int_kecs__sections_in_scope. -#}
{% macro district_school_columns(relation) -%}
    {%- for column in ['district_id', 'district_number', 'district_name', 'school_id', 'school_number', 'school_name'] %}
        {{ relation }}.{{ column }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
