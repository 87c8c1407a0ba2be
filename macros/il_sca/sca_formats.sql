{#- Value rules and formatting of the K-12 Student Course Assignment V2 file (the marts hold the
    file's text). Engine-specific syntax is dispatched (jaffle-shop pattern). -#}

{#- Course Credit: "Reports up to three decimal places. If the number ends in zero, reports to two
    decimal places." 1.5 -> '1.50', 0.333 -> '0.333', 1 -> '1.00', 0.3335 -> '0.334'. -#}
{% macro sca_format_credit(col) -%}
    case
        when {{ col }} is null then null
        when right(cast(cast(round({{ col }}, 3) as decimal(12, 3)) as {{ string_type() }}), 1) = '0'
            then left(
                cast(cast(round({{ col }}, 3) as decimal(12, 3)) as {{ string_type() }}),
                length(cast(cast(round({{ col }}, 3) as decimal(12, 3)) as {{ string_type() }})) - 1
            )
        else cast(cast(round({{ col }}, 3) as decimal(12, 3)) as {{ string_type() }})
    end
{%- endmacro %}

{#- A boolean as the state's Yes/No code: '01' Yes (checkbox selected), '02' No (not selected or
    empty). Articulated Credit, Dual Credit, Single Parent, Displaced Homemaker, Competency Based
    Education. -#}
{% macro sca_yes_no_code(col) -%}
    case when coalesce({{ col }}, false) then '01' else '02' end
{%- endmacro %}

{#- SQL boolean: `col` is exactly `n` digits (translate, not a two-argument ltrim: Spark reads
    ltrim(a, b) as "trim the characters of a from b"). -#}
{% macro sca_is_digits(col, n) -%}
    coalesce(length({{ col }}) = {{ n }} and translate({{ col }}, '0123456789', '') = '', false)
{%- endmacro %}

{#- RCDTS "RRCCCDDDDDTTSSSS, 15 characters": region (2) + county (3) + district number (4) +
    district type (2) + school number (4). NULL unless every part has exactly its digits. -#}
{% macro sca_rcdts(region, county, district_number, district_type, school_number) -%}
    case
        when {{ sca_is_digits(region, 2) }}
            and {{ sca_is_digits(county, 3) }}
            and {{ sca_is_digits(district_number, 4) }}
            and {{ sca_is_digits(district_type, 2) }}
            and {{ sca_is_digits(school_number, 4) }}
            then {{ region }} || {{ county }} || {{ district_number }} || {{ district_type }} || {{ school_number }}
    end
{%- endmacro %}

{#- Strip Apostrophes: "When marked, the following marks are removed from student names and other
    reported data: Apostrophes ('), Commas (,), Periods (.), Umlaut (Ö), Tilde (Ñ), Grave Accents
    (Ò), Acute Accents (Ó), Circumflex (Ô). When not marked, these marks are not removed."
    Exactly those marks: apostrophes (also the typographic ’ ‘ and ʼ), commas and periods are
    deleted; a letter carrying an umlaut (diaeresis), tilde, grave, acute or circumflex loses the
    mark (Ö -> O, Ñ -> N, é -> e, ô -> o); the same marks written as combining characters or on
    their own (¨ ~ ˜ ` ´ ^ ˆ) are deleted. Other marks are not listed and stay (ç, å, č, ø, ł, ß).
    Applied in the models, before the state's length limits, to the names and the other text the
    record reports (Local Course ID, Local Course Title, Section Number), only when `enabled_col`
    (a SQL boolean) is true. One portable expression: translate() (DuckDB, PostgreSQL, Spark) maps
    each listed letter to its plain letter and deletes the characters after the last mapped one. -#}
{% macro sca_strip_marks(col, enabled_col) -%}
    case
        when {{ enabled_col }} then {{ sca_remove_marks(col) }}
        else {{ col }}
    end
{%- endmacro %}
{% macro sca_remove_marks(col) -%}
    translate({{ col }}, 'ÀÈÌÒÙàèìòùǸǹẀẁỲỳÁÉÍÓÚÝáéíóúýĆćĹĺŃńŔŕŚśŹźǴǵḰḱḾḿṔṕẂẃÂÊÎÔÛâêîôûĈĉĜĝĤĥĴĵŜŝŴŵŶŷẐẑÄËÏÖÜäëïöüÿŸḦḧẄẅẌẍẗÃÑÕãñõĨĩŨũẼẽỸỹṼṽ''’‘ʼ,.̀́̂̃̈`´^ˆ~˜¨', 'AEIOUaeiouNnWwYyAEIOUYaeiouyCcLlNnRrSsZzGgKkMmPpWwAEIOUaeiouCcGgHhJjSsWwYyZzAEIOUaeiouyYHhWwXxtANOanoIiUuEeYyVv')
{%- endmacro %}

{#- A value as text for the free-text `detail` column of Issues ('(none)' when NULL). -#}
{% macro sca_text(col) -%}
    coalesce(cast({{ col }} as {{ string_type() }}), '(none)')
{%- endmacro %}

{#- MM/DD/YYYY text back to a date (for tests that check the file's values). -#}
{% macro sca_parse_mdy(col) -%}
    {{ return(adapter.dispatch('sca_parse_mdy', 'sis_extracts')(col)) }}
{%- endmacro %}
{% macro default__sca_parse_mdy(col) -%}
    to_date({{ col }}, 'MM/DD/YYYY')
{%- endmacro %}
{% macro duckdb__sca_parse_mdy(col) -%}
    cast(strptime({{ col }}, '%m/%d/%Y') as date)
{%- endmacro %}
{% macro spark__sca_parse_mdy(col) -%}
    to_date({{ col }}, 'MM/dd/yyyy')
{%- endmacro %}

{#- SCA Course Final Grade, "a grading task from the most recent term reports": the order of a
    student's grades in one section and reporting period, most recent first (term end, term seq,
    task seq, posted date, then scoreID so the order is total). -#}
{% macro sca_grade_recency_order(grades) -%}
    {{ grades }}.term_end_date desc,
    {{ grades }}.term_seq desc,
    {{ grades }}.task_seq desc nulls last,
    {{ grades }}.posted_date desc nulls last,
    {{ grades }}.score_id desc
{%- endmacro %}
