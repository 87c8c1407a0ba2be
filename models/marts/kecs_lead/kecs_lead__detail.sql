-- KECS_LEAD_Detail.csv (R5): the detail list the other reports pull from. One row per student and
-- reported section, plus one row with blank student columns per reported section without a
-- reported student (R6.BR2). Typed rows and every rule: int_kecs__detail; this model only formats
-- (dates MM/DD/YYYY, District/School Number 3 digits, flags Y/N).
with detail as (
    select * from {{ ref('int_kecs__detail') }}
),

final as (
    select
        {{ kecs_date_time_generated() }} as date_time_generated,
        cast(end_year as integer) as end_year,
        cast(section_id as bigint) as section_id,
        {{ kecs_three_digits('district_number') }} as district_number,
        district_name,
        {{ kecs_three_digits('school_number') }} as school_number,
        school_name,
        state_classification,
        calendar_name,
        structure_name,
        course_number,
        course_name,
        section_number,
        course_state_code as course_code,
        core_content,
        teaching_method,
        instructional_setting,
        section_special_type,
        kts_exchange,
        responsive,
        cast(teacher_person_id as bigint) as teacher_person_id,
        teacher_first_name,
        teacher_last_name,
        teacher_source,
        {{ format_date('section_start_date') }} as section_start_date,
        {{ format_date('section_end_date') }} as section_end_date,
        cast(student_person_id as bigint) as student_person_id,
        student_state_id as state_id,
        student_number,
        student_last_name as last_name,
        student_first_name as first_name,
        cast(enrollment_id as bigint) as enrollment_id,
        service_type,
        {{ format_date('enrollment_start_date') }} as enrollment_start_date,
        {{ format_date('enrollment_end_date') }} as enrollment_end_date,
        state_grade as grade,
        gender,
        race_ethnicity_fed as race_ethnicity,
        primary_disability,
        case
            when student_person_id is not null then {{ kecs_yes_no('is_english_learner') }}
        end as english_learner,
        cast(case_manager_person_id as bigint) as case_manager_person_id,
        cast(calendar_id as bigint) as calendar_id,
        cast(course_id as bigint) as course_id,
        {{ format_date('section_last_day') }} as section_last_day,
        {{ kecs_yes_no('is_calendar_excluded') }} as calendar_exclude,
        {{ kecs_yes_no('is_grade_level_excluded') }} as grade_level_exclude,
        {{ kecs_yes_no('is_state_excluded') }} as enrollment_exclude
    from detail
)

select * from final
