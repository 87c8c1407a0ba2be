-- SCA Issues 21 and 23 (typed): rosters of eligible students in scheduled sections of reportable
-- courses (State Code, not State Exclude or Dual Credit; roster in the section's trial, or with no
-- trial) that cannot make a record (Extract Layout: Student Course Start Date, Course End Date,
-- Course Credit). One row per roster (23: per section). In the shape of sca_issues_union;
-- int_sca__issues unions the families.
with rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

eligible_people as (
    select distinct
        person_id,
        calendar_id
    from enrollments
    where is_eligible
),

rostered_sections as (
    select
        rosters.roster_id,
        rosters.person_id,
        rosters.section_id,
        rosters.roster_start_date,
        rosters.roster_end_date,
        sections.calendar_id
    from rosters
    inner join sections
        on rosters.section_id = sections.section_id
    inner join courses
        on sections.course_id = courses.course_id
    inner join eligible_people
        on
            rosters.person_id = eligible_people.person_id
            and sections.calendar_id = eligible_people.calendar_id
    where
        sections.is_scheduled
        and (rosters.trial_id = sections.trial_id or rosters.trial_id is null)
        and courses.exclusion_reason is null
),

-- 21: a roster that ends before it starts.
issue_21 as (
    select
        21 as issue_number,
        calendar_id,
        person_id,
        section_id,
        'Roster ' || {{ sca_text('roster_id') }}
        || ': start ' || coalesce({{ format_date('roster_start_date') }}, '(none)')
        || ', end ' || coalesce({{ format_date('roster_end_date') }}, '(none)') as detail
    from rostered_sections
    where roster_end_date < roster_start_date
),

-- 23: a section with no dated scheduled term, once with its count of students left out.
issue_23 as (
    select
        23 as issue_number,
        calendar_id,
        section_id,
        {{ sca_text('count(distinct person_id)') }} || ' student(s) left out' as detail
    from rostered_sections
    where
        not exists (
            select 1
            from section_periods
            where section_periods.section_id = rostered_sections.section_id
        )
    group by
        calendar_id,
        section_id
),

final as (
    {{ sca_issues_union([
        ('issue_21', ['calendar_id', 'person_id', 'section_id']),
        ('issue_23', ['calendar_id', 'section_id']),
    ]) }}
)

select * from final
