-- SCA Report Logic and Extract Layout, course rules (SCA State Code, SCA State Exclude, SCA Dual
-- Credit): one row per course of a selected calendar, every one kept with its reason_code (NULL =
-- reported) and is_kept.
-- "The State Course Code field must be populated." (state layout length 9: a longer code is left
-- out, Issues 11). "A course do NOT report when it is marked as State Exclude, when it is marked
-- as Dual Credit". "For students in grades 03-12 ... a Grading Task assigned to the course is
-- marked as State Reported" (has_state_reported_task; PK-02: "where the State Code field is
-- populated" suffices).
-- Field values: Local Course ID (Course.number, cut to 50), Local Course Title (Course.name, cut
-- to 100; Strip Apostrophes applies), Course Level ("If a course/section is assigned a value of 05:
-- Special Education, a null value reports"; seed il_course_levels), Articulated Credit and Dual
-- Credit ("01 - Yes, 02 - No"), Course Setting ("01: Traditional (default selection)"; seed
-- il_course_settings), Language ("If no language is selected, reports a value of 000"),
-- Competency Based Education ("Reports 01 when ... marked ... Otherwise, reports 02").
with courses as (
    select * from {{ ref('stg_ic__course') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

course_tasks as (
    select * from {{ ref('stg_ic__coursegradingtask') }}
),

tasks as (
    select * from {{ ref('stg_ic__gradingtask') }}
),

course_levels as (
    select * from {{ ref('il_course_levels') }}
),

course_settings as (
    select * from {{ ref('il_course_settings') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

state_reported_tasks as (
    select
        course_tasks.course_id,
        count(distinct course_tasks.task_id) as state_reported_task_count
    from course_tasks
    inner join tasks
        on course_tasks.task_id = tasks.task_id
    where tasks.is_state_reported
    group by course_tasks.course_id
),

joined as (
    select
        courses.course_id,
        courses.calendar_id,
        courses.course_number,
        courses.course_name,
        courses.course_state_code,
        coalesce(courses.is_state_excluded, false) as is_state_excluded,
        coalesce(courses.is_dual_credit, false) as is_dual_credit,
        coalesce(courses.has_articulated_credit, false) as has_articulated_credit,
        coalesce(courses.is_competency_based, false) as is_competency_based,
        coalesce(state_reported_tasks.state_reported_task_count, 0) > 0 as has_state_reported_task,
        courses.course_level,
        course_levels.reported_course_level,
        courses.course_level is null or course_levels.course_level is not null as is_course_level_valid,
        courses.setting,
        coalesce(course_settings.course_setting, '01') as reported_course_setting,
        courses.setting is null or course_settings.course_setting is not null as is_setting_valid,
        coalesce(courses.instruction_language, '000') as reported_language,
        courses.instruction_language is null
        or {{ sca_is_digits('courses.instruction_language', 3) }} as is_language_valid,
        {{ sca_strip_marks('courses.course_number', 'parameters.strips_apostrophes') }} as full_course_number,
        {{ sca_strip_marks('courses.course_name', 'parameters.strips_apostrophes') }} as full_course_name
    from courses
    inner join calendars
        on courses.calendar_id = calendars.calendar_id
    left join state_reported_tasks
        on courses.course_id = state_reported_tasks.course_id
    left join course_levels
        on courses.course_level = course_levels.course_level
    left join course_settings
        on courses.setting = course_settings.course_setting
    cross join parameters
),

-- The course rules, in order: the first that leaves the course out is its reason (audit__reasons).
decided as (
    select
        *,
        case
            when is_state_excluded then 'sca_course_state_excluded'
            when is_dual_credit then 'sca_course_dual_credit'
            when course_state_code is null then 'sca_course_without_state_code'
            when length(course_state_code) > 9 then 'sca_course_state_code_too_long'
        end as reason_code
    from joined
),

final as (
    select
        course_id,
        calendar_id,
        course_number,
        course_name,
        left(full_course_number, 50) as reported_course_number,
        left(full_course_name, 100) as reported_course_name,
        coalesce(length(full_course_number) > 50 or length(full_course_name) > 100, false) as is_course_text_truncated,
        course_state_code,
        is_state_excluded,
        is_dual_credit,
        has_articulated_credit,
        is_competency_based,
        has_state_reported_task,
        course_level,
        reported_course_level,
        is_course_level_valid,
        setting,
        reported_course_setting,
        is_setting_valid,
        reported_language,
        is_language_valid,
        reason_code,
        -- the code without its 'sca_' prefix (read by int_sca__issues and explain)
        substr(reason_code, 5) as exclusion_reason,
        reason_code is null as is_kept
    from decided
)

select * from final
