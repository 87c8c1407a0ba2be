-- One row per section of an in-scope calendar with the reason it is or is not reported on
-- Detail/Classes, its course attributes and "the section's last day".
-- R5.BR2: the course must be active.
-- Detail rules (spec README): the section is in the active trial, has a section placement, and
-- its term start and end dates are not NULL (int_sections__schedule gives NULL section dates when
-- any scheduled term lacks a date).
-- Reading (document silent): a section whose trial belongs to an inactive schedule structure (a
-- prior build of the schedule) is not reported; a course marked State Exclude is still reported,
-- as calendars, grade levels and enrollments marked exclude are (R5.BR5, R5.BR6).
-- Exclude Cross-Site Data (var kecs_exclude_cross_site, default true): "the report does not
-- include cross-site homeroom data": a cross-site section whose course is a homeroom is not
-- reported when the option is marked; a cross-site section of any other course is reported.
-- Reading (document silent): the section must overlap the Date Range.
-- R5.BR1 "rostered on the last day of the section": the section's last day is the last day of
-- instruction (day.instruction = 1 of the section's calendar and schedule structure,
-- int_structures__instruction_days) within its scheduled terms, from its first term's start to its
-- last term's end capped at the Date Range end, so a term ending on a weekend or a non-instruction
-- day after the last day of school does not move it, and a mid-year run checks rosters on the last
-- day of instruction on or before its end date. With no instruction day in that span (no `day`
-- rows), the last term's end date capped at the Date Range end. The same day decides the enrollment
-- (int_kecs__student_section_enrollment) and the teacher of record and staff history
-- (int_kecs__section_teachers_of_record).
-- Teaching Method: blank reports '01' (Direct Instruction, the default; seed kecs_teaching_methods).
with sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('stg_ic__course') }}
),

structures as (
    select * from {{ ref('stg_ic__schedulestructure') }}
),

teaching_methods as (
    select * from {{ ref('kecs_teaching_methods') }}
),

instruction_days as (
    select * from {{ ref('int_structures__instruction_days') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
    where is_in_scope
),

default_teaching_method as (
    select min(teaching_method) as teaching_method
    from teaching_methods
    where is_default
),

flagged as (
    select
        sections.section_id,
        sections.section_number,
        sections.trial_id,
        sections.structure_id,
        structures.structure_name,
        sections.course_id,
        courses.course_number,
        courses.course_name,
        courses.course_state_code,
        courses.core_content,
        coalesce(courses.teaching_method, default_teaching_method.teaching_method) as teaching_method,
        sections.instructional_setting,
        sections.section_special_type,
        sections.kts_exchange,
        sections.responsive,
        sections.teacher_person_id as section_teacher_person_id,
        calendars.calendar_id,
        calendars.calendar_name,
        calendars.end_year,
        {{ district_school_columns('calendars') }},
        calendars.state_classification,
        calendars.is_calendar_excluded,
        calendars.last_instruction_date,
        calendars.window_start_date,
        calendars.window_end_date,
        sections.section_start_date,
        sections.section_end_date,
        case
            when sections.section_end_date > calendars.window_end_date then calendars.window_end_date
            else sections.section_end_date
        end as last_scheduled_day,
        coalesce(courses.is_active, false) as is_course_active,
        coalesce(courses.is_state_excluded, false) as is_course_state_excluded,
        sections.is_active_trial,
        sections.is_active_structure,
        sections.is_homeroom,
        sections.has_placement,
        (
            sections.section_start_date is not null
            and sections.section_end_date is not null
        ) as has_term_dates,
        sections.is_cross_site,
        (
            {{ flag_sql('kecs_exclude_cross_site', true) }}
            and sections.is_cross_site
            and sections.is_homeroom
        ) as is_cross_site_excluded,
        coalesce(
            sections.section_start_date <= calendars.window_end_date
            and sections.section_end_date >= calendars.window_start_date,
            false
        ) as overlaps_window
    from sections
    inner join courses
        on sections.course_id = courses.course_id
    inner join calendars
        on courses.calendar_id = calendars.calendar_id
    left join structures
        on sections.structure_id = structures.structure_id
    cross join default_teaching_method
),

-- The last day of instruction within each distinct span of scheduled days (sections share spans).
spans as (
    select distinct
        structure_id,
        section_start_date,
        last_scheduled_day
    from flagged
    where
        structure_id is not null
        and section_start_date is not null
        and last_scheduled_day is not null
),

span_last_days as (
    select
        spans.structure_id,
        spans.section_start_date,
        spans.last_scheduled_day,
        max(instruction_days.instruction_date) as last_instruction_day
    from spans
    inner join instruction_days
        on
            spans.structure_id = instruction_days.structure_id
            and spans.section_start_date <= instruction_days.instruction_date
            and spans.last_scheduled_day >= instruction_days.instruction_date
    group by
        spans.structure_id,
        spans.section_start_date,
        spans.last_scheduled_day
),

with_last_day as (
    select
        flagged.*,
        coalesce(span_last_days.last_instruction_day, flagged.last_scheduled_day) as section_last_day,
        case
            when span_last_days.last_instruction_day is not null then 'last day of instruction'
            when flagged.last_scheduled_day is not null then 'last term end date (no instruction day)'
        end as section_last_day_source
    from flagged
    left join span_last_days
        on
            flagged.structure_id = span_last_days.structure_id
            and flagged.section_start_date = span_last_days.section_start_date
            and flagged.last_scheduled_day = span_last_days.last_scheduled_day
),

-- The one CASE that decides: the first rule the section fails (NULL = reported), as a code of
-- audit__reasons; the flag and the words follow from it.
decided as (
    select
        *,
        case
            when not is_course_active then 'kecs_r5_br2_inactive_course'
            when not is_active_trial then 'kecs_r5_section_not_active_trial'
            when not is_active_structure then 'kecs_r5_section_inactive_structure'
            when not has_placement then 'kecs_r5_section_without_placement'
            when not has_term_dates then 'kecs_r5_term_without_dates'
            when is_cross_site_excluded then 'kecs_r5_cross_site'
            when not overlaps_window then 'kecs_r5_br3_section_outside_range'
        end as reason_code
    from with_last_day
),

final as (
    select
        *,
        reason_code is null as is_reported,
        case reason_code
            when 'kecs_r5_br2_inactive_course' then 'course is not active (R5.BR2)'
            when 'kecs_r5_section_not_active_trial' then 'section is not in the active trial'
            when 'kecs_r5_section_inactive_structure' then 'section''s schedule structure is not active'
            when 'kecs_r5_section_without_placement' then 'section has no section placement'
            when 'kecs_r5_term_without_dates' then 'a scheduled term has no start or end date'
            when 'kecs_r5_cross_site' then 'cross-site homeroom section (Exclude Cross-Site Data)'
            when 'kecs_r5_br3_section_outside_range' then 'section does not overlap the date range'
        end as not_reported_reason,
        reason_code is null as is_kept
    from decided
)

select * from final
