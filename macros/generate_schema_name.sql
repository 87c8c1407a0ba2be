{#- Layers land in plainly named schemas (staging, intermediate, marts, audit) so analysts can
    query `marts.kecs_lead__detail` in DuckDB. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}{{ target.schema }}{%- else -%}{{ custom_schema_name | trim }}{%- endif -%}
{%- endmacro %}
