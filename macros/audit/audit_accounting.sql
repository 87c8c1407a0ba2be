{#-
    The tail both accounting models share: every candidate row of `unioned` (candidate_kind,
    candidate_id, is_on_report, reason_code, reported_rule_id, note, state_code and the id columns)
    is decided once, the same way for both extracts:
      status         'reported' when the row is on the report's file, else 'set aside';
      reason_code    NULL when reported, else the rule's reason code ('audit_unexplained' if none);
      matches_rules  false when the file and the rules disagree (tests/audit/
                     audit_accounting_rows_match_rules.sql);
    then worded from audit__reasons (reason, rule_id; a reported row keeps its reported rule).
    `report_sql` is the SQL of the report column ('decided.report' or a quoted constant);
    `id_columns` the extract's own id columns after person_id (e.g. enrollment_id, roster_id, ...).
    Emits the CTEs `decided` and `final`; the model ends with `select * from final`.
-#}
{% macro audit_accounting_decision(extract, report_sql, id_columns) -%}
decided as (
    select
        *,
        case
            when is_on_report then 'reported'
            else 'set aside'
        end as status,
        case
            when is_on_report then null
            else coalesce(reason_code, 'audit_unexplained')
        end as set_aside_code,
        (
            (is_on_report and reason_code is null)
            or (not is_on_report and reason_code is not null and reason_code not like 'audit%')
        ) as matches_rules
    from unioned
),

final as (
    select
        cast('{{ extract }}' as {{ string_type() }}) as extract,
        cast({{ report_sql }} as {{ string_type() }}) as report,
        cast(decided.candidate_kind as {{ string_type() }}) as candidate_kind,
        cast(decided.candidate_id as bigint) as candidate_id,
        cast(decided.status as {{ string_type() }}) as status,
        cast(decided.set_aside_code as {{ string_type() }}) as reason_code,
        cast(reasons.reason as {{ string_type() }}) as reason,
        cast(coalesce(reasons.rule_id, decided.reported_rule_id) as {{ string_type() }}) as rule_id,
        cast(decided.note as {{ string_type() }}) as note,
        decided.matches_rules,
        cast(decided.state_code as {{ string_type() }}) as state_code,
        {%- for column in ['district_id', 'school_id', 'calendar_id', 'course_id', 'section_id', 'person_id'] + id_columns %}
        cast(decided.{{ column }} as bigint) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from decided
    left join reasons
        on decided.set_aside_code = reasons.reason_code
)
{%- endmacro %}

{#-
    The reason a deciding model gives a row, two WHEN branches of the CASE that reads a row's reason
    model by model: `missing_code` when the row is not in `relation` (its `key` is NULL after the
    left join), else the model's own reason_code when it sets the row aside. Used by the accounting
    models of models/audit/ (enrollments, rosters, scores, section_status, staff_assignments).
-#}
{% macro audit_reason_from(relation, key, missing_code) -%}
when {{ relation }}.{{ key }} is null then '{{ missing_code }}'
            when {{ relation }}.reason_code is not null then {{ relation }}.reason_code
{%- endmacro %}
