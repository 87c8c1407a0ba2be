-- SCA Report Logic, "The Course/Section reports once per student unless ... The grading task
-- marked as state reports has the term mask on the course marked in more than one term AND the
-- section is scheduled into both of those terms", and SCA Course Credit.
-- One row per section (selected calendar, active trial) and scheduled term with dates, with the
-- reporting period the term belongs to. A period is what one student record covers:
--   * no spanning state-reported task: one period, all the section's scheduled terms; its term
--     is the last scheduled term ("a grading task from the most recent term reports");
--   * a spanning task: one period per term in which a spanning task is marked and the section is
--     scheduled (its "period term"); each other scheduled term joins the first period term ending
--     on or after it (terms after the last period term join the last period). A year-long section
--     on quarters with a semester task marked Q2 and Q4 gives two periods: Q1-Q2 and Q3-Q4.
-- Credit: "the number of scheduled terms that overlap the terms in which the grading task is
-- marked is found. This number is multiplied by the credit amount placed on the grading task. If
-- there are multiple grading tasks ..., the total potential credit is found for each grading task,
-- then summed for the total." term_credit = sum of the credit amounts of the state-reported tasks
-- with a credit marked in that term; section_potential_credit = the document's total for the
-- section; period_credit = the part of it in the period (what one record reports, docs/il_sca.md).
with scheduled_sections as (
    {{ sca_scheduled_sections() }}
),

scheduled_terms as (
    select * from {{ ref('int_sections__scheduled_terms') }}
),

task_terms as (
    select * from {{ ref('int_sca__section_task_terms') }}
),

section_terms as (
    select
        scheduled_terms.section_id,
        scheduled_terms.term_id,
        scheduled_terms.term_name,
        scheduled_terms.term_seq,
        scheduled_terms.term_start_date,
        scheduled_terms.term_end_date
    from scheduled_terms
    inner join scheduled_sections
        on scheduled_terms.section_id = scheduled_sections.section_id
    where
        scheduled_terms.term_start_date is not null
        and scheduled_terms.term_end_date is not null
),

period_terms as (
    select distinct
        task_terms.section_id,
        task_terms.term_id,
        task_terms.term_seq,
        task_terms.term_end_date
    from task_terms
    where task_terms.is_spanning_task
),

term_credits as (
    select
        task_terms.section_id,
        task_terms.term_id,
        -- decimal(38, 4) on every engine (a sum's precision is the engine's choice)
        cast(sum(task_terms.credit_amount) as decimal(38, 4)) as term_credit
    from task_terms
    where
        task_terms.is_state_reported
        and task_terms.credit_amount is not null
    group by
        task_terms.section_id,
        task_terms.term_id
),

last_terms as (
    select
        section_id,
        term_id as last_term_id,
        row_number() over (
            partition by section_id
            order by term_end_date desc, term_seq desc, term_id desc
        ) as term_rank
    from section_terms
),

candidate_periods as (
    select
        section_terms.section_id,
        section_terms.term_id,
        period_terms.term_id as period_term_id,
        row_number() over (
            partition by section_terms.section_id, section_terms.term_id
            order by
                case when period_terms.term_end_date >= section_terms.term_end_date then 0 else 1 end,
                case
                    when period_terms.term_end_date >= section_terms.term_end_date
                        then period_terms.term_end_date
                end asc,
                period_terms.term_end_date desc,
                period_terms.term_seq desc,
                period_terms.term_id desc
        ) as period_rank
    from section_terms
    left join period_terms
        on section_terms.section_id = period_terms.section_id
),

assigned as (
    select
        section_terms.section_id,
        section_terms.term_id,
        section_terms.term_name,
        section_terms.term_seq,
        section_terms.term_start_date,
        section_terms.term_end_date,
        coalesce(candidate_periods.period_term_id, last_terms.last_term_id) as period_term_id,
        candidate_periods.period_term_id is not null as is_split_section,
        coalesce(term_credits.term_credit, 0) as term_credit
    from section_terms
    inner join candidate_periods
        on
            section_terms.section_id = candidate_periods.section_id
            and section_terms.term_id = candidate_periods.term_id
            and candidate_periods.period_rank = 1
    inner join last_terms
        on
            section_terms.section_id = last_terms.section_id
            and last_terms.term_rank = 1
    left join term_credits
        on
            section_terms.section_id = term_credits.section_id
            and section_terms.term_id = term_credits.term_id
),

periods as (
    select
        *,
        min(term_start_date) over (partition by section_id, period_term_id) as period_start_date,
        max(term_end_date) over (partition by section_id, period_term_id) as period_end_date,
        sum(term_credit) over (partition by section_id, period_term_id) as period_credit,
        sum(term_credit) over (partition by section_id) as section_potential_credit,
        min(term_start_date) over (partition by section_id) as section_start_date,
        max(term_end_date) over (partition by section_id) as section_end_date
    from assigned
),

final as (
    select
        section_id,
        term_id,
        term_name,
        term_seq,
        term_start_date,
        term_end_date,
        term_credit,
        period_term_id,
        term_id = period_term_id as is_period_term,
        is_split_section,
        period_start_date,
        period_end_date,
        period_start_date = section_start_date as is_first_period,
        period_end_date = section_end_date as is_last_period,
        period_credit,
        section_potential_credit,
        section_start_date,
        section_end_date
    from periods
)

select * from final
