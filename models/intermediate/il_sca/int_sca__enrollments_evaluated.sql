-- SCA Report Logic, student selection: one row per enrollment in a selected calendar, with one
-- flag per rule and the first rule it fails: reason_code (a code of audit__reasons; NULL when the
-- enrollment reports), is_kept (= is_eligible).
-- "Students must have had an active enrollment (includes Primary, Special Education or Partial
-- enrollments) within the selected Start Date and End Date": service type P, N or S, and the
-- enrollment's dates overlap the date range (an open enrollment runs to the range end).
-- "A student must be enrolled in a state grade of the following: 15: Kindergarten, 01: Grade 1
-- ... 12: Grade 12" (seed il_state_grades, is_reported; 14 PK does not report).
-- Student Selection: "Only those students in the selected grade levels report" (var
-- sca_grade_levels, state grade codes; empty = all). "Select an Ad hoc Filter to reduce the
-- students included in the report (optional)": `--students FILE` (var student_ids), checked first
-- (int_enrollments__with_grade.is_selected_student).
-- Students without State IDs: "When marked, the report returned students who do not have state
-- IDs assigned" (unmarked: students without a State ID are left out, Issues 1).
-- An enrollment that ends before it starts is active on no day: left out (Issues 24; the Kentucky
-- extract reads it the same way).
-- Also left out, the document being silent (docs/il_sca.md): no-show enrollments, enrollments
-- marked State Exclude and grade levels marked exclude (the SIS's own state-reporting switches).
-- Home RCDTS / Serving School RCDTS: enrollment.servingSchoolRCDTS, else the calendar school's
-- RCDTS; enrollment.homeSchoolRCDTS, else the serving school's RCDTS (raw contract).
with enrollments as (
    select * from {{ ref('int_enrollments__with_grade') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

students as (
    select * from {{ ref('int_sca__students') }}
),

state_grades as (
    select * from {{ ref('il_state_grades') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

joined as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        calendars.school_id,
        calendars.district_id,
        enrollments.service_type,
        enrollments.start_date,
        enrollments.end_date,
        enrollments.grade_level_name,
        enrollments.state_grade,
        state_grades.grade_rule_band,
        state_grades.credit_band,
        enrollments.is_single_parent,
        enrollments.is_displaced_homemaker,
        enrollments.home_school_rcdts as home_rcdts_override,
        enrollments.serving_school_rcdts as serving_rcdts_override,
        calendars.school_rcdts,
        calendars.district_rcdts,
        coalesce(enrollments.end_date >= enrollments.start_date, true) as has_valid_dates,
        coalesce(
            enrollments.start_date <= parameters.end_date
            and coalesce(enrollments.end_date, parameters.end_date) >= parameters.start_date,
            false
        ) as is_active_in_range,
        coalesce(enrollments.service_type in ('P', 'S', 'N'), false) as is_reported_service_type,
        enrollments.state_grade is not null and state_grades.state_grade is not null as has_state_grade,
        coalesce(state_grades.is_reported, false) as is_reported_state_grade,
        {{ sca_grade_is_selected_sql('enrollments.state_grade') }} as is_selected_grade,
        enrollments.is_selected_student,
        enrollments.is_no_show,
        enrollments.is_state_excluded,
        enrollments.is_grade_level_excluded,
        coalesce(students.has_state_id, false) as has_state_id,
        coalesce(students.is_state_id_valid, false) as is_state_id_valid,
        coalesce(students.is_sap_id_valid, false) as is_sap_id_valid,
        coalesce(students.has_name_and_birth_date, false) as has_name_and_birth_date,
        parameters.includes_students_without_state_id,
        enrollments.home_school_rcdts is null
        or {{ sca_is_digits('enrollments.home_school_rcdts', 15) }} as is_home_override_valid,
        enrollments.serving_school_rcdts is null
        or {{ sca_is_digits('enrollments.serving_school_rcdts', 15) }} as is_serving_override_valid
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join students
        on enrollments.person_id = students.person_id
    left join state_grades
        on enrollments.state_grade = state_grades.state_grade
    cross join parameters
),

evaluated as (
    select
        *,
        coalesce(serving_rcdts_override, school_rcdts) as serving_school_rcdts,
        coalesce(home_rcdts_override, serving_rcdts_override, school_rcdts) as home_rcdts,
        case
            when not is_selected_student then 'sca_student_not_selected'
            when not has_valid_dates then 'sca_enrollment_ends_before_start'
            when not is_active_in_range then 'sca_not_active_in_range'
            when not is_reported_service_type then 'sca_service_type_not_reported'
            when is_no_show then 'sca_no_show'
            when is_state_excluded then 'sca_enrollment_state_excluded'
            when is_grade_level_excluded then 'sca_grade_level_excluded'
            when not has_state_grade then 'sca_state_grade_missing'
            when not is_reported_state_grade then 'sca_state_grade_not_reported'
            when not is_selected_grade then 'sca_grade_not_selected'
            when not has_state_id and not includes_students_without_state_id then 'sca_no_state_id'
            when has_state_id and not is_state_id_valid then 'sca_invalid_student_id'
            when not is_sap_id_valid then 'sca_invalid_student_id'
            when not has_name_and_birth_date then 'sca_missing_name_or_birth_date'
            when not is_home_override_valid or not is_serving_override_valid then 'sca_rcdts_override_invalid'
            when district_rcdts is null or coalesce(serving_rcdts_override, school_rcdts) is null
                then 'sca_school_rcdts_incomplete'
        end as reason_code
    from joined
),

final as (
    select
        enrollment_id,
        person_id,
        calendar_id,
        school_id,
        district_id,
        service_type,
        start_date,
        end_date,
        grade_level_name,
        state_grade,
        grade_rule_band,
        credit_band,
        is_single_parent,
        is_displaced_homemaker,
        home_rcdts_override,
        serving_rcdts_override,
        home_rcdts,
        serving_school_rcdts,
        has_valid_dates,
        is_active_in_range,
        is_reported_service_type,
        has_state_grade,
        is_reported_state_grade,
        is_selected_grade,
        is_no_show,
        is_state_excluded,
        is_grade_level_excluded,
        has_state_id,
        is_state_id_valid,
        is_sap_id_valid,
        has_name_and_birth_date,
        is_home_override_valid,
        is_serving_override_valid,
        reason_code,
        -- the code without its 'sca_' prefix (read by int_sca__issues and explain)
        substr(reason_code, 5) as exclusion_reason,
        reason_code is null as is_eligible,
        reason_code is null as is_kept
    from evaluated
)

select * from final
