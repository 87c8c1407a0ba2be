-- KECS LEAD accounting, Detail roster rows (R5.BR1, R5.BR9): one row per roster row of a KY
-- section (through its course's calendar; or of a section whose state cannot be known).
-- Reported when the student is on Detail for the section and the row covers the section's last
-- day: a student's Detail row stands on every roster row of the student in the section that covers
-- that day; the student's other roster rows there are set aside.
-- The reason is read, never re-derived: the section's (audit__kecs_lead_accounting_section_status),
-- else the roster row's own (int_kecs__rosters_evaluated: RAW person, other trial, R5.BR1 not on
-- the last day), else the student's in the section (int_kecs__student_section_enrollment: R5.BR1
-- no enrollment active on the last day).
with roster_rows as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

section_status as (
    select * from {{ ref('audit__kecs_lead_accounting_section_status') }}
),

evaluated_rosters as (
    select * from {{ ref('int_kecs__rosters_evaluated') }}
),

student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

detail_students as (
    select distinct
        section_id,
        student_person_id
    from detail_file
    where student_person_id is not null
),

checked as (
    select
        roster_rows.roster_id,
        roster_rows.person_id,
        roster_rows.section_id,
        section_status.course_id,
        section_status.calendar_id,
        section_status.district_id,
        section_status.school_id,
        section_status.state_code,
        section_status.section_last_day,
        student_sections.enrollment_id,
        student_sections.active_enrollment_count,
        student_sections.candidate_enrollment_ids,
        detail_students.section_id is not null as is_student_on_detail,
        detail_students.section_id is not null
        and coalesce(evaluated_rosters.covers_last_day, false) as is_on_report,
        case
            {{ audit_reason_from('section_status', 'section_id', 'raw_section_missing') }}
            {{ audit_reason_from('evaluated_rosters', 'roster_id', 'audit_unmapped') }}
            {{ audit_reason_from('student_sections', 'section_id', 'audit_unmapped') }}
        end as reason_code
    from roster_rows
    left join section_status
        on roster_rows.section_id = section_status.section_id
    left join evaluated_rosters
        on roster_rows.roster_id = evaluated_rosters.roster_id
    left join student_sections
        on
            roster_rows.section_id = student_sections.section_id
            and roster_rows.person_id = student_sections.person_id
    left join detail_students
        on
            roster_rows.section_id = detail_students.section_id
            and roster_rows.person_id = detail_students.student_person_id
    where coalesce(section_status.state_code, 'KY') = 'KY'
),

unioned as (
    select
        'Detail' as report,
        'roster' as candidate_kind,
        roster_id as candidate_id,
        is_on_report,
        reason_code,
        case
            when active_enrollment_count > 1 then 'R5.BR9'
            else 'R5.BR1'
        end as reported_rule_id,
        case
            when reason_code is null
                then
                    'enrollment ' || cast(enrollment_id as {{ string_type() }})
                    || case
                        when active_enrollment_count > 1
                            then
                                ' chosen by R5.BR9 among ' || candidate_enrollment_ids
                                || ' (most recent start, then latest end, service type P, highest ID)'
                        else ' active on the section''s last day (R5.BR1)'
                    end
            when reason_code = 'kecs_r5_br1_roster_not_on_last_day'
                then
                    'section''s last day ' || cast(section_last_day as {{ string_type() }})
                    || case
                        when is_student_on_detail
                            then '; another roster row of the student covers it and the student is on Detail'
                        else ''
                    end
            when reason_code = 'kecs_r5_br1_no_active_enrollment'
                then
                    'section''s last day ' || cast(section_last_day as {{ string_type() }})
                    || '; no enrollment of the student in the section''s calendar is active on it'
        end as note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        course_id,
        section_id,
        person_id,
        enrollment_id,
        roster_id,
        cast(null as bigint) as assignment_id
    from checked
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
