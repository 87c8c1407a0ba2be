-- `sis-extracts explain`: what a coordinator recognises of a section: number, course, dates, term
-- code, calendar, school and the section record's teacher (the Illinois answer lists the sections
-- a staff member teaches by it). One row per raw section. Decisions (R5, R5.BR2, R5.BR3, SCA
-- Course Section) are in the accounting.
with sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('stg_ic__course') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

final as (
    select
        sections.section_id,
        sections.section_number,
        sections.course_id,
        courses.course_number,
        courses.course_name,
        courses.course_state_code,
        sections.section_start_date,
        sections.section_end_date,
        sections.term_code,
        calendars.calendar_name,
        calendars.school_name,
        sections.teacher_person_id
    from sections
    left join courses
        on sections.course_id = courses.course_id
    left join calendars
        on sections.calendar_id = calendars.calendar_id
)

select * from final
