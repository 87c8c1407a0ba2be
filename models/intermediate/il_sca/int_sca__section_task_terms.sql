-- SCA Course Credit, step 1 and 2, and the term split of Report Logic: one row per section of a
-- selected calendar (active trial), grading task assigned to its course, and scheduled term whose
-- position in the task's term mask is '1' (coursegradingtask.termMask, one '0'/'1' per term seq).
-- "For each section being reported, grading tasks assigned to the course where the credit value
-- is not null are found. Of those grading tasks, the ones marked as state reported and have at
-- least one term mask marked are found. Using the Section Schedule Placement grid on the Section,
-- the number of unique terms is found (regardless of the number of periods or period schedules).
-- For each of the grading tasks ... the number of scheduled terms that overlap the terms in which
-- the grading task is marked is found." (int_sections__scheduled_terms: distinct terms.)
-- A negative credit amount is no credit amount a student could earn: it counts as none (NULL), and
-- Issues 26 lists it (raw_credit_amount keeps the value).
-- "The grading task marked as state reports has the term mask on the course marked in more than
-- one term AND the section is scheduled into both of those terms": is_spanning_task.
with scheduled_sections as (
    {{ sca_scheduled_sections() }}
),

scheduled_terms as (
    select * from {{ ref('int_sections__scheduled_terms') }}
),

course_tasks as (
    select * from {{ ref('stg_ic__coursegradingtask') }}
),

tasks as (
    select * from {{ ref('stg_ic__gradingtask') }}
),

marked as (
    select
        scheduled_sections.section_id,
        scheduled_sections.course_id,
        course_tasks.task_id,
        tasks.task_name,
        tasks.task_seq,
        coalesce(tasks.is_state_reported, false) as is_state_reported,
        course_tasks.score_group_id,
        case when course_tasks.credit_amount >= 0 then course_tasks.credit_amount end as credit_amount,
        course_tasks.credit_amount as raw_credit_amount,
        course_tasks.term_mask,
        scheduled_terms.term_id,
        scheduled_terms.term_name,
        scheduled_terms.term_seq,
        scheduled_terms.term_start_date,
        scheduled_terms.term_end_date
    from scheduled_sections
    inner join course_tasks
        on scheduled_sections.course_id = course_tasks.course_id
    inner join tasks
        on course_tasks.task_id = tasks.task_id
    inner join scheduled_terms
        on scheduled_sections.section_id = scheduled_terms.section_id
    where
        scheduled_terms.term_seq >= 1
        and substring(course_tasks.term_mask, cast(scheduled_terms.term_seq as integer), 1) = '1'
),

final as (
    select
        *,
        count(*) over (partition by section_id, task_id) as task_scheduled_term_count,
        is_state_reported and count(*) over (partition by section_id, task_id) >= 2 as is_spanning_task
    from marked
)

select * from final
