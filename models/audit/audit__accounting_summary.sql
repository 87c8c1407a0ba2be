-- The accounting in figures: per extract, report and candidate kind, how many raw rows were
-- candidates, how many are on the report and how many were set aside (line_type 'total'), and the
-- set-aside rows by reason (line_type 'reason', one line per rule ID and reason). Read from
-- audit__kecs_lead_accounting and audit__il_sca_accounting; tests/audit/ check that candidates =
-- reported + set aside on every total line and that the reason lines add up to its set aside.
with accounting as (
    {{ audit_accounting_rows(['extract', 'report', 'candidate_kind', 'status', 'rule_id', 'reason_code', 'reason']) }}
),

totals as (
    select
        extract,
        report,
        candidate_kind,
        'total' as line_type,
        cast(null as {{ string_type() }}) as rule_id,
        cast(null as {{ string_type() }}) as reason_code,
        cast(null as {{ string_type() }}) as reason,
        count(*) as candidates,
        sum(case when status = 'reported' then 1 else 0 end) as reported,
        sum(case when status = 'set aside' then 1 else 0 end) as set_aside
    from accounting
    group by
        extract,
        report,
        candidate_kind
),

by_reason as (
    select
        extract,
        report,
        candidate_kind,
        'reason' as line_type,
        rule_id,
        reason_code,
        reason,
        count(*) as candidates,
        0 as reported,
        count(*) as set_aside
    from accounting
    where status = 'set aside'
    group by
        extract,
        report,
        candidate_kind,
        rule_id,
        reason_code,
        reason
),

lines as (
    select * from totals
    union all
    select * from by_reason
),

final as (
    select
        cast(extract as {{ string_type() }}) as extract,
        cast(report as {{ string_type() }}) as report,
        cast(candidate_kind as {{ string_type() }}) as candidate_kind,
        cast(line_type as {{ string_type() }}) as line_type,
        rule_id,
        reason_code,
        reason,
        cast(candidates as bigint) as candidates,
        cast(reported as bigint) as reported,
        cast(set_aside as bigint) as set_aside
    from lines
)

select * from final
