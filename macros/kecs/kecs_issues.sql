{#- Issues: the shape the Issues family models share, written once.

    Each family model finds the records of a group of issue numbers that read the same inputs
    (one CTE per issue, `detail` saying what is wrong) and ends with the union below; the models
    int_kecs__issues and int_sca__issues union the families and the marts kecs_lead__issues and
    il_sca__issues format them.

    sis_issues_union(issues, id_columns)
        The union of a family's issue CTEs: issue_number, every id column (NULL, of its type,
        where the issue has none) and detail. `issues` = [(cte, [names])], a name being an id
        column or a group of them (`groups`); `id_columns` = [(column, type)], in order. Shared by
        both extracts (sca_issues_union passes the Illinois ids).
    kecs_issue_id_columns
        R10: the identifier columns of every KECS LEAD Issues row, in file order, with their types.
    kecs_issues_union(issues)
        R10: sis_issues_union with those columns and the groups 'district' (number, name), 'school'
        (the district's and the school's number and name), 'person' (person_id, first and last
        name), 'section' (section_id, course and section number).
-#}

{% macro sis_issues_union(issues, id_columns, groups={}) -%}
    {%- for cte, names in issues %}
        {%- set columns = [] %}
        {%- for name in names %}
            {%- do columns.extend(groups.get(name, [name])) %}
        {%- endfor %}
        select
            issue_number,
            {%- for column, column_type in id_columns %}
                {% if column in columns -%}
                    {{ column }}
                {%- else -%}
                    cast(null as {{ column_type }})
                {%- endif %} as {{ column }},
            {%- endfor %}
            detail
        from {{ cte }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro kecs_issue_id_columns() %}
    {{ return([
        ('district_number', string_type()),
        ('district_name', string_type()),
        ('school_number', string_type()),
        ('school_name', string_type()),
        ('person_id', 'bigint'),
        ('first_name', string_type()),
        ('last_name', string_type()),
        ('section_id', 'bigint'),
        ('course_number', string_type()),
        ('section_number', string_type()),
        ('enrollment_id', 'bigint'),
    ]) }}
{% endmacro %}

{% macro kecs_issues_union(issues) -%}
    {{ sis_issues_union(issues, kecs_issue_id_columns(), {
        'district': ['district_number', 'district_name'],
        'school': ['district_number', 'district_name', 'school_number', 'school_name'],
        'person': ['person_id', 'first_name', 'last_name'],
        'section': ['section_id', 'course_number', 'section_number'],
    }) }}
{%- endmacro %}
