-- One row per enrollment with its calendar context, the state grade of its grade level
-- (enrollment.grade = gradelevel.name within the enrollment's calendar) and the last day of
-- instruction of its own calendar and schedule structure (int_structures__instruction_days; an
-- enrollment without a structure, or whose structure has no day rows, takes its calendar's).
-- Student Selection (`--students FILE`): is_selected_student is true for every enrollment when no
-- selection is given, else only for the selected students' (int_people__student_selection); the
-- deciding models of both extracts set the others aside first.
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

grade_levels as (
    select * from {{ ref('stg_ic__gradelevel') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

structure_last_days as (
    select
        structure_id,
        max(instruction_date) as last_instruction_date
    from {{ ref('int_structures__instruction_days') }}
    group by structure_id
),

selected_students as (
    select distinct person_id
    from {{ ref('int_people__student_selection') }}
    where person_id is not null
),

final as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        enrollments.structure_id,
        enrollments.grade_level_name,
        grade_levels.state_grade,
        coalesce(grade_levels.is_excluded, false) as is_grade_level_excluded,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.end_date,
        enrollments.end_status,
        coalesce(enrollments.is_no_show, false) as is_no_show,
        coalesce(enrollments.is_state_excluded, false) as is_state_excluded,
        enrollments.primary_disability,
        enrollments.special_ed_status,
        coalesce(enrollments.is_single_parent, false) as is_single_parent,
        coalesce(enrollments.is_displaced_homemaker, false) as is_displaced_homemaker,
        enrollments.home_school_rcdts,
        enrollments.serving_school_rcdts,
        calendars.end_year,
        calendars.school_id,
        calendars.district_id,
        calendars.state_code,
        calendars.is_summer_school,
        coalesce(structure_last_days.last_instruction_date, calendars.last_instruction_date) as last_instruction_date,
        not {{ student_selection_is_on() }} or selected_students.person_id is not null as is_selected_student
    from enrollments
    left join grade_levels
        on
            enrollments.calendar_id = grade_levels.calendar_id
            and enrollments.grade_level_name = grade_levels.grade_level_name
    left join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join structure_last_days
        on enrollments.structure_id = structure_last_days.structure_id
    left join selected_students
        on enrollments.person_id = selected_students.person_id
)

select * from final
