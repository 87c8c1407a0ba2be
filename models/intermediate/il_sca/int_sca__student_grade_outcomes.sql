-- SCA Final Grade, SCA No Score, SCA State Reported Task, SCA Most Recent Term, SCA Course Section:
-- every posted grade of int_sca__student_grades_evaluated (every candidate), the record it belongs
-- to (student, section, reporting period of the grade's term: int_sca__section_periods) and whether
-- it is that record's Course Final Letter Grade (int_sca__course_assignments.grade_score_id). The
-- first reason that leaves it out (reason_code, a code of audit__reasons; NULL = the final grade of
-- a reported record; is_kept): the grade's own (int_sca__student_grades_evaluated), not mapped to
-- a state course score, not on a state-reported task while the course has one, no period for its
-- term, no record of the student/section/period, another grade is the final grade of a reported
-- record, the record is set aside (its reason_code), another grade is the record's final grade.
with student_grades as (
    select * from {{ ref('int_sca__student_grades_evaluated') }}
),

sections as (
    select * from {{ ref('int_sca__sections_evaluated') }}
),

section_periods as (
    select * from {{ ref('int_sca__section_periods') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

-- one row per record (student, section, period): its final grade, whether any of its candidate
-- rows (enrollment group, roster) reports, and the first reason one of them is set aside
record_grades as (
    select
        person_id,
        section_id,
        period_term_id,
        max(grade_score_id) as grade_score_id,
        max(case when is_reported then 1 else 0 end) = 1 as is_reported,
        min(reason_code) as reason_code
    from records
    group by person_id, section_id, period_term_id
),

joined as (
    select
        student_grades.score_id,
        student_grades.person_id,
        student_grades.section_id,
        student_grades.term_id,
        student_grades.reason_code as grade_reason_code,
        student_grades.is_mapped,
        student_grades.is_state_reported_task,
        sections.has_state_reported_task,
        score_periods.period_term_id,
        record_grades.person_id is not null as has_record,
        record_grades.grade_score_id as record_grade_score_id,
        coalesce(record_grades.grade_score_id = student_grades.score_id, false) as is_record_final_grade,
        coalesce(record_grades.is_reported, false) as is_record_reported,
        record_grades.reason_code as record_reason_code
    from student_grades
    left join sections
        on student_grades.section_id = sections.section_id
    -- the period (record) of the grade's term
    left join section_periods as score_periods
        on
            student_grades.section_id = score_periods.section_id
            and student_grades.term_id = score_periods.term_id
    left join record_grades
        on
            student_grades.person_id = record_grades.person_id
            and student_grades.section_id = record_grades.section_id
            and score_periods.period_term_id = record_grades.period_term_id
),

decided as (
    select
        *,
        case
            when grade_reason_code is not null then grade_reason_code
            when not is_mapped then 'sca_score_not_mapped'
            when not is_state_reported_task and has_state_reported_task then 'sca_task_not_state_reported'
            when period_term_id is null then 'sca_term_not_scheduled'
            when not has_record then 'sca_no_course_record_for_score'
            when not is_record_final_grade and is_record_reported then 'sca_not_most_recent'
            when record_reason_code is not null then record_reason_code
            when not is_record_final_grade then 'sca_not_most_recent'
        end as reason_code
    from joined
),

final as (
    select
        score_id,
        person_id,
        section_id,
        term_id,
        period_term_id,
        record_grade_score_id,
        is_record_final_grade,
        is_record_reported,
        reason_code,
        reason_code is null as is_kept
    from decided
)

select * from final
