-- SCA Report Logic, grades: "Score Groups must have grades mapped to state grades." "The
-- state-reported Grading Task must be assigned to the Course." "Students must have a grade posted
-- to a grading task that is associated with the grade task and the score group."
-- Course Final Grade: "Logic for this value looks first to the State Course Score."
-- int_sca__student_grades_evaluated: one row per posted grade (gradingscore) of a section of a
-- selected calendar (every candidate), with the reason it counts for no record (reason_code, codes
-- of audit__reasons: sca_blank_score, sca_task_not_assigned, sca_score_replaced; NULL = kept) and
-- is_kept. Kept (int_sca__student_grades): one row per student, section, grading task assigned to
-- the section's course and term with a posted score (gradingscore.score not blank). When the
-- same task and term was posted more than once, the latest posted date wins (then the highest scoreID). The score is
-- looked up in the score group the course gives the task (coursegradingtask.scoreGroupID) and
-- mapped to scorelistitem.stateScore; a state score that is not in seed il_state_course_scores
-- counts as not mapped (Issues 12).
with scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
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

joined as (
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
        case
            when scores.score is null then 'sca_blank_score'
            when course_tasks.course_id is null or tasks.task_id is null then 'sca_task_not_assigned'
        end as candidate_reason_code
    from scores
    inner join sections
        on scores.section_id = sections.section_id
    inner join calendars
        on sections.calendar_id = calendars.calendar_id
    left join course_tasks
        on
            sections.course_id = course_tasks.course_id
            and scores.task_id = course_tasks.task_id
    left join tasks
        on scores.task_id = tasks.task_id
),

-- "Students must have a grade posted ... that is associated with the grade task": the latest
-- posting of a task and term counts (SCA Most Recent Term).
ranked as (
    select
        *,
        row_number() over (
            partition by person_id, section_id, task_id, term_id, candidate_reason_code
            order by posted_date desc nulls last, score_id desc
        ) as posting_rank
    from joined
),

decided as (
    select
        *,
        case
            when candidate_reason_code is not null then candidate_reason_code
            when posting_rank > 1 then 'sca_score_replaced'
        end as reason_code
    from ranked
),

final as (
    select
        decided.score_id,
        decided.person_id,
        decided.section_id,
        decided.course_id,
        decided.task_id,
        decided.task_name,
        decided.task_seq,
        decided.is_state_reported_task,
        decided.term_id,
        decided.score,
        decided.posted_date,
        decided.score_group_id,
        score_list_items.state_score as mapped_state_score,
        state_course_scores.state_score,
        state_course_scores.state_score is not null as is_mapped,
        decided.reason_code,
        decided.reason_code is null as is_kept
    from decided
    left join score_list_items
        on
            decided.score_group_id = score_list_items.score_group_id
            and decided.score = score_list_items.score
    left join state_course_scores
        on score_list_items.state_score = state_course_scores.state_score
)

select * from final
