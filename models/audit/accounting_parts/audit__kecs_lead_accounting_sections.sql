-- KECS LEAD accounting, sections: one row per KY section (through its course's calendar; or of a
-- section whose state cannot be known) for Detail (R5) and for Classes (R6.BR1: Classes pulls all
-- records from Detail). Reported when the report carries the section. The reason is read from
-- audit__kecs_lead_accounting_section_status (RAW, the calendar's, int_kecs__sections_in_scope's).
-- R6.BR2: a reported section without a reported student is one blank-student Detail row and 0
-- students on Classes.
with section_status as (
    select * from {{ ref('audit__kecs_lead_accounting_section_status') }}
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

classes_file as (
    select * from {{ ref('kecs_lead__classes') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

detail_sections as (
    select
        section_id,
        sum(case when student_person_id is not null then 1 else 0 end) as student_count
    from detail_file
    group by section_id
),

classes_sections as (
    select distinct section_id
    from classes_file
),

section_reports as (
    select 'Detail' as report
    union all
    select 'Classes' as report
),

section_detail as (
    select
        section_status.*,
        detail_sections.section_id is not null as is_on_detail,
        classes_sections.section_id is not null as is_on_classes,
        coalesce(detail_sections.student_count, 0) as student_count
    from section_status
    left join detail_sections
        on section_status.section_id = detail_sections.section_id
    left join classes_sections
        on section_status.section_id = classes_sections.section_id
    where coalesce(section_status.state_code, 'KY') = 'KY'
),

unioned as (
    select
        report_names.report,
        'section' as candidate_kind,
        section_detail.section_id as candidate_id,
        case
            when report_names.report = 'Detail' then section_detail.is_on_detail
            else section_detail.is_on_classes
        end as is_on_report,
        section_detail.reason_code,
        case
            when section_detail.student_count = 0 then 'R6.BR2'
            when report_names.report = 'Classes' then 'R6.BR1'
            else 'R5'
        end as reported_rule_id,
        case
            when section_detail.reason_code is null and section_detail.student_count = 0
                then 'no reported student: one blank-student Detail row, 0 students on Classes (R6.BR2)'
            when section_detail.reason_code is null
                then cast(section_detail.student_count as {{ string_type() }}) || ' student(s) on Detail'
        end as note,
        section_detail.state_code,
        section_detail.district_id,
        section_detail.school_id,
        section_detail.calendar_id,
        section_detail.course_id,
        section_detail.section_id,
        cast(null as bigint) as person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from section_detail
    cross join section_reports as report_names
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
