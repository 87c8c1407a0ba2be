{#- The type names of this project's YAML (seed column_types, the marts' contracts: `varchar`,
    `integer`, `bigint`, `boolean`, `date`, `decimal(p, s)`) as Spark reads them: Spark wants a length
    with VARCHAR, so a `varchar` without one is Spark's `string` (what dbt.type_string() gives). Every
    other name is the same in Spark. -#}
{% macro sis_spark_type(data_type) -%}
    {{- return(dbt.type_string() if (data_type | string | lower | trim) == 'varchar' else data_type) -}}
{%- endmacro %}

{#- Contracts on Spark: the empty query dbt builds from a model's YAML columns to compare their types
    with the model's, its `varchar` columns read as `string` (dbt's default__get_empty_schema_sql
    otherwise; the types of the model's own query are not changed). -#}
{% macro spark__get_empty_schema_sql(columns) %}
    {%- set spark_columns = {} -%}
    {%- for name in columns -%}
        {%- set col = columns[name] -%}
        {%- set copied = {} -%}
        {%- do copied.update(col) -%}
        {%- if col.get('data_type') is not none -%}
            {%- do copied.update({'data_type': sis_spark_type(col['data_type'])}) -%}
        {%- endif -%}
        {%- do spark_columns.update({name: copied}) -%}
    {%- endfor -%}
    {{ return(dbt.default__get_empty_schema_sql(spark_columns)) }}
{% endmacro %}
