-- SCA Issues 12-14, 18, 20, 22 and 27 (typed): student course records left out or reported with a
-- changed value (Report Logic: Score Groups mapped to State Course Scores, a grade for a completed
-- course, active enrollment; Extract Layout: Course End Date, Legal Last and First Name, Course
-- Final Grade; the 99 Records Only option). One row per student record (18: per student). In the
-- shape of sca_issues_union; int_sca__issues unions the families.
with assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

students as (
    select * from {{ ref('int_sca__students') }}
),

-- Every candidate record with the report options and the text naming its term and dates.
record_siblings as (
    select
        assignments.calendar_id,
        assignments.person_id,
        assignments.section_id,
        assignments.enrollment_id,
        assignments.exclusion_reason,
        assignments.is_reported,
        assignments.is_same_day_roster,
        assignments.is_roster_outside_enrollment,
        assignments.has_unmapped_score,
        assignments.has_state_score,
        assignments.grade_score,
        assignments.grade_score_id,
        assignments.grade_task_id,
        assignments.grade_posted_date,
        assignments.final_grade,
        assignments.course_end_date,
        parameters.is_records_99_only,
        parameters.as_of_date,
        'Term ' || {{ sca_text('section_periods.term_name') }}
        || ', dates ' || coalesce({{ format_date('assignments.course_start_date') }}, '(none)')
        || ' to ' || coalesce({{ format_date('assignments.record_end_date') }}, '(none)') as record_text
    from assignments
    cross join parameters
    left join section_periods
        on
            assignments.section_id = section_periods.section_id
            and assignments.period_term_id = section_periods.term_id
),

-- 12: score not mapped; 13: completed without a grade; 14: graded record whose end date is after
-- the generation date; 20: same-day roster reported as any roster (99 Records Only unmarked).
record_issues as (
    select
        case
            when exclusion_reason = 'completed_without_grade' then 13
            when is_same_day_roster and not is_records_99_only then 20
            when has_unmapped_score then 12
            else 14
        end as issue_number,
        calendar_id,
        person_id,
        section_id,
        enrollment_id,
        record_text
        || case
            when has_unmapped_score
                then ', score ' || {{ sca_text('grade_score') }} || ' (task ' || {{ sca_text('grade_task_id') }} || ')'
            else ''
        end
        || case
            when is_reported then '; reported, Final Grade ' || coalesce(final_grade, 'blank')
            else '; left out'
        end as detail
    from record_siblings
    where
        exclusion_reason = 'completed_without_grade'
        or (is_same_day_roster and is_reported and not is_records_99_only)
        or (
            has_unmapped_score
            and not is_same_day_roster
            and coalesce(exclusion_reason, 'score_not_mapped') in ('score_not_mapped', 'in_progress_without_grade')
        )
        or (is_reported and has_state_score and course_end_date is null)
),

-- 22: a reported record outside every enrollment of the student in the calendar.
issue_22 as (
    select
        22 as issue_number,
        calendar_id,
        person_id,
        section_id,
        enrollment_id,
        record_text || '; reported with enrollment ' || {{ sca_text('enrollment_id') }} as detail
    from record_siblings
    where is_reported and is_roster_outside_enrollment
),

-- 27: a reported grade dated after the report generation date (the grade is used).
issue_27 as (
    select
        27 as issue_number,
        calendar_id,
        person_id,
        section_id,
        enrollment_id,
        'Grade ' || {{ sca_text('grade_score') }}
        || ' (score ' || {{ sca_text('grade_score_id') }}
        || ') posted ' || {{ format_date('grade_posted_date') }}
        || ', after the report generation date ' || {{ format_date('as_of_date') }}
        || '; reported as posted' as detail
    from record_siblings
    where
        is_reported
        and grade_posted_date > as_of_date
),

-- 18: a reported student whose last or first name is cut to 30 characters.
issue_18 as (
    select
        18 as issue_number,
        min(assignments.calendar_id) as calendar_id,
        assignments.person_id,
        'Last name ' || {{ sca_text('min(students.last_name)') }}
        || ', first name ' || {{ sca_text('min(students.first_name)') }} as detail
    from assignments
    inner join students
        on assignments.person_id = students.person_id
    where assignments.is_reported and students.is_name_truncated
    group by assignments.person_id
),

final as (
    {{ sca_issues_union([
        ('record_issues', ['calendar_id', 'person_id', 'section_id', 'enrollment_id']),
        ('issue_22', ['calendar_id', 'person_id', 'section_id', 'enrollment_id']),
        ('issue_27', ['calendar_id', 'person_id', 'section_id', 'enrollment_id']),
        ('issue_18', ['calendar_id', 'person_id']),
    ]) }}
)

select * from final
