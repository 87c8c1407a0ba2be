{#- on-run-start: expose each raw file of the folder `var('raw_path')` as a view of VARCHAR columns
    named exactly as the raw contract, in the schema `var('raw_schema', 'raw')`.

    - `<table>.csv` or `<table>.parquet` (file name = table name in lower case).
    - A missing required file, a required column missing from the header, an empty file, or both a
      .csv and a .parquet for one table stops the run with a message naming the file and column.
    - A missing optional table reads as an empty table; a missing optional column reads as NULL.
    - Columns are matched by name, case-insensitively (spaces around a name ignored); extra columns
      are ignored.
    - A CSV whose header line is delimited by ';', tab or '|' rather than ',' stops the run saying
      so (rather than reading it as one column and reporting every column missing).

    Only on DuckDB (the embedded engine), and only when `raw_path` is set: its default is empty, so
    the hook does nothing in a project that uses this one as a dbt package (docs/package.md: dbt runs
    a package's on-run-start hooks too) or on another engine. There, load the raw tables into
    `raw_schema` with the contract's column names and leave `raw_path` unset. -#}
{% macro land_raw_files() %}
    {% set raw_path = (var('raw_path', '') or '') | string %}
    {% if not execute or target.type != 'duckdb' or raw_path in ('', 'None') %}
        {{ return('') }}
    {% endif %}
    {% set schema = var('raw_schema', 'raw') %}
    {% do run_query('create schema if not exists ' ~ schema) %}
    {% set folder_files = run_query("select file from glob('" ~ raw_path | replace("'", "''") ~ "/*')").columns[0].values() %}
    {% if folder_files | length == 0 %}
        {% do exceptions.raise_compiler_error("Raw folder '" ~ raw_path ~ "' does not exist or holds no files. Point the raw_path var at the folder of the SIS export (one <table>.csv or <table>.parquet per table).") %}
    {% endif %}
    {% set by_name = {} %}
    {% for f in folder_files %}
        {% set base = f.replace('\\', '/').split('/')[-1] %}
        {% do by_name.update({base.lower(): f}) %}
    {% endfor %}
    {% set problems = [] %}
    {% for table, spec in sis_raw_contract().items() %}
        {% set csv_file = by_name.get(table ~ '.csv') %}
        {% set pq_file = by_name.get(table ~ '.parquet') %}
        {% set cols = spec['columns'] %}
        {% if csv_file and pq_file %}
            {% do problems.append(table ~ ": both " ~ table ~ ".csv and " ~ table ~ ".parquet are in " ~ raw_path ~ "; keep one.") %}
        {% elif not csv_file and not pq_file %}
            {% if spec['optional_table'] %}
                {% set sel = [] %}
                {% for c in cols %}{% do sel.append('cast(null as varchar) as "' ~ c.name ~ '"') %}{% endfor %}
                {% do run_query('create or replace view ' ~ schema ~ '."' ~ table ~ '" as select ' ~ sel | join(', ') ~ ' where false') %}
            {% else %}
                {% do problems.append(table ~ ".csv (or " ~ table ~ ".parquet): required file missing from " ~ raw_path ~ ".") %}
            {% endif %}
        {% else %}
            {% set file = csv_file or pq_file %}
            {% set present = {} %}
            {% set header = none %}
            {% if csv_file %}
                {#- the header line, read as plain text: the file's columns without DuckDB's CSV
                    sniffer, which throws its own dump on an unbalanced quote -#}
                {% set header = sis_csv_header(file) %}
                {% for n in header.names %}{% do present.update({n | lower: header.columns[loop.index0]}) %}{% endfor %}
                {% set reader = sis_raw_reader(file, 'csv', table, header.columns) %}
            {% else %}
                {% set reader = sis_raw_reader(file, 'parquet', table) %}
                {% set described = run_query('select column_name from (describe select * from ' ~ reader ~ ')') %}
                {% for n in described.columns[0].values() %}{% do present.update({n | lower: n}) %}{% endfor %}
            {% endif %}
            {% set sel = [] %}
            {% set missing = [] %}
            {% for c in cols %}
                {% if (c.name | lower) in present %}
                    {% do sel.append('cast("' ~ present[c.name | lower] ~ '" as varchar) as "' ~ c.name ~ '"') %}
                {% elif c.optional %}
                    {% do sel.append('cast(null as varchar) as "' ~ c.name ~ '"') %}
                {% else %}
                    {% do missing.append(c.name) %}
                {% endif %}
            {% endfor %}
            {% if header is not none and header.line is none %}
                {% do problems.append(file ~ ": the file is empty or has no header row (expected columns " ~ cols | map(attribute='name') | join(', ') ~ ").") %}
            {% elif missing and header is not none and header.delimiter %}
                {% do problems.append(file ~ " uses " ~ header.delimiter ~ " between fields; the raw contract wants ',' (comma). Re-export with comma delimiters.") %}
            {% elif missing | length == cols | length - (cols | selectattr('optional') | list | length) and (present | length) <= 1 %}
                {% do problems.append(file ~ ": the file is empty or has no header row (expected columns " ~ cols | map(attribute='name') | join(', ') ~ ").") %}
            {% elif missing %}
                {% do problems.append(file ~ ": required column(s) missing from the header: " ~ missing | join(', ') ~ ".") %}
            {% else %}
                {% do run_query('create or replace view ' ~ schema ~ '."' ~ table ~ '" as select ' ~ sel | join(', ') ~ ' from ' ~ reader) %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {% if problems %}
        {% do exceptions.raise_compiler_error("The raw SIS export does not match the raw contract:\n  - " ~ problems | join("\n  - ")) %}
    {% endif %}
    {{ return('') }}
{% endmacro %}

{#- The header line of a CSV file, read as plain text (one column, no quoting, errors ignored:
    an unbalanced quote or a bad byte further down cannot make it throw). Returns
    {line: the header line without BOM and CR, or none for an empty file; names: the field names,
    unquoted and trimmed; columns: the column names to read the file with (the header name when it
    is a plain name, else column<n>); delimiter: how to name another delimiter (';', tabs, '|')
    that the line uses more than commas, or none}. -#}
{% macro sis_csv_header(file) %}
    {%- set f = file | replace("'", "''") -%}
    {%- set rows = run_query("select rtrim(ltrim(line, chr(65279)), chr(13)) as line from read_csv('" ~ f ~ "', header = false, auto_detect = false, columns = {'line': 'VARCHAR'}, delim = chr(31), quote = '', escape = '', ignore_errors = true, strict_mode = false, parallel = false) limit 1").columns[0].values() -%}
    {%- set line = rows[0] if rows and rows[0] is not none and rows[0] | trim != '' else none -%}
    {%- set names = [] -%}
    {%- set columns = [] -%}
    {%- set delimiter = none -%}
    {%- if line is not none -%}
        {%- for raw_name in modules.re.findall('(?:^|,)("(?:[^"]|"")*"|[^,]*)', line) -%}
            {%- set n = raw_name | trim -%}
            {%- if n.startswith('"') and n.endswith('"') and n | length >= 2 -%}{%- set n = n[1:-1].replace('""', '"') | trim -%}{%- endif -%}
            {%- do names.append(n) -%}
            {%- if modules.re.match('^[A-Za-z_][A-Za-z0-9_]*$', n) and (n | lower) not in (columns | map('lower') | list) -%}
                {%- do columns.append(n) -%}
            {%- else -%}
                {%- do columns.append('column' ~ loop.index) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set others = {';': "';'", '\t': 'tabs', '|': "'|'"} -%}
        {%- set best = {'n': line.count(','), 'label': none} -%}
        {%- for d, label in others.items() -%}
            {%- if line.count(d) > best.n -%}{%- do best.update({'n': line.count(d), 'label': label}) -%}{%- endif -%}
        {%- endfor -%}
        {%- set delimiter = best.label -%}
    {%- endif -%}
    {{ return({'line': line, 'names': names, 'columns': columns, 'delimiter': delimiter}) }}
{% endmacro %}

{#- CSV files are read without DuckDB's sniffer (auto_detect = false), with the header's own
    columns as VARCHAR, the contract's dialect (',' delimiter, '"' quote and escape), so that a bad
    line never throws. CSV lines that cannot be read (not UTF-8, too few or too many fields, a
    truncated last line, a quote that is never closed) are not read silently: they go to the
    connection's temp table sis_rejects_<table>, and the staging post-hook stops the run naming
    the file, the line and the problem. -#}
{% macro sis_raw_reader(file, fmt, table, columns=none) %}
    {%- set f = file | replace("'", "''") -%}
    {%- if fmt == 'csv' -%}
        {%- set typed = [] -%}
        {%- for c in columns %}{% do typed.append("'" ~ c ~ "': 'VARCHAR'") %}{% endfor -%}
        {{ return("read_csv('" ~ f ~ "', header = true, auto_detect = false, columns = {" ~ typed | join(', ') ~ "}, delim = ',', quote = '\"', escape = '\"', store_rejects = true, rejects_table = 'sis_rejects_" ~ table ~ "', rejects_scan = 'sis_rejects_scan_" ~ table ~ "')") }}
    {%- else -%}
        {{ return("read_parquet('" ~ f ~ "')") }}
    {%- endif -%}
{% endmacro %}

{#- Only when a staging post-hook has found a bad value (never on a clean run): SQL reading the raw
    file of `table` again as the landing view reads it (the contract's columns as VARCHAR), each row
    with `sis_row`, its number among the data rows (1 = the first), and for a CSV file `sis_line`,
    the line of the file it starts on (1 = the header line). DuckDB's reader gives no line number,
    so the lines come from the file's text: a line starts a row when the quotes before it are
    balanced and it is not blank (the reader skips blank lines), so a value holding a line break or a
    blank line does not shift the numbers. The rows are numbered WITH ORDINALITY over a reader that
    is not parallel (one scan in file order). Parquet: `sis_row` is the file's row number,
    `sis_line` NULL. Returns none when the file is not known (no raw_path, or not DuckDB). -#}
{% macro sis_raw_numbered_rows(table) %}
    {% set raw_path = var('raw_path', '') | string %}
    {% if not execute or target.type != 'duckdb' or raw_path in ('', 'None') %}{{ return(none) }}{% endif %}
    {% set files = run_query("select file from glob('" ~ raw_path | replace("'", "''") ~ "/*')").columns[0].values() %}
    {% set by_name = {} %}
    {% for f in files %}{% do by_name.update({f.replace('\\', '/').split('/')[-1].lower(): f}) %}{% endfor %}
    {% set csv_file = by_name.get(table ~ '.csv') %}
    {% set pq_file = by_name.get(table ~ '.parquet') %}
    {% set present = {} %}
    {% if csv_file %}
        {% set header = sis_csv_header(csv_file) %}
        {% for n in header.names %}{% do present.update({n | lower: header.columns[loop.index0]}) %}{% endfor %}
    {% elif pq_file %}
        {% set described = run_query('select column_name from (describe select * from ' ~ sis_raw_reader(pq_file, 'parquet', table) ~ ')') %}
        {% for n in described.columns[0].values() %}{% do present.update({n | lower: n}) %}{% endfor %}
    {% else %}
        {{ return(none) }}
    {% endif %}
    {% set sel = [] %}
    {% for c in sis_raw_contract()[table]['columns'] %}
        {% if (c.name | lower) in present %}
            {% do sel.append('cast("' ~ present[c.name | lower] ~ '" as varchar) as "' ~ c.name ~ '"') %}
        {% else %}
            {% do sel.append('cast(null as varchar) as "' ~ c.name ~ '"') %}
        {% endif %}
    {% endfor %}
    {% if not csv_file %}
        {{ return('select ' ~ sel | join(', ') ~ ", file_row_number + 1 as sis_row, cast(null as bigint) as sis_line from read_parquet('" ~ pq_file | replace("'", "''") ~ "', file_row_number = true)") }}
    {% endif %}
    {% set f = csv_file | replace("'", "''") %}
    {% set typed = [] %}
    {% for c in header.columns %}{% do typed.append("'" ~ c ~ "': 'VARCHAR'") %}{% endfor %}
    {% set rows_sql = 'select ' ~ sel | join(', ') ~ ", ordinality as sis_row from read_csv('" ~ f ~ "', header = true, auto_detect = false, columns = {" ~ typed | join(', ') ~ "}, delim = ',', quote = '\"', escape = '\"', parallel = false) with ordinality" %}
    {% set lines_sql %}
        select line_no as sis_line, row_number() over (order by line_no) - 1 as sis_row
        from (
            select line_no, line,
                coalesce(sum(length(line) - length(replace(line, '"', ''))) over (
                    order by line_no rows between unbounded preceding and 1 preceding), 0) as quotes_before
            from (
                select unnest(ls) as line, generate_subscripts(ls, 1) as line_no
                from (select string_split(content, chr(10)) as ls from read_text('{{ f }}'))
            )
        )
        where quotes_before % 2 = 0 and replace(line, chr(13), '') <> ''
    {% endset %}
    {{ return('select r.*, l.sis_line from (' ~ rows_sql ~ ') as r left join (' ~ lines_sql ~ ') as l on l.sis_row = r.sis_row') }}
{% endmacro %}
