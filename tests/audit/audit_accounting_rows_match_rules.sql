-- The report and the rules agree on every candidate row: a row on the report passes every rule
-- the audit reads from the intermediate models, and a row set aside fails one that the catalog
-- audit__reasons knows. Returns the rows where they disagree (matches_rules false, or an AUDIT
-- reason: 'every rule passed but the row is not on the file' or an upstream reason the audit does
-- not map). A failure is a defect of the audit or of the extract, never of the SIS data.
{{ audit_accounting_rows(
    ['extract', 'report', 'candidate_kind', 'candidate_id', 'status', 'reason_code', 'note'],
    where="not matches_rules or reason_code like 'audit%'"
) }}
