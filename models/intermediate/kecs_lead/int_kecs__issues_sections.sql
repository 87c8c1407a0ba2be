-- R10 Issues 7, 8 and 18 (typed): sections the Detail and Classes reports drop or report with a
-- choice among primary teachers (R5), one row per section. In the shape of kecs_issues_union;
-- int_kecs__issues unions the families, kecs_lead__issues formats them.
with sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

teachers as (
    select * from {{ ref('int_kecs__section_teachers_of_record') }}
),

-- Sections of an active course in the active trial that the cross-site option keeps (R5).
placeable_sections as (
    select *
    from sections
    where
        is_course_active
        and is_active_trial
        and not is_cross_site_excluded
),

-- Error 7: section dropped because a scheduled term has no start or end date (R5).
issue_7 as (
    select
        7 as issue_number,
        *,
        'A term the section is placed in has no start or end date (calendar ' || calendar_name || ')' as detail
    from placeable_sections
    where
        has_placement
        and not has_term_dates
),

-- Error 8: section dropped because it has no placement in the active trial (R5).
issue_8 as (
    select
        8 as issue_number,
        *,
        'No section placement in trial ' || coalesce({{ kecs_text('trial_id') }}, '(none)')
        || ' (calendar ' || calendar_name || ')' as detail
    from placeable_sections
    where not has_placement
),

-- Warning 18: reported section with several primary teachers in force on its last day (R5).
issue_18 as (
    select
        18 as issue_number,
        sections.district_number,
        sections.district_name,
        sections.school_number,
        sections.school_name,
        sections.section_id,
        sections.course_number,
        sections.section_number,
        teachers.teacher_person_id as person_id,
        {{ kecs_text('teachers.primary_teacher_count') }} || ' primary teachers in force on '
        || {{ format_date('teachers.section_last_day') }} || '; reported Person ID '
        || {{ kecs_text('teachers.teacher_person_id') }} as detail
    from teachers
    inner join sections
        on teachers.section_id = sections.section_id
    where
        sections.is_reported
        and teachers.primary_teacher_count > 1
),

final as (
    {{ kecs_issues_union([
        ('issue_7', ['school', 'section']),
        ('issue_8', ['school', 'section']),
        ('issue_18', ['school', 'section', 'person_id']),
    ]) }}
)

select * from final
