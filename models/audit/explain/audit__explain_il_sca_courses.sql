-- `sis-extracts explain il-sca --section`: the course of the section and how the course rules
-- read it (SCA State Code, SCA State Exclude, SCA Dual Credit, SCA State Reported Task:
-- int_sca__courses_evaluated). One row per section.
with sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

final as (
    select
        sections.section_id,
        courses.course_id,
        courses.course_number,
        courses.course_name,
        courses.course_state_code,
        courses.is_state_excluded,
        courses.is_dual_credit,
        courses.has_state_reported_task,
        courses.exclusion_reason
    from sections
    inner join courses
        on sections.course_id = courses.course_id
)

select * from final
