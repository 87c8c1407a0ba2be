{#-
    The context columns of a KECS LEAD accounting row (state, district, school, calendar, course,
    section, person and the extract's id columns), read from `relation` (a CTE holding them), in
    the order the macro audit_accounting_decision expects after `note`.
-#}
{% macro kecs_accounting_context_columns(relation) -%}
        {%- for column in ['state_code', 'district_id', 'school_id', 'calendar_id', 'course_id', 'section_id', 'person_id', 'enrollment_id', 'roster_id', 'assignment_id'] %}
        {{ relation }}.{{ column }}{{ "," if not loop.last }}
        {%- endfor %}
{%- endmacro %}

{#- The columns of audit__kecs_lead_accounting (the output of audit_accounting_decision), in order. -#}
{% macro kecs_accounting_column_list() -%}
    {{ ['extract', 'report', 'candidate_kind', 'candidate_id', 'status', 'reason_code', 'reason', 'rule_id', 'note', 'matches_rules', 'state_code', 'district_id', 'school_id', 'calendar_id', 'course_id', 'section_id', 'person_id', 'enrollment_id', 'roster_id', 'assignment_id'] | join(', ') }}
{%- endmacro %}
