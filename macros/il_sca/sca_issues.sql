{#- SCA Issues: the shape the int_sca__issues_<family> models share, written once.

    Each family model finds the records of a group of issue numbers that read the same inputs
    (seed il_sca_issue_catalog; one CTE per issue or per rule that numbers several, `detail`
    saying what is wrong) and ends with sca_issues_union; the model int_sca__issues unions the
    families and adds the names of the calendar, student, section and course concerned, and the
    mart il_sca__issues formats them.

    sca_issues_union(issues)
        sis_issues_union (macros/kecs/kecs_issues.sql, shared with the KECS LEAD Issues) with the
        Illinois ids: calendar_id, person_id, section_id, enrollment_id (NULL where the issue has
        none). `issues` = [(cte, [the ids it fills])]; calendar_id is NULL only for a raw row whose
        state cannot be traced (25).
-#}

{% macro sca_issues_union(issues) -%}
    {%- set id_columns = [] %}
    {%- for column in ['calendar_id', 'person_id', 'section_id', 'enrollment_id'] %}
        {%- do id_columns.append((column, bigint_type())) %}
    {%- endfor %}
    {{ sis_issues_union(issues, id_columns) }}
{%- endmacro %}
