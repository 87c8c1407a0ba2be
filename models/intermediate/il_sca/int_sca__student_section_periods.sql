-- SCA Report Logic: "must have been active in a course/section within the Start Date and End
-- Date" (SCA Course Section, SCA Multiple Records, SCA 99 Records Only). One row per student,
-- section and reporting period (int_sca__section_periods) the student's roster covers within the
-- date range: the kept rows of int_sca__student_section_periods_evaluated, which decides which
-- roster makes each record, clips its dates and keeps every other candidate with its reason.
with evaluated_periods as (
    select * from {{ ref('int_sca__student_section_periods_evaluated') }}
),

final as (
    select
        person_id,
        section_id,
        period_term_id,
        is_same_day_roster,
        roster_id,
        course_id,
        calendar_id,
        roster_start_date,
        roster_end_date,
        is_split_section,
        is_first_period,
        is_last_period,
        period_start_date,
        period_end_date,
        period_credit,
        section_potential_credit,
        section_start_date,
        section_end_date,
        course_start_date,
        course_end_date,
        has_regular_roster_in_period,
        period_record_start_date,
        period_record_end_date
    from evaluated_periods
    where is_kept
)

select * from final
