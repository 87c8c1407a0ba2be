-- SCA Issues 7-11, 15-17, 19 and 26 (typed): sections whose course leaves their records out or
-- changes a course value of the file (Report Logic: State Course Code populated, not State
-- Exclude or Dual Credit, a State Reported grading task; Extract Layout: State Course Code, Term,
-- Course Level, Course Setting, Language, Local Course ID and Title, Course Credit). One row per
-- section (26: per section and grading task). In the shape of sca_issues_union; int_sca__issues
-- unions the families.
with assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

task_terms as (
    select * from {{ ref('int_sca__section_task_terms') }}
),

-- 7-11: sections whose course is left out, once with their count of students left out.
{%- set section_issue_numbers = {
    'course_without_state_code': 7,
    'course_state_excluded': 8,
    'course_dual_credit': 9,
    'no_state_reported_task': 10,
    'course_state_code_too_long': 11,
} %}
section_exclusions as (
    select
        {{ sca_issue_number('assignments.exclusion_reason', section_issue_numbers) }} as issue_number,
        assignments.calendar_id,
        assignments.section_id,
        'State Code ' || {{ sca_text('min(courses.course_state_code)') }}
        || '; ' || {{ sca_text('count(distinct assignments.person_id)') }}
        || ' student(s) left out' as detail
    from assignments
    inner join courses
        on assignments.course_id = courses.course_id
    where assignments.exclusion_reason in {{ sca_issue_reasons(section_issue_numbers) }}
    group by
        assignments.exclusion_reason,
        assignments.calendar_id,
        assignments.section_id
),

reported_sections as (
    select distinct
        calendar_id,
        section_id,
        course_id,
        is_summer_school,
        section_term_code,
        is_term_code_valid,
        reported_term_code
    from assignments
    where is_reported
),

reported_courses as (
    select
        reported_sections.calendar_id,
        reported_sections.section_id,
        courses.course_level,
        courses.setting,
        courses.reported_language,
        courses.course_number,
        courses.course_name,
        courses.is_course_level_valid,
        courses.is_setting_valid,
        courses.is_language_valid,
        courses.is_course_text_truncated
    from reported_sections
    inner join courses
        on reported_sections.course_id = courses.course_id
),

-- 15: a reported section whose Term Code is not reportable.
issue_15 as (
    select
        15 as issue_number,
        calendar_id,
        section_id,
        'Term Code ' || {{ sca_text('section_term_code') }}
        || case when is_summer_school then ' (summer-school calendar)' else '' end
        || '; Term reports ' || coalesce(reported_term_code, 'blank') as detail
    from reported_sections
    where
        not is_term_code_valid
        or (is_summer_school and section_term_code like 'Q%')
),

-- 16: Course Level or Setting not a state code.
issue_16 as (
    select
        16 as issue_number,
        *,
        'Course Level ' || {{ sca_text('course_level') }} || ', Setting ' || {{ sca_text('setting') }} as detail
    from reported_courses
    where not is_course_level_valid or not is_setting_valid
),

-- 17: language not a 3-digit code.
issue_17 as (
    select
        17 as issue_number,
        *,
        'Language ' || {{ sca_text('reported_language') }} as detail
    from reported_courses
    where not is_language_valid
),

-- 19: course number or name cut to the state length.
issue_19 as (
    select
        19 as issue_number,
        *,
        'Course number ' || {{ sca_text('course_number') }} || ', name ' || {{ sca_text('course_name') }} as detail
    from reported_courses
    where is_course_text_truncated
),

-- 26: a negative credit amount on a grading task of a selected course (counted as no credit).
issue_26 as (
    select distinct
        26 as issue_number,
        courses.calendar_id,
        task_terms.section_id,
        'Grading task ' || {{ sca_text('task_terms.task_id') }} || ' (' || {{ sca_text('task_terms.task_name') }}
        || ') of course ' || {{ sca_text('courses.course_number') }} || ': credit amount '
        || {{ sca_text('task_terms.raw_credit_amount') }} || ' is negative; counted as no credit' as detail
    from task_terms
    inner join courses
        on task_terms.course_id = courses.course_id
    where task_terms.raw_credit_amount < 0
),

final as (
    {{ sca_issues_union([
        ('section_exclusions', ['calendar_id', 'section_id']),
        ('issue_15', ['calendar_id', 'section_id']),
        ('issue_16', ['calendar_id', 'section_id']),
        ('issue_17', ['calendar_id', 'section_id']),
        ('issue_19', ['calendar_id', 'section_id']),
        ('issue_26', ['calendar_id', 'section_id']),
    ]) }}
)

select * from final
