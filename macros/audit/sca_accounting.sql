{#-
    Pieces of the Illinois accounting models (audit__il_sca_accounting_<kind>), written once.

    sca_top_reason(relation, key, count_alias): the set-aside rows of `relation` (a CTE with a
    reason_code column) grouped per `key` and reason, with their count and the rank of the reason
    (most frequent first, then by code). The accounting keeps reason_rank = 1: the reason of a group
    of set-aside records (or roster rows) none of which is reported.

    sca_accounting_columns(candidate_kind, candidate_id, ids): the columns every accounting model of
    the extract emits, in the order audit__il_sca_accounting unions them: candidate_kind,
    candidate_id, is_on_report, reason_code, reported_rule_id, note, state_code, district_id,
    school_id, calendar_id, then course_id, section_id, person_id, enrollment_id, roster_id,
    score_id (a column not in `ids` is NULL for this kind).
-#}
{% macro sca_top_reason(relation, key, count_alias) -%}
    select
        {{ key }},
        reason_code,
        count(*) as {{ count_alias }},
        row_number() over (
            partition by {{ key }}
            order by count(*) desc, reason_code
        ) as reason_rank
    from {{ relation }}
    where reason_code is not null
    group by {{ key }}, reason_code
{%- endmacro %}

{% macro sca_accounting_columns(candidate_kind, candidate_id, ids) -%}
        cast('{{ candidate_kind }}' as {{ string_type() }}) as candidate_kind,
        {{ candidate_id }} as candidate_id,
        is_on_report,
        reason_code,
        reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        {%- for column in ['course_id', 'section_id', 'person_id', 'enrollment_id', 'roster_id', 'score_id'] %}
        {% if column in ids %}{{ column }}{% else %}cast(null as bigint) as {{ column }}{% endif %}{{ "," if not loop.last }}
        {%- endfor %}
{%- endmacro %}
