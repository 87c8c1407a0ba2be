-- Nothing is silently lost (row by row): every staging enrollment, roster row, section, staff
-- assignment and grade is a candidate of at least one report of at least one extract, unless its
-- district is of a state neither extract reports (not 'KY' or 'IL'). Returns the raw rows the
-- accounting does not hold.
with accounted as (
    {{ audit_accounting_rows(['candidate_kind', 'candidate_id']) }}
),

{{ audit_staging_row_states() }}

select
    staging_rows.candidate_kind,
    staging_rows.candidate_id,
    staging_rows.state_code
from staging_rows
left join accounted
    on
        staging_rows.candidate_kind = accounted.candidate_kind
        and staging_rows.candidate_id = accounted.candidate_id
where
    accounted.candidate_id is null
    and coalesce(staging_rows.state_code, 'KY') in ('KY', 'IL')
    and not (staging_rows.candidate_kind = 'staff assignment' and staging_rows.state_code = 'IL')
    and not (staging_rows.candidate_kind = 'grading score' and staging_rows.state_code = 'KY')
