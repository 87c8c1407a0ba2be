-- Students enrolled in the selected calendars, one row per extract and student, and whether the
-- student is on any of the extract's reports; for a student on none, the reason (the run summary and
-- the review show these counts, so a student left out of every file is never silent).
-- Selected calendars: the user's choice, before any rule sets a calendar aside.
-- - KECS: R1 (the reported end year), Select Calendars (kecs_calendar_ids) and R5.BR3 (overlaps the
--   Date Range). A summer-school (R5.BR8) or unreported-classification (R5.BR4) calendar is
--   selected and then set aside by its rule, so its students count here.
-- - SCA: School Year and Calendar Selection (sca_other_school_year, sca_calendar_not_selected). A
--   calendar marked exclude (sca_calendar_excluded) is selected and then set aside.
-- On a report: any row of the student's reported in the accounting. KECS: Detail, or counted on
-- Schoolwide or Caseload. SCA: the state file.
-- The reason of a student on no report:
-- 1. the set-aside reason of the student's latest enrollment in the selected calendars (latest
--    start date, then highest enrollment ID), as the accounting gives it for the extract's main report
--    (KECS Detail, SCA Student Course Assignment);
-- 2. else, when that enrollment was kept, the student's most frequent roster set-aside reason
--    there (ties: the first reason code);
-- 3. else audit_unexplained.
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

kecs_calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

sca_calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

accounting as (
    {{ audit_accounting_rows([
        'extract', 'report', 'candidate_kind', 'candidate_id', 'status', 'reason_code', 'person_id'
    ]) }}
),

selected_calendars as (
    select
        'kecs_lead' as extract,
        'Detail' as main_report,
        calendar_id
    from kecs_calendars
    where is_reported_end_year and is_listed and overlaps_window

    union all

    select
        'il_sca' as extract,
        'Student Course Assignment' as main_report,
        calendar_id
    from sca_calendars
    where coalesce(reason_code, '') not in ('sca_other_school_year', 'sca_calendar_not_selected')
),

enrolled as (
    select
        selected_calendars.extract,
        selected_calendars.main_report,
        enrollments.person_id,
        enrollments.enrollment_id,
        enrollments.calendar_id,
        row_number() over (
            partition by selected_calendars.extract, enrollments.person_id
            order by enrollments.start_date desc nulls last, enrollments.enrollment_id desc
        ) as recency
    from enrollments
    inner join selected_calendars
        on enrollments.calendar_id = selected_calendars.calendar_id
    where enrollments.person_id is not null
),

reported_students as (
    select distinct
        extract,
        person_id
    from accounting
    where status = 'reported' and candidate_kind <> 'staff assignment' and person_id is not null
),

roster_reasons as (
    select
        accounting.extract,
        accounting.person_id,
        accounting.reason_code,
        row_number() over (
            partition by accounting.extract, accounting.person_id
            order by count(*) desc, accounting.reason_code
        ) as frequency_rank
    from accounting
    inner join selected_calendars
        on
            accounting.extract = selected_calendars.extract
            and accounting.report = selected_calendars.main_report
    where accounting.candidate_kind = 'roster' and accounting.status = 'set aside'
    group by
        accounting.extract,
        accounting.person_id,
        accounting.reason_code
),

students as (
    select
        enrolled.extract,
        enrolled.person_id,
        enrolled.enrollment_id as latest_enrollment_id,
        enrolled.calendar_id as latest_calendar_id,
        reported_students.person_id is not null as is_on_a_report,
        case
            when reported_students.person_id is not null then null
            when enrollment_rows.status = 'set aside' then enrollment_rows.reason_code
            when roster_reasons.reason_code is not null then roster_reasons.reason_code
            else 'audit_unexplained'
        end as reason_code
    from enrolled
    left join reported_students
        on
            enrolled.extract = reported_students.extract
            and enrolled.person_id = reported_students.person_id
    left join accounting as enrollment_rows
        on
            enrolled.extract = enrollment_rows.extract
            and enrolled.main_report = enrollment_rows.report
            and enrollment_rows.candidate_kind = 'enrollment'
            and enrolled.enrollment_id = enrollment_rows.candidate_id
    left join roster_reasons
        on
            enrolled.extract = roster_reasons.extract
            and enrolled.person_id = roster_reasons.person_id
            and roster_reasons.frequency_rank = 1
    where enrolled.recency = 1
),

final as (
    select
        cast(students.extract as {{ string_type() }}) as extract,
        students.person_id,
        students.latest_enrollment_id,
        students.latest_calendar_id,
        students.is_on_a_report,
        students.reason_code,
        reasons.rule_id,
        reasons.reason
    from students
    left join reasons
        on students.reason_code = reasons.reason_code
)

select * from final
