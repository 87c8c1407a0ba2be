{#- post-hook of every staging model: stop the run when a raw value does not parse as its contract
    type (a date like 2024-13-45, text in an integer key, an unknown boolean). The message names
    the file, the column, how many rows and one example value, for every such column at once.
    Policy (see README "Bad input"): such a row would otherwise be silently mis-dated or
    mis-joined, so the run stops rather than set the row aside. -#}
{% macro assert_raw_values_parse(model_identifier) %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set table = model_identifier.split('__')[-1] %}
    {% set contract = sis_raw_contract() %}
    {% if table not in contract %}{{ return('') }}{% endif %}
    {% set rejects_table = 'sis_rejects_' ~ table %}
    {% set has_rejects = run_query("select count(*) from duckdb_tables() where table_name = '" ~ rejects_table ~ "'").columns[0].values()[0] if target.type == 'duckdb' else 0 %}
    {% if has_rejects %}
        {% set rejects = run_query("select line, error_type, any_value(column_name) as column_name from " ~ rejects_table ~ " group by line, error_type order by line limit 5") %}
        {% set n_lines = run_query("select count(distinct line) from " ~ rejects_table).columns[0].values()[0] %}
        {% if n_lines > 0 %}
            {% set explain = {'INVALID ENCODING': 'is not UTF-8 text (re-save the export as UTF-8)', 'MISSING COLUMNS': 'has fewer fields than the header (truncated line?)', 'TOO MANY COLUMNS': 'has more fields than the header (unquoted comma?)', 'UNQUOTED VALUE': 'has a badly quoted value', 'LINE SIZE OVER MAXIMUM': 'is too long'} %}
            {% set personal_columns = ['identity.birthdate', 'identity.effectiveDate'] %}
    {% set lines = [] %}
            {% for r in rejects.rows %}
                {% do lines.append('line ' ~ r['line'] ~ ' ' ~ explain.get(r['error_type'], 'cannot be read (' ~ r['error_type'] ~ ')') ~ ' near column ' ~ r['column_name']) %}
            {% endfor %}
            {% do exceptions.raise_compiler_error("Unreadable lines in the raw " ~ table ~ ".csv file (" ~ n_lines ~ " line(s); the run stops rather than drop them):\n  - " ~ lines | join("\n  - ") ~ "\nFix the export and run again.") %}
        {% endif %}
    {% endif %}
    {% set n_bad = run_query('select count(*) from ' ~ this ~ ' where dq_unparsed_columns is not null').columns[0].values()[0] %}
    {% if n_bad == 0 %}{{ return('') }}{% endif %}
    {% set cols = contract[table]['columns'] | rejectattr('type', 'in', ['text', 'code']) | list %}
    {% set expected = {'id': 'an integer', 'int': 'an integer', 'date': 'a date YYYY-MM-DD', 'bool': 'a boolean 1/0, true/false or Y/N', 'num': 'a number'} %}
    {% set parts = [] %}
    {% for c in cols %}
        {% set bad %}nullif(trim("{{ c.name }}"), '') is not null and {{ sis_typed_expr(c.name, c.type) }} is null{% endset %}
        {% do parts.append('count(*) filter (where ' ~ bad ~ ') as "n_' ~ loop.index ~ '", min("' ~ c.name ~ '") filter (where ' ~ bad ~ ') as "ex_' ~ loop.index ~ '"') %}
    {% endfor %}
    {% set row = run_query('select ' ~ parts | join(', ') ~ ' from ' ~ source('ic', table)).rows[0] %}
    {% set raw_path = var('raw_path', '') | string %}
    {% set found = run_query("select file from glob('" ~ raw_path | replace("'", "''") ~ "/" ~ table ~ ".*')").columns[0].values() %}
    {% set file_name = (found[0] if found else table ~ '.csv') %}
    {% set personal_columns = ['identity.birthdate', 'identity.effectiveDate'] %}
    {% set lines = [] %}
    {% for c in cols %}
        {% set n = row['n_' ~ loop.index] %}
        {% if n and n > 0 %}
            {% set example = row['ex_' ~ loop.index] | string %}
            {% if (table ~ '.' ~ c.name) in personal_columns %}
                {#- a student's birthdate never reaches a log: show its shape, not its digits -#}
                {% set example = modules.re.sub('[0-9]', '9', modules.re.sub('[A-Za-z]', 'x', example)) ~ "' (shape only: personal data withheld)" %}
                {% do lines.append(file_name ~ ", column " ~ c.name ~ ": " ~ n ~ " row(s) not " ~ expected[c.type] ~ ", e.g. a value shaped '" ~ example) %}
            {% else %}
                {% do lines.append(file_name ~ ", column " ~ c.name ~ ": " ~ n ~ " row(s) not " ~ expected[c.type] ~ ", e.g. '" ~ example ~ "'") %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {% do exceptions.raise_compiler_error("Bad values in the raw " ~ table ~ " table:\n  - " ~ lines | join("\n  - ") ~ "\nFix them in the SIS export and run again.") %}
{% endmacro %}
