-- KECS LEAD accounting, Schoolwide (R8.BR1) and Caseload (R9.BR1) enrollments: every Detail
-- enrollment candidate (audit__kecs_lead_accounting_enrollments) is a candidate of both counts.
-- The counts are decided once in int_kecs__schoolwide_students_evaluated (one enrollment per
-- student and school) and int_kecs__caseload_students_evaluated (one per student and district);
-- this model reads their reason_code and is_kept. An enrollment not on Detail keeps its Detail
-- reason.
with enrollment_detail as (
    select * from {{ ref('audit__kecs_lead_accounting_enrollments') }}
),

schoolwide_evaluated as (
    select * from {{ ref('int_kecs__schoolwide_students_evaluated') }}
),

caseload_evaluated as (
    select * from {{ ref('int_kecs__caseload_students_evaluated') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

candidates as (
    select
        enrollment_detail.*,
        enrollment_detail.status = 'reported' as is_on_detail,
        'not on Detail: ' || coalesce(enrollment_detail.note, '') as not_on_detail_note
    from enrollment_detail
),

unioned as (
    select
        'Schoolwide' as report,
        candidates.candidate_kind,
        candidates.candidate_id,
        coalesce(schoolwide.is_kept, false) as is_on_report,
        case
            when not candidates.is_on_detail then candidates.reason_code
            when schoolwide.enrollment_id is null then 'audit_unexplained'
            else schoolwide.reason_code
        end as reason_code,
        'R8.BR1' as reported_rule_id,
        case
            when schoolwide.is_kept then 'counted for the student at this school (R8.BR1)'
            when not candidates.is_on_detail then candidates.not_on_detail_note
            when schoolwide.counted_enrollment_id is not null
                then
                    'enrollment ' || cast(schoolwide.counted_enrollment_id as {{ string_type() }})
                    || ' counted for the student at this school instead (R8.BR1)'
        end as note,
        {{ kecs_accounting_context_columns('candidates') }}
    from candidates
    left join schoolwide_evaluated as schoolwide
        on candidates.enrollment_id = schoolwide.enrollment_id

    union all

    select
        'Caseload' as report,
        candidates.candidate_kind,
        candidates.candidate_id,
        coalesce(caseload.is_kept, false) as is_on_report,
        case
            when not candidates.is_on_detail then candidates.reason_code
            when caseload.enrollment_id is null then 'audit_unexplained'
            else caseload.reason_code
        end as reason_code,
        'R9.BR1' as reported_rule_id,
        case
            when caseload.is_kept
                then
                    'counted for case manager '
                    || cast(caseload.case_manager_person_id as {{ string_type() }})
                    || case when caseload.case_manager_person_id = 0 then ' (no active case manager)' else '' end
                    || ' (R9.BR1)'
            when not candidates.is_on_detail then candidates.not_on_detail_note
            when caseload.counted_enrollment_id is not null
                then
                    'enrollment ' || cast(caseload.counted_enrollment_id as {{ string_type() }})
                    || ' counted for the student in the district instead (R9.BR1)'
        end as note,
        {{ kecs_accounting_context_columns('candidates') }}
    from candidates
    left join caseload_evaluated as caseload
        on candidates.enrollment_id = caseload.enrollment_id
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
