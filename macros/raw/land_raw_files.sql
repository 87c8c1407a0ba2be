{#- on-run-start: expose each raw file of the folder `var('raw_path')` as a view of VARCHAR columns
    named exactly as the raw contract, in the schema `var('raw_schema', 'raw')`.

    - `<table>.csv` or `<table>.parquet` (file name = table name in lower case).
    - A missing required file, a required column missing from the header, an empty file, or both a
      .csv and a .parquet for one table stops the run with a message naming the file and column.
    - A missing optional table reads as an empty table; a missing optional column reads as NULL.
    - Columns are matched by name, case-insensitively; extra columns are ignored.

    Only on DuckDB (the embedded engine). Elsewhere, load the raw tables into `raw_schema` with the
    contract's column names and leave `raw_path` unset. -#}
{% macro land_raw_files() %}
    {% if not execute or target.type != 'duckdb' or var('raw_path', none) in (none, '') %}
        {{ return('') }}
    {% endif %}
    {% set raw_path = var('raw_path') | string %}
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
            {% set reader = sis_raw_reader(file, 'csv' if csv_file else 'parquet', table) %}
            {% set described = run_query('select column_name from (describe select * from ' ~ reader ~ ')') %}
            {% set present = {} %}
            {% for n in described.columns[0].values() %}{% do present.update({n | lower: n}) %}{% endfor %}
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
            {% if missing | length == cols | length - (cols | selectattr('optional') | list | length) and (present | length) <= 1 %}
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

{#- CSV lines that cannot be read (not UTF-8, too few or too many fields, a truncated last line)
    are not read silently: they go to the connection's temp table sis_rejects_<table>, and the
    staging post-hook stops the run naming the file, the line and the problem. -#}
{% macro sis_raw_reader(file, fmt, table) %}
    {%- set f = file | replace("'", "''") -%}
    {%- if fmt == 'csv' -%}
        {{ return("read_csv('" ~ f ~ "', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"', store_rejects = true, rejects_table = 'sis_rejects_" ~ table ~ "', rejects_scan = 'sis_rejects_scan_" ~ table ~ "')") }}
    {%- else -%}
        {{ return("read_parquet('" ~ f ~ "')") }}
    {%- endif -%}
{% endmacro %}
