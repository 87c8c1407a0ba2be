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
    {% set lines = [] %}
    {% for c in cols %}
        {% set n = row['n_' ~ loop.index] %}
        {% if n and n > 0 %}
            {% do lines.append(file_name ~ ", column " ~ c.name ~ ": " ~ n ~ " row(s) not " ~ expected[c.type] ~ ", e.g. '" ~ row['ex_' ~ loop.index] ~ "'") %}
        {% endif %}
    {% endfor %}
    {% do exceptions.raise_compiler_error("Bad values in the raw " ~ table ~ " table:\n  - " ~ lines | join("\n  - ") ~ "\nFix them in the SIS export and run again.") %}
{% endmacro %}
