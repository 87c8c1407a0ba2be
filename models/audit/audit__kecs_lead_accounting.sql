-- KECS LEAD accounting: every candidate raw row of a report is either on the report or set aside
-- with the rule that set it aside. One row per (report, candidate kind, raw row id).
-- Candidates (the raw rows a Kentucky coordinator may look for; "KY rows" = rows whose calendar or
-- district belongs to a district with state 'KY'; rows whose state cannot be known because a
-- calendar, course, section or district they point to is missing are candidates of both extracts):
--   Detail:     every KY enrollment (stg_ic__enrollment), every KY roster row (stg_ic__roster, via
--               its section's course's calendar), every KY section (stg_ic__section).
--   Classes:    every KY section (R6.BR1: Classes pulls all records from Detail).
--   Schoolwide: every KY enrollment (R8.BR1: one enrollment per student and school of Detail).
--   Caseload:   every KY enrollment (R9.BR1: one enrollment per student and district of Detail).
--   Staff:      every KY District Assignment (stg_ic__employmentassignment, via its district).
-- The union of one small model per candidate kind (each worded by the macro
-- audit_accounting_decision): audit__kecs_lead_accounting_enrollments (Detail enrollments),
-- audit__kecs_lead_accounting_student_counts (Schoolwide R8.BR1, Caseload R9.BR1),
-- audit__kecs_lead_accounting_rosters (Detail roster rows), audit__kecs_lead_accounting_sections
-- (Detail and Classes sections), audit__kecs_lead_accounting_staff_assignments (Staff).
-- Reported (status) is read from the report itself: the marts kecs_lead__detail,
-- kecs_lead__classes and kecs_lead__staff, and for the aggregates the rows they count
-- (int_kecs__schoolwide_students, int_kecs__caseload_students). The reason a row is set aside is
-- the reason_code of the intermediate model that decides it (the first rule that fails, in the
-- order the models apply them; never re-derived here): int_kecs__calendars_in_scope (R1, R5.BR3,
-- R5.BR4, R5.BR8), int_kecs__enrollments_eligible (R5.BR7, reversed dates, R5.BR3),
-- int_kecs__sections_in_scope (R5.BR2, Detail rules), int_kecs__rosters_evaluated,
-- int_kecs__student_section_enrollment and int_kecs__enrollments_evaluated (R5.BR1, R5.BR9),
-- int_kecs__staff_assignments_evaluated (R7.BR1); the words come from audit__reasons.
-- `matches_rules` is false when the report and the rules disagree (a row every rule keeps that is
-- not on the file, or the reverse); tests/audit/audit_accounting_rows_match_rules.sql fails on it.
with enrollments as (
    select * from {{ ref('audit__kecs_lead_accounting_enrollments') }}
),

student_counts as (
    select * from {{ ref('audit__kecs_lead_accounting_student_counts') }}
),

rosters as (
    select * from {{ ref('audit__kecs_lead_accounting_rosters') }}
),

sections as (
    select * from {{ ref('audit__kecs_lead_accounting_sections') }}
),

staff_assignments as (
    select * from {{ ref('audit__kecs_lead_accounting_staff_assignments') }}
),

final as (
    select {{ kecs_accounting_column_list() }}
    from enrollments
    union all
    select {{ kecs_accounting_column_list() }}
    from student_counts
    union all
    select {{ kecs_accounting_column_list() }}
    from rosters
    union all
    select {{ kecs_accounting_column_list() }}
    from sections
    union all
    select {{ kecs_accounting_column_list() }}
    from staff_assignments
)

select * from final
