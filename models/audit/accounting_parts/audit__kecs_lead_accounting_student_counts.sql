-- KECS LEAD accounting, Schoolwide (R8.BR1) and Caseload (R9.BR1) enrollments: every Detail
-- enrollment candidate (audit__kecs_lead_accounting_enrollments) is a candidate of both counts.
-- Reported when the count counts it (int_kecs__schoolwide_students: one enrollment per student and
-- school; int_kecs__caseload_students: one per student and district). Set aside: the Detail
-- reason when not on Detail; else no State ID (R8.BR1, R9.BR1) or no primary disability (R9.BR1)
-- as Detail carries them; else another enrollment of the student counted instead.
with enrollment_detail as (
    select * from {{ ref('audit__kecs_lead_accounting_enrollments') }}
),

schoolwide_students as (
    select * from {{ ref('int_kecs__schoolwide_students') }}
),

caseload_students as (
    select * from {{ ref('int_kecs__caseload_students') }}
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

-- Detail enrollments, with State ID and disability as Detail carries them.
detail_enrollment_facts as (
    select
        enrollment_id,
        max(case when state_id is not null then 1 else 0 end) as has_state_id,
        max(case when primary_disability is not null then 1 else 0 end) as has_disability
    from detail_file
    where enrollment_id is not null
    group by enrollment_id
),

candidates as (
    select
        enrollment_detail.*,
        enrollment_detail.status = 'reported' as is_on_detail,
        'not on Detail: ' || coalesce(enrollment_detail.note, '') as not_on_detail_note,
        detail_enrollment_facts.has_state_id,
        detail_enrollment_facts.has_disability
    from enrollment_detail
    left join detail_enrollment_facts
        on enrollment_detail.enrollment_id = detail_enrollment_facts.enrollment_id
),

unioned as (
    select
        'Schoolwide' as report,
        candidates.candidate_kind,
        candidates.candidate_id,
        schoolwide_mine.enrollment_id is not null as is_on_report,
        case
            when not candidates.is_on_detail then candidates.reason_code
            when schoolwide_mine.enrollment_id is not null then null
            when candidates.has_state_id = 0 then 'kecs_r8_br1_no_state_id'
            when schoolwide_other.enrollment_id is not null then 'kecs_r8_br1_not_chosen'
            else 'audit_unexplained'
        end as reason_code,
        'R8.BR1' as reported_rule_id,
        case
            when schoolwide_mine.enrollment_id is not null then 'counted for the student at this school (R8.BR1)'
            when not candidates.is_on_detail then candidates.not_on_detail_note
            when schoolwide_other.enrollment_id is not null
                then
                    'enrollment ' || cast(schoolwide_other.enrollment_id as {{ string_type() }})
                    || ' counted for the student at this school instead (R8.BR1)'
        end as note,
        {{ kecs_accounting_context_columns('candidates') }}
    from candidates
    left join schoolwide_students as schoolwide_mine
        on candidates.enrollment_id = schoolwide_mine.enrollment_id
    left join schoolwide_students as schoolwide_other
        on
            candidates.school_id = schoolwide_other.school_id
            and candidates.person_id = schoolwide_other.student_person_id
            and candidates.enrollment_id <> schoolwide_other.enrollment_id

    union all

    select
        'Caseload' as report,
        candidates.candidate_kind,
        candidates.candidate_id,
        caseload_mine.enrollment_id is not null as is_on_report,
        case
            when not candidates.is_on_detail then candidates.reason_code
            when caseload_mine.enrollment_id is not null then null
            when candidates.has_state_id = 0 then 'kecs_r9_br1_no_state_id'
            when candidates.has_disability = 0 then 'kecs_r9_br1_no_disability'
            when caseload_other.enrollment_id is not null then 'kecs_r9_br1_not_chosen'
            else 'audit_unexplained'
        end as reason_code,
        'R9.BR1' as reported_rule_id,
        case
            when caseload_mine.enrollment_id is not null
                then
                    'counted for case manager '
                    || cast(caseload_mine.case_manager_person_id as {{ string_type() }})
                    || case when caseload_mine.case_manager_person_id = 0 then ' (no active case manager)' else '' end
                    || ' (R9.BR1)'
            when not candidates.is_on_detail then candidates.not_on_detail_note
            when caseload_other.enrollment_id is not null
                then
                    'enrollment ' || cast(caseload_other.enrollment_id as {{ string_type() }})
                    || ' counted for the student in the district instead (R9.BR1)'
        end as note,
        {{ kecs_accounting_context_columns('candidates') }}
    from candidates
    left join caseload_students as caseload_mine
        on candidates.enrollment_id = caseload_mine.enrollment_id
    left join caseload_students as caseload_other
        on
            candidates.district_id = caseload_other.district_id
            and candidates.person_id = caseload_other.student_person_id
            and candidates.enrollment_id <> caseload_other.enrollment_id
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
