-- R10 Issues 10 and 13 (typed): the rosters of the Detail sections and the enrollment chosen for
-- each on the section's last day (R5.BR1, R5.BR9), one row per student and section (10: per
-- student and enrollment). In the shape of kecs_issues_union; int_kecs__issues unions the
-- families, kecs_lead__issues formats them.
with student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

-- Warning 10: more than one active enrollment on a section's last day (R5.BR9 chose one).
issue_10 as (
    select distinct
        10 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        student_sections.person_id,
        people.first_name,
        people.last_name,
        student_sections.enrollment_id,
        'Active enrollments ' || student_sections.candidate_enrollment_ids || ' in calendar '
        || calendars.calendar_name || '; reported enrollment '
        || {{ kecs_text('student_sections.enrollment_id') }} as detail
    from student_sections
    inner join calendars
        on student_sections.calendar_id = calendars.calendar_id
    left join people
        on student_sections.person_id = people.person_id
    where student_sections.active_enrollment_count > 1
),

-- Warning 13: rostered on the section's last day without an active enrollment in its calendar (R5.BR1).
issue_13 as (
    select
        13 as issue_number,
        sections.district_number,
        sections.district_name,
        sections.school_number,
        sections.school_name,
        student_sections.person_id,
        people.first_name,
        people.last_name,
        sections.section_id,
        sections.course_number,
        sections.section_number,
        'Roster ID ' || {{ kecs_text('student_sections.roster_id') }} || ' in force on '
        || {{ format_date('student_sections.section_last_day') }}
        || '; no active enrollment in calendar ' || sections.calendar_name || ' on that day' as detail
    from student_sections
    inner join sections
        on student_sections.section_id = sections.section_id
    left join people
        on student_sections.person_id = people.person_id
    where not student_sections.has_active_enrollment
),

final as (
    {{ kecs_issues_union([
        ('issue_10', ['school', 'person', 'enrollment_id']),
        ('issue_13', ['school', 'person', 'section']),
    ]) }}
)

select * from final
