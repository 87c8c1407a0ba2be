-- One row per section of an in-scope calendar with the reason it is or is not reported on
-- Detail/Classes, its course attributes and "the section's last day".
-- R5.BR2: the course must be active.
-- Detail rules (spec README): the section is in the active trial, has a section placement, and
-- its term start and end dates are not NULL (int_sections__schedule gives NULL section dates when
-- any scheduled term lacks a date).
-- Exclude Cross-Site Data (var kecs_exclude_cross_site, default true): cross-site sections are
-- not reported when it is true.
-- Reading (document silent): the section must overlap the Date Range, and "the last day of the
-- section" (R5.BR1, teacher of record) is the section end date, capped at the Date Range end so a
-- mid-year run checks rosters on the run's end date.
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
        calendars.district_id,
        calendars.district_number,
        calendars.district_name,
        calendars.school_id,
        calendars.school_number,
        calendars.school_name,
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
        end as section_last_day,
        coalesce(courses.is_active, false) as is_course_active,
        sections.is_active_trial,
        sections.has_placement,
        (
            sections.section_start_date is not null
            and sections.section_end_date is not null
        ) as has_term_dates,
        sections.is_cross_site,
        (
            {{ 'true' if kecs_exclude_cross_site() else 'false' }}
            and sections.is_cross_site
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

final as (
    select
        *,
        (
            is_course_active
            and is_active_trial
            and has_placement
            and has_term_dates
            and not is_cross_site_excluded
            and overlaps_window
        ) as is_reported,
        case
            when not is_course_active then 'course is not active (R5.BR2)'
            when not is_active_trial then 'section is not in the active trial'
            when not has_placement then 'section has no section placement'
            when not has_term_dates then 'a scheduled term has no start or end date'
            when is_cross_site_excluded then 'cross-site section (Exclude Cross-Site Data)'
            when not overlaps_window then 'section does not overlap the date range'
        end as not_reported_reason
    from flagged
)

select * from final
