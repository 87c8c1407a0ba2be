-- KECS LEAD accounting, section context: one row per raw section (int_sections__schedule) with
-- its course's calendar, state, the section's last day and the reason the section's rows are set
-- aside (NULL = reported): a broken raw reference (RAW), else the calendar's reason
-- (audit__kecs_lead_accounting_calendar_status), else the section's own, read from the deciding
-- model int_kecs__sections_in_scope (R5.BR2, Detail rules, Exclude Cross-Site Data, R5.BR3).
-- The section and roster accountings start from it.
with section_rows as (
    select * from {{ ref('int_sections__schedule') }}
),

calendar_status as (
    select * from {{ ref('audit__kecs_lead_accounting_calendar_status') }}
),

sections_in_scope as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

final as (
    select
        section_rows.section_id,
        section_rows.course_id,
        calendar_status.calendar_id,
        calendar_status.district_id,
        calendar_status.school_id,
        calendar_status.state_code,
        sections_in_scope.section_last_day,
        case
            when section_rows.calendar_id is null then 'raw_course_missing'
            {{ audit_reason_from('calendar_status', 'calendar_id', 'raw_calendar_missing') }}
            {{ audit_reason_from('sections_in_scope', 'section_id', 'audit_unmapped') }}
        end as reason_code
    from section_rows
    left join calendar_status
        on section_rows.calendar_id = calendar_status.calendar_id
    left join sections_in_scope
        on section_rows.section_id = sections_in_scope.section_id
)

select * from final
