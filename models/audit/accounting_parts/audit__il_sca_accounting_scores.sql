-- Illinois Student Course Assignment accounting, posted grades (SCA Final Grade, SCA No Score,
-- SCA State Reported Task, SCA Most Recent Term, SCA Course Section): one row per gradingscore row
-- of an Illinois section (else of its own Illinois calendar), or whose state cannot be known.
-- Reported when it is a record's Course Final Letter Grade on il_sca__student_course_assignment
-- (grade_score_id). The reason is read from the models that decide it: the section's
-- (int_sca__sections_evaluated), the grade's (int_sca__student_grades_evaluated: blank, task not
-- assigned, a later posting), the state score mapping, else the record the grade belongs to
-- (student, section, period of the grade's term; int_sca__course_assignments): its final grade is
-- another grade, or the record is set aside.
with scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
),

sections as (
    select * from {{ ref('int_sca__sections_evaluated') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

student_grades as (
    select * from {{ ref('int_sca__student_grades_evaluated') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

record_grades as (
    select
        person_id,
        section_id,
        period_term_id,
        max(grade_score_id) as grade_score_id,
        max(case when is_reported then 1 else 0 end) as is_any_reported,
        min(reason_code) as record_reason_code
    from records
    group by person_id, section_id, period_term_id
),

file_scores as (
    select distinct
        grade_score_id,
        course_final_letter_grade
    from sca_file
    where grade_score_id is not null
),

accounted as (
    select
        scores.score_id,
        scores.person_id,
        scores.section_id,
        sections.course_id,
        coalesce(sections.calendar_id, score_calendars.calendar_id) as calendar_id,
        coalesce(sections.district_id, score_calendars.district_id) as district_id,
        coalesce(sections.school_id, score_calendars.school_id) as school_id,
        coalesce(sections.state_code, score_calendars.state_code) as state_code,
        file_scores.grade_score_id is not null as is_on_report,
        'SCA Final Grade' as reported_rule_id,
        case
            {{ audit_reason_from('sections', 'section_id', 'raw_section_missing') }}
            when scores.person_id is null then 'raw_person_missing'
            {{ audit_reason_from('student_grades', 'score_id', 'audit_unmapped') }}
            when file_scores.grade_score_id is not null then null
            when not student_grades.is_mapped then 'sca_score_not_mapped'
            when not student_grades.is_state_reported_task and sections.has_state_reported_task
                then 'sca_task_not_state_reported'
            when score_periods.period_term_id is null then 'sca_term_not_scheduled'
            when record_grades.person_id is null then 'sca_no_course_record_for_score'
            when
                not coalesce(record_grades.grade_score_id = scores.score_id, false)
                and record_grades.is_any_reported = 1
                then 'sca_not_most_recent'
            when record_grades.record_reason_code is not null then record_grades.record_reason_code
            when not coalesce(record_grades.grade_score_id = scores.score_id, false) then 'sca_not_most_recent'
            else 'audit_unexplained'
        end as reason_code,
        case
            when file_scores.grade_score_id is not null
                then 'Course Final Letter Grade ' || coalesce(file_scores.course_final_letter_grade, '(blank)')
            when record_grades.grade_score_id is not null and record_grades.grade_score_id <> scores.score_id
                then
                    'grade ' || cast(record_grades.grade_score_id as {{ string_type() }})
                    || ' is the record''s final grade'
        end as note
    from scores
    left join sections
        on scores.section_id = sections.section_id
    left join calendars as score_calendars
        on scores.calendar_id = score_calendars.calendar_id
    left join student_grades
        on scores.score_id = student_grades.score_id
    left join file_scores
        on scores.score_id = file_scores.grade_score_id
    -- the period (record) of the grade's term
    left join section_periods as score_periods
        on
            scores.section_id = score_periods.section_id
            and scores.term_id = score_periods.term_id
    left join record_grades
        on
            scores.person_id = record_grades.person_id
            and scores.section_id = record_grades.section_id
            and score_periods.period_term_id = record_grades.period_term_id
    where coalesce(sections.state_code, score_calendars.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('grading score', 'score_id', ['course_id', 'section_id', 'person_id', 'score_id']) }}
    from accounted
)

select * from final
