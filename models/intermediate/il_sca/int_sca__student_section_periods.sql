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
        {{ sca_student_section_period_columns() }}
    from evaluated_periods
    where is_kept
)

select * from final
