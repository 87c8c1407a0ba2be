-- KECS LEAD accounting, Detail enrollments: one row per enrollment of a KY calendar (or of a
-- calendar whose state cannot be known), reported when Detail carries it.
-- The reason is read, never re-derived: the calendar's (audit__kecs_lead_accounting_calendar_status:
-- RAW, R1, Select Calendars, R5.BR8, R5.BR3, R5.BR4), else the enrollment's own from
-- int_kecs__enrollments_evaluated (R5.BR7, R5.BR3, reversed dates, R5.BR1, R5.BR9).
-- Reported rule: R5.BR9 when chosen among several enrollments active on a section's last day,
-- else R5.BR1. R5.BR5 / R5.BR6 (exclude flags) never set a row aside: named in the note.
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

calendar_status as (
    select * from {{ ref('audit__kecs_lead_accounting_calendar_status') }}
),

evaluated_enrollments as (
    select * from {{ ref('int_kecs__enrollments_evaluated') }}
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

detail_enrollments as (
    select distinct enrollment_id
    from detail_file
    where enrollment_id is not null
),

unioned as (
    select
        'Detail' as report,
        'enrollment' as candidate_kind,
        enrollments.enrollment_id as candidate_id,
        detail_enrollments.enrollment_id is not null as is_on_report,
        case
            {{ audit_reason_from('calendar_status', 'calendar_id', 'raw_calendar_missing') }}
            {{ audit_reason_from('evaluated_enrollments', 'enrollment_id', 'audit_unmapped') }}
        end as reason_code,
        case
            when evaluated_enrollments.max_candidate_count > 1 then 'R5.BR9'
            else 'R5.BR1'
        end as reported_rule_id,
        case
            when evaluated_enrollments.chosen_section_count is not null
                then
                    'on ' || cast(evaluated_enrollments.chosen_section_count as {{ string_type() }})
                    || ' section(s) of Detail'
                    || case
                        when evaluated_enrollments.max_candidate_count > 1
                            then '; chosen by R5.BR9 among the enrollments active on the section''s last day'
                        else ''
                    end
                    || case
                        when evaluated_enrollments.is_state_excluded
                            then '; marked exclude, still reported (R5.BR6)'
                        else ''
                    end
                    || case
                        when evaluated_enrollments.is_grade_level_excluded or evaluated_enrollments.is_calendar_excluded
                            then '; grade level or calendar marked exclude, still reported (R5.BR5)'
                        else ''
                    end
            when evaluated_enrollments.chosen_instead_ids is not null
                then 'enrollment ' || evaluated_enrollments.chosen_instead_ids || ' chosen instead (R5.BR9)'
        end as note,
        calendar_status.state_code,
        calendar_status.district_id,
        calendar_status.school_id,
        enrollments.calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        enrollments.person_id,
        enrollments.enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from enrollments
    left join calendar_status
        on enrollments.calendar_id = calendar_status.calendar_id
    left join evaluated_enrollments
        on enrollments.enrollment_id = evaluated_enrollments.enrollment_id
    left join detail_enrollments
        on enrollments.enrollment_id = detail_enrollments.enrollment_id
    where coalesce(calendar_status.state_code, 'KY') = 'KY'
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
