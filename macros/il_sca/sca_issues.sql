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

{#- SCA Issues raised by a left-out row's exclusion_reason (int_sca__issues_enrollments 1-4 and 6,
    int_sca__issues_sections 7-11): `issue_numbers` = {exclusion_reason: issue number}, each reason
    said once. sca_issue_number: the issue number of the reason in `reason_col`;
    sca_issue_reasons: the reasons as a SQL list, for `in`. -#}
{% macro sca_issue_number(reason_col, issue_numbers) -%}
    case {{ reason_col }}
        {%- for reason, issue_number in issue_numbers.items() %}
            when '{{ reason }}' then {{ issue_number }}
        {%- endfor %}
    end
{%- endmacro %}

{% macro sca_issue_reasons(issue_numbers) -%}
    ('{{ issue_numbers.keys() | join("', '") }}')
{%- endmacro %}
