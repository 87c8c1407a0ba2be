-- The accounting adds up, per report and per reason: on every total line of audit__accounting_summary
-- candidates = reported + set aside; the reason lines of a report and kind add up to its set aside;
-- and the summary's figures equal the accounting rows they summarise (total and per reason).
-- Returns one row per report, kind and line that does not add up.
with summary as (
    select * from {{ ref('audit__accounting_summary') }}
),

accounting as (
    {{ audit_accounting_rows(['extract', 'report', 'candidate_kind', 'status', 'reason_code']) }}
),

totals as (
    select * from summary
    where line_type = 'total'
),

reason_lines as (
    select * from summary
    where line_type = 'reason'
),

reason_sums as (
    select
        extract,
        report,
        candidate_kind,
        sum(set_aside) as set_aside
    from reason_lines
    group by extract, report, candidate_kind
),

accounting_totals as (
    select
        extract,
        report,
        candidate_kind,
        count(*) as candidates,
        sum(case when status = 'reported' then 1 else 0 end) as reported,
        sum(case when status = 'set aside' then 1 else 0 end) as set_aside
    from accounting
    group by extract, report, candidate_kind
),

accounting_reasons as (
    select
        extract,
        report,
        candidate_kind,
        reason_code,
        count(*) as set_aside
    from accounting
    where status = 'set aside'
    group by extract, report, candidate_kind, reason_code
),

total_problems as (
    select
        totals.extract,
        totals.report,
        totals.candidate_kind,
        cast(null as {{ dbt.type_string() }}) as reason_code,
        'candidates <> reported + set aside' as problem
    from totals
    where totals.candidates <> totals.reported + totals.set_aside

    union all

    select
        totals.extract,
        totals.report,
        totals.candidate_kind,
        cast(null as {{ dbt.type_string() }}) as reason_code,
        'reason lines do not add up to set aside' as problem
    from totals
    left join reason_sums
        on
            totals.extract = reason_sums.extract
            and totals.report = reason_sums.report
            and totals.candidate_kind = reason_sums.candidate_kind
    where coalesce(reason_sums.set_aside, 0) <> totals.set_aside

    union all

    select
        coalesce(totals.extract, accounting_totals.extract) as extract,
        coalesce(totals.report, accounting_totals.report) as report,
        coalesce(totals.candidate_kind, accounting_totals.candidate_kind) as candidate_kind,
        cast(null as {{ dbt.type_string() }}) as reason_code,
        'summary total differs from the accounting rows' as problem
    {{ audit_rows_that_differ(
        'totals',
        'accounting_totals',
        ['extract', 'report', 'candidate_kind'],
        ['candidates', 'reported', 'set_aside']
    ) | indent(4) }}
),

reason_problems as (
    select
        coalesce(reason_lines.extract, accounting_reasons.extract) as extract,
        coalesce(reason_lines.report, accounting_reasons.report) as report,
        coalesce(reason_lines.candidate_kind, accounting_reasons.candidate_kind) as candidate_kind,
        coalesce(reason_lines.reason_code, accounting_reasons.reason_code) as reason_code,
        'reason line differs from the accounting rows' as problem
    {{ audit_rows_that_differ(
        'reason_lines',
        'accounting_reasons',
        ['extract', 'report', 'candidate_kind', 'reason_code'],
        ['set_aside', ('candidates', 'set_aside')]
    ) | indent(4) }}
)

select * from total_problems
union all
select * from reason_problems
