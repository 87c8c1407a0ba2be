{#- Seeds on Spark (dbt-spark's seed macros, dispatched in the `dbt` namespace, overridden here for
    this project's seeds; DuckDB and PostgreSQL keep dbt's own):
    - the seeds' column_types say `varchar` (DuckDB and PostgreSQL); Spark wants a length with
      VARCHAR, so a `varchar` column is created and cast as Spark's `string`;
    - dbt-spark's `session` method writes each value into the insert as '<value>' without escaping,
      so a value holding an apostrophe (the catalogs' "student's") breaks the statement: the rows are
      written here as Spark literals, each quote and backslash escaped. -#}

{#- A seed column's type on Spark: its column_types entry (read by sis_spark_type) or the type dbt
    infers. -#}
{% macro sis_spark_seed_type(agate_table, column_index, column_override) -%}
    {%- set col_name = agate_table.column_names[column_index] -%}
    {%- set chosen = column_override.get(col_name, adapter.convert_type(agate_table, column_index)) -%}
    {{- return(sis_spark_type(chosen)) -}}
{%- endmacro %}

{#- A value of a seed row as a Spark literal: NULL, true/false, a number as written, else text in
    single quotes (backslash and quote escaped). -#}
{% macro sis_spark_seed_literal(value) -%}
    {%- if value is none -%}null
    {%- elif value is sameas true -%}true
    {%- elif value is sameas false -%}false
    {%- elif value is number -%}{{ value }}
    {%- else -%}'{{ (value | string) | replace('\\', '\\\\') | replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}

{% macro spark__create_csv_table(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set quote_seed_column = model['config'].get('quote_columns', None) -%}
    {% set sql %}
        create table {{ this.render() }} (
            {%- for col_name in agate_table.column_names -%}
                {{ adapter.quote_seed_column(col_name | string, quote_seed_column) }} {{ sis_spark_seed_type(agate_table, loop.index0, column_override) }}
                {%- if not loop.last -%}, {%- endif -%}
            {%- endfor -%}
        )
        {{ file_format_clause() }}
    {% endset %}
    {% call statement('_') -%}
        {{ sql }}
    {%- endcall %}
    {{ return(sql) }}
{% endmacro %}

{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(sis_spark_seed_type(agate_table, loop.index0, column_override)) -%}
    {%- endfor -%}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(get_batch_size()) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ sis_spark_seed_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %}, {% endif -%}
                {%- endfor -%})
                {%- if not loop.last %},{% endif %}
            {% endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}{% do statements.append(sql) %}{% endif %}
    {% endfor %}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
