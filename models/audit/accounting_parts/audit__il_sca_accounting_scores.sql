-- Illinois Student Course Assignment accounting, posted grades (SCA Final Grade, SCA No Score,
-- SCA State Reported Task, SCA Most Recent Term, SCA Course Section): one row per gradingscore row
-- of an Illinois section (else of its own Illinois calendar), or whose state cannot be known.
-- Reported when it is a record's Course Final Letter Grade on il_sca__student_course_assignment
-- (grade_score_id). The reason is read from the models that decide it: the section's
-- (int_sca__sections_evaluated), the grade's (int_sca__student_grades_evaluated: blank, task not
-- assigned, a later posting), else the grade's outcome for its record
-- (int_sca__student_grade_outcomes: not mapped, task not state reported, term not scheduled, no
-- record, another grade is the record's final grade, the record is set aside).
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

grade_outcomes as (
    select * from {{ ref('int_sca__student_grade_outcomes') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
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
            when grade_outcomes.reason_code is not null then grade_outcomes.reason_code
            else 'audit_unexplained'
        end as reason_code,
        case
            when file_scores.grade_score_id is not null
                then 'Course Final Letter Grade ' || coalesce(file_scores.course_final_letter_grade, '(blank)')
            when
                grade_outcomes.record_grade_score_id is not null
                and grade_outcomes.record_grade_score_id <> scores.score_id
                then
                    'grade ' || cast(grade_outcomes.record_grade_score_id as {{ string_type() }})
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
    left join grade_outcomes
        on scores.score_id = grade_outcomes.score_id
    where coalesce(sections.state_code, score_calendars.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('grading score', 'score_id', ['course_id', 'section_id', 'person_id', 'score_id']) }}
    from accounted
)

select * from final
