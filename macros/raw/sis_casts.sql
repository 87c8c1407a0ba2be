{#- Typed reads of raw VARCHAR values. Each returns NULL for an empty value and NULL for a value
    that does not parse; `sis_unparsed_columns` flags the second case so it is never silent.
    Leading and trailing spaces are ignored everywhere (' P ', ' 09', ' 2024-08-14 ').
    The text NULL (any case, e.g. what SQL Server export tools write for a NULL) is an empty value in
    every typed column (id, int, date, bool, num) and every code; in free-text columns (names,
    titles, labels) only when the var `raw_null_text` is that exact marker (default '' = off: a
    person whose name is really "Null" keeps it).
    Engine-specific syntax is dispatched (adapter.dispatch) so the models stay portable. -#}

{#- The var raw_null_text as text ('' = off). An unquoted NULL in YAML (`raw_null_text: NULL`) is
    YAML's null: it means the marker NULL, as written. -#}
{% macro sis_null_text() -%}
    {%- set v = var('raw_null_text', '') -%}
    {{- return('NULL' if v is none else (v | string | trim)) -}}
{%- endmacro %}

{#- Free text (contract type `text`): trimmed, '' = NULL, and the raw_null_text marker = NULL. -#}
{% macro sis_to_text(col) -%}
    {%- set marker = sis_null_text() -%}
    {%- if marker == '' -%}
    nullif(trim({{ col }}), '')
    {%- else -%}
    case when trim({{ col }}) = '{{ marker | replace("'", "''") }}' then null else nullif(trim({{ col }}), '') end
    {%- endif -%}
{%- endmacro %}

{#- State and local codes (contract type `code`): trimmed, '' and NULL (any case) = NULL. -#}
{% macro sis_to_code(col) -%}
    case when upper(trim({{ col }})) = 'NULL' then null else nullif(trim({{ col }}), '') end
{%- endmacro %}

{#- True when a raw value of a typed column holds something (not empty, not the text NULL): a
    present value that reads as NULL did not parse. -#}
{% macro sis_raw_present(col) -%}
    (nullif(trim({{ col }}), '') is not null and upper(trim({{ col }})) <> 'NULL')
{%- endmacro %}

{% macro sis_to_int(col) -%}
    {{ return(adapter.dispatch('sis_to_int', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_int(col) -%}
    try_cast(nullif(trim({{ col }}), '') as {{ dbt.type_bigint() }})
{%- endmacro %}
{#- PostgreSQL has no try_cast: only a value that is an integer (at most 18 digits, so it fits a
    bigint) is cast; anything else reads as NULL, as try_cast does. -#}
{% macro postgres__sis_to_int(col) -%}
    case when trim({{ col }}) ~ '^[+-]?[0-9]{1,18}$' then cast(trim({{ col }}) as {{ dbt.type_bigint() }}) end
{%- endmacro %}
{#- Spark: the same reading as PostgreSQL's, with `rlike` for the match (Spark's own cast, without
    ANSI mode, reads more than DuckDB's try_cast: '1e3' as a decimal). -#}
{% macro spark__sis_to_int(col) -%}
    case when trim({{ col }}) rlike '^[+-]?[0-9]{1,18}$' then cast(trim({{ col }}) as {{ dbt.type_bigint() }}) end
{%- endmacro %}

{% macro sis_to_decimal(col) -%}
    {{ return(adapter.dispatch('sis_to_decimal', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_decimal(col) -%}
    try_cast(nullif(trim({{ col }}), '') as decimal(12, 4))
{%- endmacro %}
{#- PostgreSQL: a plain decimal number that fits decimal(12, 4) (at most 8 digits before the point). -#}
{% macro postgres__sis_to_decimal(col) -%}
    case when trim({{ col }}) ~ '^[+-]?([0-9]{1,8}([.][0-9]*)?|[.][0-9]+)$' then cast(trim({{ col }}) as decimal(12, 4)) end
{%- endmacro %}
{% macro spark__sis_to_decimal(col) -%}
    case when trim({{ col }}) rlike '^[+-]?([0-9]{1,8}([.][0-9]*)?|[.][0-9]+)$' then cast(trim({{ col }}) as decimal(12, 4)) end
{%- endmacro %}

{#- Dates are ISO YYYY-MM-DD (raw contract); '2024-13-45' and '03/01/2024' do not parse. A
    midnight datetime as SQL Server export tools write a date (2024-08-14 00:00:00.000,
    2024-08-14 00:00:00, 2024-08-14T00:00:00[.000], and a Parquet TIMESTAMP read as text) is that
    date; any other time of day (2024-08-14 13:45:00) does not parse. -#}
{% macro sis_to_date(col) -%}
    {{ return(adapter.dispatch('sis_to_date', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sis_to_date(col) -%}
    cast(try_strptime({{ sis_date_text(col) }}, '%Y-%m-%d') as date)
{%- endmacro %}
{#- PostgreSQL: YYYY-MM-DD of a date that exists (2024-02-30 reads as NULL; to_date would raise):
    the day must not pass the month's last day. -#}
{% macro postgres__sis_to_date(col) -%}
    {%- set v = '(' ~ sis_date_text(col) ~ ')' -%}
    case
        when {{ v }} ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'
            and substr({{ v }}, 1, 4) <> '0000'
            and cast(substr({{ v }}, 9, 2) as integer) <= extract(
                day from to_date(substr({{ v }}, 1, 7) || '-01', 'YYYY-MM-DD') + interval '1 month' - interval '1 day'
            )
            then to_date({{ v }}, 'YYYY-MM-DD')
    end
{%- endmacro %}
{#- Spark: to_date reads a date that does not exist (2024-02-30) as NULL; year 0000 it cannot read
    at all (it raises), so it is left out first, as on PostgreSQL. -#}
{% macro spark__sis_to_date(col) -%}
    {%- set v = '(' ~ sis_date_text(col) ~ ')' -%}
    case
        when {{ v }} rlike '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' and substr({{ v }}, 1, 4) <> '0000'
            then to_date({{ v }}, 'yyyy-MM-dd')
    end
{%- endmacro %}

{#- Portable (substr, replace, length): the text to parse as YYYY-MM-DD, i.e. the first 10
    characters when the rest is a midnight time (' 00:00:00' or 'T00:00:00', optionally '.' and
    1 to 7 zeros), otherwise the trimmed value itself. -#}
{% macro sis_date_text(col) -%}
    {%- set v = 'trim(' ~ col ~ ')' -%}
    case
        when substr({{ v }}, 11) in (' 00:00:00', 'T00:00:00') then substr({{ v }}, 1, 10)
        when substr({{ v }}, 11, 10) in (' 00:00:00.', 'T00:00:00.')
            and length({{ v }}) between 21 and 27
            and replace(substr({{ v }}, 21), '0', '') = '' then substr({{ v }}, 1, 10)
        else nullif({{ v }}, '')
    end
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
    {%- set quoted = adapter.quote(col_name) -%}
    {%- if col_type in ('id', 'int') -%}{{ sis_to_int(quoted) }}
    {%- elif col_type == 'date' -%}{{ sis_to_date(quoted) }}
    {%- elif col_type == 'bool' -%}{{ sis_to_bool(quoted) }}
    {%- elif col_type == 'num' -%}{{ sis_to_decimal(quoted) }}
    {%- elif col_type == 'code' -%}{{ sis_to_code(quoted) }}
    {%- else -%}{{ sis_to_text(quoted) }}
    {%- endif -%}
{%- endmacro %}

{#- A comma-separated list of the typed columns of this row whose raw value is present (not empty,
    not the text NULL) but did not parse, or NULL. Text and code columns always parse. -#}
{% macro sis_unparsed_columns(table_name) -%}
    {%- set cols = sis_raw_contract()[table_name]['columns'] | rejectattr('type', 'in', ['text', 'code']) | list -%}
    {%- if cols | length == 0 -%}
        cast(null as {{ dbt.type_string() }})
    {%- else -%}
    nullif(concat_ws(
        ', '
        {%- for c in cols %},
        case
            when {{ sis_raw_present(adapter.quote(c.name)) }}
                and {{ sis_typed_expr(c.name, c.type) }} is null
                then '{{ c.name }}'
        end
        {%- endfor %}
    ), '')
    {%- endif -%}
{%- endmacro %}

{#- The surrogate key of a table with a composite primary key: md5 over the key columns of the
    raw contract (its `key` entry), each read as its contract type first, so that the same key
    written another way (' 5' and '5', 2024-08-14 and 2024-08-14 00:00:00.000, NULL and the text
    NULL) gives the same key. -#}
{% macro sis_typed_key(table_name) -%}
    {%- set spec = sis_raw_contract()[table_name] -%}
    {%- set types = {} -%}
    {%- for c in spec['columns'] %}{% do types.update({c.name: c.type}) %}{% endfor -%}
    {%- set exprs = [] -%}
    {%- for k in spec['key'] %}{% do exprs.append(sis_typed_expr(k, types[k])) %}{% endfor -%}
    {{ sis_surrogate_key(exprs) }}
{%- endmacro %}

{% macro sis_surrogate_key(cols) -%}
    md5(concat_ws('|'
        {%- for c in cols %}, coalesce(cast({{ c }} as {{ dbt.type_string() }}), {{ sis_null_key_part() }}){% endfor -%}
    ))
{%- endmacro %}

{#- What a NULL part of a surrogate key is written as: the four characters \x00 (a backslash in a
    Spark string literal escapes the next character, so it is doubled there). -#}
{% macro sis_null_key_part() -%}
    {{ return(adapter.dispatch('sis_null_key_part', 'sis_extracts')()) }}
{%- endmacro %}
{% macro default__sis_null_key_part() -%}
    '\x00'
{%- endmacro %}
{% macro spark__sis_null_key_part() -%}
    '\\x00'
{%- endmacro %}

{#- The select list of a staging model, as the raw contract defines it: every column of the table
    typed by its contract type and named by its staged name, the composite key `<table>_key` when
    the key has several columns, then dq_unparsed_columns. Used by every models/staging/ic model. -#}
{% macro sis_staged_columns(table_name) -%}
    {%- set spec = sis_raw_contract()[table_name] -%}
    {%- for c in spec['columns'] %}
        {{ sis_typed_expr(c.name, c.type) }} as {{ c.staged_as }},
    {%- endfor %}
    {%- if spec['key'] | length > 1 %}
        {{ sis_typed_key(table_name) }} as {{ table_name }}_key,
    {%- endif %}
        {{ sis_unparsed_columns(table_name) }} as dq_unparsed_columns
{%- endmacro %}
