-- R3 (CSV or HTML) / R4.BR1 (KECS_LEAD_<ReportName>.csv): every KECS LEAD report is written by the
-- exporter from its mart. A text value holding a line break or a tab would split a CSV row in
-- the state's loaders; returns each report, column and value that does. Warns: fix the value in
-- the SIS (usually a name or title pasted with a line break).
{%- set marts = ['kecs_lead__detail', 'kecs_lead__classes', 'kecs_lead__staff', 'kecs_lead__schoolwide', 'kecs_lead__caseload', 'kecs_lead__issues'] %}
{%- set checks = [] %}
{%- if execute %}
    {%- for mart in marts %}
        {%- for column in adapter.get_columns_in_relation(ref(mart)) %}
            {%- if column.is_string() %}
                {%- do checks.append((mart, column.name)) %}
            {%- endif %}
        {%- endfor %}
    {%- endfor %}
{%- endif %}
{%- for mart in marts %}{%- set _ = ref(mart) %}{%- endfor %}

{% if checks | length == 0 %}
    select
        cast(null as {{ dbt.type_string() }}) as report,
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as column_value
    where 1 = 0
{% else %}
    {%- for mart, column_name in checks %}
        select
            '{{ mart }}' as report,
            '{{ column_name }}' as column_name,
            {{ column_name }} as column_value
        from {{ ref(mart) }}
        where
            {{ column_name }} like '%' || chr(10) || '%'
            or {{ column_name }} like '%' || chr(13) || '%'
            or {{ column_name }} like '%' || chr(9) || '%'
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endif %}
