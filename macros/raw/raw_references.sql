{#- A raw row's references to other records, as int_raw__missing_references checks them: the
    record each reference points to (in the order a missing one is named), the column the raw
    file calls it by, and the id column of references_made that holds it. Used by
    int_raw__missing_references (raw_reference_checks, raw_first_missing). -#}
{% macro raw_reference_kinds() -%}
    {{ return([
        {'table': 'section', 'key_column': 'sectionID', 'column': 'section_id'},
        {'table': 'person', 'key_column': 'personID', 'column': 'person_id'},
        {'table': 'term', 'key_column': 'termID', 'column': 'term_id'},
        {'table': 'calendar', 'key_column': 'calendarID', 'column': 'calendar_id'},
        {'table': 'course', 'key_column': 'courseID', 'column': 'course_id'},
    ]) }}
{%- endmacro %}

{#- One raw table's select of references_made in int_raw__missing_references (the `from` follows
    the call): the raw row's key, the ids it points to (`ids`: column -> expression, NULL when the
    table has no such reference) and whether each referenced record exists (`checks`: table ->
    condition, true when not checked for this table). -#}
{% macro raw_reference_checks(table_name, key_column, key_value, ids, checks) -%}
    select
        '{{ table_name }}' as table_name,
        '{{ key_column }}' as key_column,
        {{ key_value }} as key_value,
        {%- for column in ['person_id', 'section_id', 'enrollment_id', 'calendar_id', 'term_id', 'course_id'] %}
        {{ ids.get(column, 'cast(null as ' ~ dbt.type_bigint() ~ ')') }} as {{ column }},
        {%- endfor %}
        {%- for kind in raw_reference_kinds() %}
        {{ checks.get(kind.table, 'true') }} as has_{{ kind.table }}{{ ',' if not loop.last }}
        {%- endfor %}
{%- endmacro %}

{#- The first missing reference of a references_made row, in raw_reference_kinds order: its raw
    column name (what='key_column'), its table ('table') or the id the row holds ('value'). Used
    by int_raw__missing_references. -#}
{% macro raw_first_missing(what) -%}
    case
        {%- for kind in raw_reference_kinds() %}
            when not references_made.has_{{ kind.table }} then
            {%- if what == 'value' %} references_made.{{ kind.column }}
            {%- else %} '{{ kind[what] }}'
            {%- endif %}
        {%- endfor %}
        end
{%- endmacro %}
