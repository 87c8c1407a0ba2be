-- SCA Report Logic, grades: "Score Groups must have grades mapped to state grades." "The
-- state-reported Grading Task must be assigned to the Course." "Students must have a grade posted
-- to a grading task that is associated with the grade task and the score group."
-- Course Final Grade: "Logic for this value looks first to the State Course Score."
-- One row per student, section (selected calendar), grading task assigned to the section's course
-- and term with a posted score (gradingscore.score not blank). When the same task and term was
-- posted more than once, the latest posted date wins (then the highest scoreID). The score is
-- looked up in the score group the course gives the task (coursegradingtask.scoreGroupID) and
-- mapped to scorelistitem.stateScore; a state score that is not in seed il_state_course_scores
-- counts as not mapped (Issues 12).
with scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
    where score is not null
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
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

score_list_items as (
    select * from {{ ref('stg_ic__scorelistitem') }}
),

state_course_scores as (
    select * from {{ ref('il_state_course_scores') }}
),

ranked as (
    select
        scores.score_id,
        scores.person_id,
        scores.section_id,
        sections.course_id,
        scores.task_id,
        tasks.task_name,
        tasks.task_seq,
        coalesce(tasks.is_state_reported, false) as is_state_reported_task,
        scores.term_id,
        scores.score,
        scores.posted_date,
        course_tasks.score_group_id,
        row_number() over (
            partition by scores.person_id, scores.section_id, scores.task_id, scores.term_id
            order by scores.posted_date desc nulls last, scores.score_id desc
        ) as posting_rank
    from scores
    inner join sections
        on scores.section_id = sections.section_id
    inner join calendars
        on sections.calendar_id = calendars.calendar_id
    inner join course_tasks
        on
            sections.course_id = course_tasks.course_id
            and scores.task_id = course_tasks.task_id
    inner join tasks
        on scores.task_id = tasks.task_id
),

final as (
    select
        ranked.score_id,
        ranked.person_id,
        ranked.section_id,
        ranked.course_id,
        ranked.task_id,
        ranked.task_name,
        ranked.task_seq,
        ranked.is_state_reported_task,
        ranked.term_id,
        ranked.score,
        ranked.posted_date,
        ranked.score_group_id,
        score_list_items.state_score as mapped_state_score,
        state_course_scores.state_score,
        state_course_scores.state_score is not null as is_mapped
    from ranked
    left join score_list_items
        on
            ranked.score_group_id = score_list_items.score_group_id
            and ranked.score = score_list_items.score
    left join state_course_scores
        on score_list_items.state_score = state_course_scores.state_score
    where ranked.posting_rank = 1
)

select * from final
