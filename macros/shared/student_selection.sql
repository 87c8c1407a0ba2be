{#- The student selection (the Illinois editor's ad hoc filter, offered on both extracts as
    `--students FILE`): var `student_ids`, a list of state IDs or person IDs as text. Empty or unset =
    every student. -#}
{% macro student_selection_ids() %}
    {%- set ids = var('student_ids', []) -%}
    {%- if ids is none or ids == '' -%}{{ return([]) }}{%- endif -%}
    {%- if ids is string -%}{%- set ids = ids.split(',') -%}{%- endif -%}
    {%- set out = [] -%}
    {%- for i in ids -%}
        {%- set v = (i | string | trim) -%}
        {%- if v != '' and v not in out -%}
            {%- if not modules.re.match('^[A-Za-z0-9_-]+$', v) -%}
                {% do exceptions.raise_compiler_error("Var student_ids: '" ~ v ~ "' is not a state ID or person ID (letters, digits, '-' and '_' only).") %}
            {%- endif -%}
            {%- do out.append(v) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(out) }}
{% endmacro %}

{#- SQL true when a student selection is given (the run is restricted to those students). -#}
{% macro student_selection_is_on() %}
    {{- return('true' if student_selection_ids() | length > 0 else 'false') -}}
{% endmacro %}

{#- The selection's IDs as rows of one column `given_id` (none: no row), read from `relation` only
    to have a FROM clause every engine accepts. -#}
{% macro student_selection_rows(relation) %}
    {%- set ids = student_selection_ids() -%}
    {%- if ids | length == 0 -%}
    select cast(null as {{ string_type() }}) as given_id from {{ relation }} where 1 = 0
    {%- else -%}
    {%- for v in ids %}
    select cast('{{ v }}' as {{ string_type() }}) as given_id
    {%- if not loop.last %}
    union all
    {%- endif -%}
    {%- endfor -%}
    {%- endif -%}
{% endmacro %}
