-- Illinois Student Course Assignment accounting: every candidate raw row is either behind a record
-- of the state file or set aside with the rule that set it aside. One row per (report, candidate
-- kind, raw row id); the report is 'Student Course Assignment'.
-- Candidates ("IL rows" = rows whose calendar or district belongs to a district with state 'IL';
-- rows whose state cannot be known because a calendar, course or section they point to is missing
-- are candidates of both extracts):
--   enrollment:    every IL enrollment (stg_ic__enrollment).
--   roster:        every IL roster row (stg_ic__roster, via its section's course's calendar).
--   section:       every IL section (stg_ic__section, via its course's calendar).
--   grading score: every IL posted grade (stg_ic__gradingscore, via its section, else its calendar).
-- Reported (status) is read from the file itself, mart il_sca__student_course_assignment: an
-- enrollment is reported when a record carries it (enrollment_id, or sp_dh_enrollment_id for
-- Single Parent / Displaced Homemaker), a roster row when a record was made from it (roster_id), a
-- section when it has a record, a grade when it is a record's Course Final Letter Grade
-- (grade_score_id). The reason a row is set aside is read from the model that decides it:
-- int_sca__calendars_evaluated (Calendar Selection, School Year), int_sca__enrollments_evaluated
-- (enrollment rules), int_sca__courses_evaluated (State Code, State Exclude, Dual Credit),
-- int_sca__sections_evaluated (active trial, dated scheduled terms),
-- int_sca__student_section_periods_evaluated (roster in the section's trial and in range, one
-- roster per period), int_sca__student_grades_evaluated (task assigned, latest posting), state
-- score, int_sca__course_assignments (record rules: 99 Records Only, grades 03-12 state-reported
-- task, no score, most recent term); words from audit__reasons. `matches_rules` is false when the
-- file and the rules disagree (tests/audit/audit_accounting_rows_match_rules.sql).
-- One small model per candidate kind holds its accounting (audit__il_sca_accounting_enrollments,
-- _rosters, _sections, _scores); this model is their union, decided and worded once (macro
-- audit_accounting_decision).

with enrollment_accounting as (
    select * from {{ ref('audit__il_sca_accounting_enrollments') }}
),

roster_accounting as (
    select * from {{ ref('audit__il_sca_accounting_rosters') }}
),

section_accounting as (
    select * from {{ ref('audit__il_sca_accounting_sections') }}
),

score_accounting as (
    select * from {{ ref('audit__il_sca_accounting_scores') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

unioned as (
    select * from enrollment_accounting
    union all
    select * from roster_accounting
    union all
    select * from section_accounting
    union all
    select * from score_accounting
),

{{ audit_accounting_decision('il_sca', "'Student Course Assignment'", ['enrollment_id', 'roster_id', 'score_id']) }}

select * from final
