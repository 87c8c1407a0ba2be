-- `sis-extracts explain il-sca --student`: what a coordinator recognises of a posted grade the
-- accounting names (candidate kind 'grading score'): score, posted date, term, grading task and
-- whether the task is State Reported. One row per raw grading score. The decisions (SCA No Score,
-- SCA Most Recent Term, SCA State Reported Task) are in the accounting.
with scores as (
    select * from {{ ref('stg_ic__gradingscore') }}
),

terms as (
    select * from {{ ref('stg_ic__term') }}
),

tasks as (
    select * from {{ ref('stg_ic__gradingtask') }}
),

final as (
    select
        scores.score_id,
        scores.score,
        scores.posted_date,
        scores.term_id,
        terms.term_name,
        scores.task_id,
        tasks.task_name,
        tasks.is_state_reported
    from scores
    left join terms
        on scores.term_id = terms.term_id
    left join tasks
        on scores.task_id = tasks.task_id
)

select * from final
