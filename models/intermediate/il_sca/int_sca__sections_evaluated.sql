-- SCA Course Section (and the course rules SCA State Code, SCA State Exclude, SCA Dual Credit, the
-- calendar rules SCA Calendar Selection, SCA School Year): one row per section (every candidate),
-- with the first reason it can give no record (reason_code, codes of audit__reasons; NULL = the
-- section can report) and is_kept. In order: the section's course is missing (raw), its calendar
-- is missing (raw) or not selected (int_sca__calendars_evaluated), its course is left out
-- (int_sca__courses_evaluated), "only sections of the active scheduling trial are reported", the
-- trial's schedule structure is not active, the section has no scheduled term with dates
-- (int_sca__section_periods). Carries the state of the section's calendar (NULL when not known).
with sections as (
    select * from {{ ref('int_sections__schedule') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

dated_sections as (
    select distinct section_id
    from section_periods
),

decided as (
    select
        sections.section_id,
        sections.course_id,
        sections.trial_id,
        calendars.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code,
        courses.has_state_reported_task,
        case
            when sections.calendar_id is null then 'raw_course_missing'
            when calendars.calendar_id is null then 'raw_calendar_missing'
            when calendars.reason_code is not null then calendars.reason_code
            when courses.course_id is null then 'audit_unmapped'
            when courses.reason_code is not null then courses.reason_code
            when not sections.is_active_trial then 'sca_section_not_active_trial'
            when not sections.is_active_structure then 'sca_section_inactive_structure'
            when dated_sections.section_id is null then 'sca_section_without_dated_terms'
        end as reason_code
    from sections
    left join calendars
        on sections.calendar_id = calendars.calendar_id
    left join courses
        on sections.course_id = courses.course_id
    left join dated_sections
        on sections.section_id = dated_sections.section_id
),

final as (
    select
        *,
        reason_code is null as is_kept
    from decided
)

select * from final
