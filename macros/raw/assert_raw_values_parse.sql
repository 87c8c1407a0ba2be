{#- post-hook of every staging model: stop the run when
    - a CSV line of the raw file could not be read (named by line; the content is not echoed),
    - a raw value does not parse as its contract type (a date like 2024-13-45, text in an integer
      key, an unknown boolean): the message names the file, the column, how many rows, the first
      bad value and where the first bad rows are (CSV line or Parquet row, and the row's key), for
      every such column at once (the lines are looked up only then: a clean run never pays for it),
    - a primary key of the raw table (the contract's `key`) is duplicated: the message names the
      file, the key column(s), up to 5 key values and how often each appears. Key columns are
      internal SIS ids, dates and codes, never a state ID, a name or a birthdate.
    Policy (see README "Bad input"): such a row would otherwise be silently mis-dated, mis-joined
    or counted twice, so the run stops rather than set the row aside. -#}
{% macro assert_raw_values_parse(model_identifier) %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set table = model_identifier.split('__')[-1] %}
    {% set contract = sis_raw_contract() %}
    {% if table not in contract %}{{ return('') }}{% endif %}
    {% set rejects_table = 'sis_rejects_' ~ table %}
    {% set has_rejects = run_query("select count(*) from duckdb_tables() where table_name = '" ~ rejects_table ~ "'").columns[0].values()[0] if target.type == 'duckdb' else 0 %}
    {% if has_rejects %}
        {% set rejects = run_query("select line, error_type, any_value(column_name) as column_name, max(case when error_message like '%unterminated quote%' then 1 else 0 end) as unterminated from " ~ rejects_table ~ " group by line, error_type order by line limit 5") %}
        {% set n_lines = run_query("select count(distinct line) from " ~ rejects_table).columns[0].values()[0] %}
        {% if n_lines > 0 %}
            {% set explain = {'INVALID ENCODING': 'is not UTF-8 text (re-save the export as UTF-8)', 'MISSING COLUMNS': 'has fewer fields than the header (truncated line?)', 'TOO MANY COLUMNS': 'has more fields than the header (unquoted comma?)', 'UNQUOTED VALUE': 'has a badly quoted value', 'LINE SIZE OVER MAXIMUM': 'is too long'} %}
            {% set lines = [] %}
            {% for r in rejects.rows %}
                {% if r['unterminated'] %}
                    {#- DuckDB reads the rest of the file into that one value: no line after it is read -#}
                    {% set problem = 'has a quote (") that is never closed (near column ' ~ r['column_name'] ~ '; the lines after it cannot be read)' %}
                {% else %}
                    {% set problem = explain.get(r['error_type'], 'cannot be read (' ~ r['error_type'] ~ ')') ~ ' near column ' ~ r['column_name'] %}
                {% endif %}
                {% do lines.append(table ~ '.csv: line ' ~ r['line'] ~ ' ' ~ problem) %}
            {% endfor %}
            {% do exceptions.raise_compiler_error("Unreadable lines in the raw " ~ table ~ ".csv file (" ~ n_lines ~ " line(s); the run stops rather than drop them):\n  - " ~ lines | join("\n  - ") ~ "\nFix the export and run again.") %}
        {% endif %}
    {% endif %}
    {#- one query for both checks: a clean table costs one scan of the staged table -#}
    {% set key_cols = sis_raw_key_columns(table) %}
    {% set counts = run_query(
        'select (select count(*) from ' ~ this ~ ' where dq_unparsed_columns is not null) as n_bad, '
        ~ '(select count(*) from (' ~ sis_raw_duplicate_keys_sql(key_cols) ~ ') as d) as n_dup'
    ).rows[0] %}
    {% if counts['n_bad'] == 0 and counts['n_dup'] == 0 %}{{ return('') }}{% endif %}
    {% set raw_path = var('raw_path', '') | string %}
    {% set found = run_query("select file from glob('" ~ raw_path | replace("'", "''") ~ "/" ~ table ~ ".*')").columns[0].values() if raw_path and target.type == 'duckdb' else [] %}
    {% set file_name = (found[0] if found else table ~ '.csv') %}
    {% if counts['n_bad'] == 0 %}
        {{ sis_raise_duplicate_keys(table, file_name, key_cols, counts['n_dup']) }}
    {% endif %}
    {% set cols = contract[table]['columns'] | rejectattr('type', 'in', ['text', 'code']) | list %}
    {% set expected = {'id': 'an integer', 'int': 'an integer', 'date': 'a date YYYY-MM-DD', 'bool': 'a boolean 1/0, true/false or Y/N', 'num': 'a number'} %}
    {#- the rows: the file read again with each row's line (CSV) or row number (Parquet), or the raw
        relation when the file is not known; each bad row is named by its line and its key -#}
    {% set numbered = sis_raw_numbered_rows(table) %}
    {% set rows_sql = numbered if numbered else 'select *, cast(null as bigint) as sis_row, cast(null as bigint) as sis_line from ' ~ source('ic', table) %}
    {% set key_parts = [] %}
    {% for k in key_cols %}
        {% do key_parts.append("'" ~ k.name ~ " ' || coalesce(nullif(trim(cast(" ~ adapter.quote(k.name) ~ " as " ~ dbt.type_string() ~ ")), ''), 'NULL')") %}
    {% endfor %}
    {% set key_sql = key_parts | join(" || ', ' || ") %}
    {% set at_sql = "case when sis_line is not null then 'line ' || sis_line || ' (' || " ~ key_sql ~ " || ')' when sis_row is not null then 'row ' || sis_row || ' (' || " ~ key_sql ~ " || ')' else " ~ key_sql ~ " end" %}
    {% set parts = [] %}
    {% for c in cols %}
        {% set bad %}{{ sis_raw_present(adapter.quote(c.name)) }} and {{ sis_typed_expr(c.name, c.type) }} is null{% endset %}
        {% set i = loop.index %}
        {% do parts.append('count(*) filter (where ' ~ bad ~ ') as n_' ~ i) %}
        {% do parts.append(sis_first_values(adapter.quote(c.name), bad, ['sis_row', key_sql], 1) ~ ' as ex_' ~ i) %}
        {% do parts.append(sis_first_values(at_sql, bad, ['sis_row', key_sql], 3) ~ ' as at_' ~ i) %}
    {% endfor %}
    {% set row = run_query('select ' ~ parts | join(', ') ~ ' from (' ~ rows_sql ~ ') as numbered_rows').rows[0] %}
    {% set personal_columns = ['identity.birthdate', 'identity.effectiveDate'] %}
    {% set lines = [] %}
    {% for c in cols %}
        {% set n = row['n_' ~ loop.index] %}
        {% if n and n > 0 %}
            {% set example = row['ex_' ~ loop.index] | string %}
            {#- where: the first bad rows by line (or row) and key; the key columns are internal ids,
                dates and codes, never a name, a state ID or a birthdate -#}
            {% set where = ' at ' ~ row['at_' ~ loop.index] ~ (' and ' ~ (n - 3) ~ ' more' if n > 3 else '') %}
            {% if (table ~ '.' ~ c.name) in personal_columns %}
                {#- a student's birthdate never reaches a log: show its shape, not its digits -#}
                {% set example = modules.re.sub('[0-9]', '9', modules.re.sub('[A-Za-z]', 'x', example)) ~ "' (shape only: personal data withheld)" %}
                {% do lines.append(file_name ~ ", column " ~ c.name ~ ": " ~ n ~ " row(s) not " ~ expected[c.type] ~ ", e.g. a value shaped '" ~ example ~ where) %}
            {% else %}
                {% do lines.append(file_name ~ ", column " ~ c.name ~ ": " ~ n ~ " row(s) not " ~ expected[c.type] ~ ", e.g. '" ~ example ~ "'" ~ where) %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {% do exceptions.raise_compiler_error("Bad values in the raw " ~ table ~ " table:\n  - " ~ lines | join("\n  - ") ~ "\nFix them in the SIS export and run again.") %}
{% endmacro %}

{#- The key columns of a raw table as [{name, staged_as, type}], from the contract's `key`. -#}
{% macro sis_raw_key_columns(table) %}
    {% set spec = sis_raw_contract()[table] %}
    {% set by_name = {} %}
    {% for c in spec['columns'] %}{% do by_name.update({c.name: c}) %}{% endfor %}
    {% set out = [] %}
    {% for k in spec['key'] %}{% do out.append(by_name[k]) %}{% endfor %}
    {{ return(out) }}
{% endmacro %}

{#- Portable SQL: one row per duplicated key value of the staged table (`this`) with how many rows
    carry it. A one-column key ignores NULL (the not_null test reports those, as dbt's unique test
    does); in a composite key NULL parts compare equal, as in the `<table>_key` surrogate key. -#}
{% macro sis_raw_duplicate_keys_sql(key_cols) %}
    {%- set names = key_cols | map(attribute='staged_as') | join(', ') -%}
    {{ return('select ' ~ names ~ ', count(*) as n_rows from ' ~ this
        ~ (' where ' ~ key_cols[0].staged_as ~ ' is not null' if key_cols | length == 1 else '')
        ~ ' group by ' ~ names ~ ' having count(*) > 1') }}
{% endmacro %}

{#- Stop the run on duplicated keys: `course.csv: courseID 1234 appears 2 times (keys must be
    unique); 1 key value(s) duplicated`, at most 5 key values shown. -#}
{% macro sis_raise_duplicate_keys(table, file_name, key_cols, n_dup) %}
    {% set names = key_cols | map(attribute='staged_as') | join(', ') %}
    {% set examples = run_query(sis_raw_duplicate_keys_sql(key_cols) ~ ' order by n_rows desc, ' ~ names ~ ' limit 5') %}
    {% set shown = [] %}
    {% for r in examples.rows %}
        {% set parts = [] %}
        {% for c in key_cols %}
            {% set v = r[c.staged_as] %}
            {% if v is none %}
                {% set v = 'NULL' %}
            {% elif c.type in ('text', 'code') %}
                {% set v = "'" ~ v ~ "'" %}
            {% endif %}
            {% do parts.append(c.name ~ ' ' ~ v) %}
        {% endfor %}
        {% set value = parts[0] if parts | length == 1 else '(' ~ parts | join(', ') ~ ')' %}
        {% do shown.append(value ~ ' appears ' ~ r['n_rows'] ~ ' times') %}
    {% endfor %}
    {% set more = ', the first 5 shown' if n_dup > 5 else '' %}
    {% do exceptions.raise_compiler_error("Duplicate keys in the raw " ~ table ~ " table:\n  - " ~ file_name ~ ": " ~ shown | join('; ') ~ " (keys must be unique); " ~ n_dup ~ " key value(s) duplicated" ~ more ~ ".\nEach row of " ~ table ~ " must have its own " ~ key_cols | map(attribute='name') | join(' + ') ~ ". Fix them in the SIS export and run again.") %}
{% endmacro %}

{#- SQL: the first `n` values of the text expression `value` among the rows where `condition` holds,
    in the order of the expressions `order_keys` (each ascending, NULL last), joined by ', ' (NULL
    when no row). An aggregate: used by assert_raw_values_parse over the raw rows. -#}
{% macro sis_first_values(value, condition, order_keys, n) -%}
    {{ return(adapter.dispatch('sis_first_values', 'sis_extracts')(value, condition, order_keys, n)) }}
{%- endmacro %}
{% macro default__sis_first_values(value, condition, order_keys, n) -%}
    array_to_string(list_slice(list({{ value }} order by {{ order_keys | join(' nulls last, ') }} nulls last) filter (where {{ condition }}), 1, {{ n }}), ', ')
{%- endmacro %}
{#- PostgreSQL: array_agg keeps the order it is given; the first n elements by slice. -#}
{% macro postgres__sis_first_values(value, condition, order_keys, n) -%}
    array_to_string((array_agg(cast({{ value }} as text) order by {{ order_keys | join(' nulls last, ') }} nulls last) filter (where {{ condition }}))[1:{{ n }}], ', ')
{%- endmacro %}
{#- Spark: collect_list has no order; the matching rows are collected as structs of (key is null, key,
    ..., value) and sorted (array_sort), so NULL keys come last. -#}
{% macro spark__sis_first_values(value, condition, order_keys, n) -%}
    {%- set fields = [] -%}
    {%- for key in order_keys -%}
        {%- do fields.append('(' ~ key ~ ') is null') -%}
        {%- do fields.append(key) -%}
    {%- endfor -%}
    {%- set named = [] -%}
    {%- for f in fields %}{% do named.append("'k" ~ loop.index ~ "', " ~ f) %}{% endfor -%}
    nullif(array_join(slice(transform(array_sort(collect_list(case when {{ condition }} then named_struct({{ named | join(', ') }}, 'v', {{ value }}) end)), x -> x.v), 1, {{ n }}), ', '), '')
{%- endmacro %}
