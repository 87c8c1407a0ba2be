-- Nothing is silently lost (counts): for each extract, report and candidate kind, the number of
-- candidate rows in the accounting equals the number of staging rows of that kind whose district
-- is of the extract's state, plus the rows whose state cannot be known (they are candidates of both
-- extracts). The state is derived here from the staging tables alone, independently of the audit
-- models. Returns one row per report and kind where the two counts differ.
with {{ audit_staging_row_states() }},

-- The reports and the kinds of raw rows each one accounts for.
expected_reports as (
    select 'kecs_lead' as extract, 'KY' as state_code, 'Detail' as report, 'enrollment' as candidate_kind
    union all select 'kecs_lead', 'KY', 'Detail', 'roster'
    union all select 'kecs_lead', 'KY', 'Detail', 'section'
    union all select 'kecs_lead', 'KY', 'Classes', 'section'
    union all select 'kecs_lead', 'KY', 'Schoolwide', 'enrollment'
    union all select 'kecs_lead', 'KY', 'Caseload', 'enrollment'
    union all select 'kecs_lead', 'KY', 'Staff', 'staff assignment'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'enrollment'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'roster'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'section'
    union all select 'il_sca', 'IL', 'Student Course Assignment', 'grading score'
),

expected as (
    select
        expected_reports.extract,
        expected_reports.report,
        expected_reports.candidate_kind,
        count(staging_rows.candidate_kind) as staging_rows
    from expected_reports
    left join staging_rows
        on
            expected_reports.candidate_kind = staging_rows.candidate_kind
            and (staging_rows.state_code = expected_reports.state_code or staging_rows.state_code is null)
    group by
        expected_reports.extract,
        expected_reports.report,
        expected_reports.candidate_kind
),

accounted as (
    select
        extract,
        report,
        candidate_kind,
        count(*) as candidates
    from (
        {{ audit_accounting_rows(['extract', 'report', 'candidate_kind']) }}
    ) as accounting
    group by extract, report, candidate_kind
)

select
    coalesce(expected.extract, accounted.extract) as extract,
    coalesce(expected.report, accounted.report) as report,
    coalesce(expected.candidate_kind, accounted.candidate_kind) as candidate_kind,
    expected.staging_rows,
    accounted.candidates
from expected
full outer join accounted
    on
        expected.extract = accounted.extract
        and expected.report = accounted.report
        and expected.candidate_kind = accounted.candidate_kind
where
    expected.extract is null
    or coalesce(expected.staging_rows, 0) <> coalesce(accounted.candidates, 0)
