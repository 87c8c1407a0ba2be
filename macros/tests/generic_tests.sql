{#- Generic tests written here because the dbt package hub is out of reach (no dbt_utils). -#}

{#- Passes when no row fails the boolean expression. -#}
{% test sis_expression_is_true(model, expression, where=none) %}
    select *
    from {{ model }}
    where not ({{ expression }}){% if where %} and ({{ where }}){% endif %}
{% endtest %}

{#- Passes when the combination of columns is unique. -#}
{% test sis_unique_combination(model, columns) %}
    select {{ columns | join(', ') }}, count(*) as n_rows
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endtest %}

{#- Passes when every non-null value of the column is in the list. -#}
{% test sis_value_length_at_most(model, column_name, max_length) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} is not null and length({{ column_name }}) > {{ max_length }}
{% endtest %}

{#- Passes when every non-null value matches the regular expression (whole value). -#}
{% test sis_matches_pattern(model, column_name, pattern) %}
    select {{ column_name }}
    from {{ model }}
    where {{ column_name }} is not null
      and not {{ sis_regex_full_match('cast(' ~ column_name ~ ' as ' ~ dbt.type_string() ~ ')', pattern) }}
{% endtest %}

{#- True when the text `expr` matches the regular expression `pattern` as a whole (dispatched: the
    engines name it differently). -#}
{% macro sis_regex_full_match(expr, pattern) -%}
    {{ return(adapter.dispatch('sis_regex_full_match', 'sis_extracts')(expr, pattern)) }}
{%- endmacro %}
{% macro default__sis_regex_full_match(expr, pattern) -%}
    regexp_full_match({{ expr }}, '{{ pattern }}')
{%- endmacro %}
{% macro postgres__sis_regex_full_match(expr, pattern) -%}
    ({{ expr }} ~ '^({{ pattern }})$')
{%- endmacro %}
{% macro spark__sis_regex_full_match(expr, pattern) -%}
    ({{ expr }} rlike '^({{ pattern }})$')
{%- endmacro %}
