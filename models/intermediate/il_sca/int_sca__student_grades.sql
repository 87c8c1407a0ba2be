-- SCA Report Logic, grades: "Score Groups must have grades mapped to state grades." "The
-- state-reported Grading Task must be assigned to the Course." "Students must have a grade posted
-- to a grading task that is associated with the grade task and the score group." One row per
-- student, section (selected calendar), grading task assigned to the section's course and term
-- with a posted score, the latest posting: the kept rows of int_sca__student_grades_evaluated,
-- which decides and keeps every other grade with its reason.
with evaluated_grades as (
    select * from {{ ref('int_sca__student_grades_evaluated') }}
),

final as (
    select
        score_id,
        person_id,
        section_id,
        course_id,
        task_id,
        task_name,
        task_seq,
        is_state_reported_task,
        term_id,
        score,
        posted_date,
        score_group_id,
        mapped_state_score,
        state_score,
        is_mapped
    from evaluated_grades
    where is_kept
)

select * from final
