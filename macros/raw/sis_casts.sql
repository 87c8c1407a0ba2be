{#- Typed reads of raw VARCHAR values. Each returns NULL for an empty value and NULL for a value
    that does not parse; `sis_unparsed_columns` flags the second case so it is never silent.
    Engine-specific syntax is dispatched (adapter.dispatch) so the models stay portable. -#}

{% macro sis_to_text(col) -%}
    nullif(trim({{ col }}), '')
{%- endmacro %}

{% macro sis_to_int(col) -%}
    {{ return(adapter.dispatch('sis_to_int', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_int(col) -%}
    try_cast(nullif(trim({{ col }}), '') as {{ dbt.type_bigint() }})
{%- endmacro %}

{% macro sis_to_decimal(col) -%}
    {{ return(adapter.dispatch('sis_to_decimal', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_decimal(col) -%}
    try_cast(nullif(trim({{ col }}), '') as decimal(12, 4))
{%- endmacro %}

{#- Dates are ISO YYYY-MM-DD only (raw contract); '2024-13-45' and '03/01/2024' do not parse. -#}
{% macro sis_to_date(col) -%}
    {{ return(adapter.dispatch('sis_to_date', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_date(col) -%}
    cast(try_strptime(nullif(trim({{ col }}), ''), '%Y-%m-%d') as date)
{%- endmacro %}

{#- Booleans: 1/0, true/false, Y/N (any case), also yes/no and t/f. -#}
{% macro sis_to_bool(col) -%}
    case
        when lower(trim({{ col }})) in ('1', 'true', 't', 'y', 'yes') then true
        when lower(trim({{ col }})) in ('0', 'false', 'f', 'n', 'no') then false
    end
{%- endmacro %}

{#- The expression that reads a raw column as its contract type. -#}
{% macro sis_typed_expr(col_name, col_type) -%}
    {%- set quoted = '"' ~ col_name ~ '"' -%}
    {%- if col_type in ('id', 'int') -%}{{ sis_to_int(quoted) }}
    {%- elif col_type == 'date' -%}{{ sis_to_date(quoted) }}
    {%- elif col_type == 'bool' -%}{{ sis_to_bool(quoted) }}
    {%- elif col_type == 'num' -%}{{ sis_to_decimal(quoted) }}
    {%- else -%}{{ sis_to_text(quoted) }}
    {%- endif -%}
{%- endmacro %}

{#- A comma-separated list of the typed columns of this row whose non-empty raw value did not
    parse, or NULL. Text columns always parse. -#}
{% macro sis_unparsed_columns(table_name) -%}
    {%- set cols = sis_raw_contract()[table_name]['columns'] | rejectattr('type', 'in', ['text', 'code']) | list -%}
    {%- if cols | length == 0 -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
    nullif(concat_ws(
        ', '
        {%- for c in cols %},
        case
            when nullif(trim("{{ c.name }}"), '') is not null
                and {{ sis_typed_expr(c.name, c.type) }} is null
                then '{{ c.name }}'
        end
        {%- endfor %}
    ), '')
    {%- endif -%}
{%- endmacro %}

{% macro sis_surrogate_key(cols) -%}
    md5(concat_ws('|'
        {%- for c in cols %}, coalesce(cast({{ c }} as {{ dbt.type_string() }}), '\x00'){% endfor -%}
    ))
{%- endmacro %}
