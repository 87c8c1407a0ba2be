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

-- The two counts read alike: the count's reason when the enrollment is on Detail, else Detail's.
{%- set counts = [
    {'report': 'Schoolwide', 'evaluated': 'schoolwide_evaluated', 'rule': 'R8.BR1', 'unit': 'at this school',
     'counted_note': "'counted for the student at this school (R8.BR1)'"},
    {'report': 'Caseload', 'evaluated': 'caseload_evaluated', 'rule': 'R9.BR1', 'unit': 'in the district',
     'counted_note': "'counted for case manager ' || cast(counted.case_manager_person_id as " ~ string_type()
        ~ ") || case when counted.case_manager_person_id = 0 then ' (no active case manager)' else '' end"
        ~ " || ' (R9.BR1)'"},
] %}
unioned as (
    {%- for count in counts %}
        select
            '{{ count.report }}' as report,
            candidates.candidate_kind,
            candidates.candidate_id,
            coalesce(counted.is_kept, false) as is_on_report,
            case
                when not candidates.is_on_detail then candidates.reason_code
                when counted.enrollment_id is null then 'audit_unexplained'
                else counted.reason_code
            end as reason_code,
            '{{ count.rule }}' as reported_rule_id,
            case
                when counted.is_kept then {{ count.counted_note }}
                when not candidates.is_on_detail then candidates.not_on_detail_note
                when counted.counted_enrollment_id is not null
                    then
                        'enrollment ' || cast(counted.counted_enrollment_id as {{ string_type() }})
                        || ' counted for the student {{ count.unit }} instead ({{ count.rule }})'
            end as note,
            {{ kecs_accounting_context_columns('candidates') }}
        from candidates
        left join {{ count.evaluated }} as counted
            on candidates.enrollment_id = counted.enrollment_id
        {% if not loop.last %}
            union all
        {% endif %}
    {%- endfor %}
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
