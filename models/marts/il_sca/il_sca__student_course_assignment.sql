-- The K-12 Student Course Assignment V2 file (Illinois): one row per reported student course
-- record, the 29 fields of the state layout in the state's order, as the file's text (dates
-- MM/DD/YYYY, codes with leading zeros, credit X.XX / X.XXX, blank = NULL). The rules live in the
-- int_sca__ models; this model only formats. file_name (not exported) names the district file
-- the row belongs to (il_sca__file_header); the other non-exported columns trace the row back to
-- the SIS.
with assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
    where is_reported
),

students as (
    select * from {{ ref('int_sca__students') }}
),

courses as (
    select * from {{ ref('int_sca__courses_evaluated') }}
),

files as (
    select * from {{ ref('int_sca__district_files') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

final as (
    select
        cast(students.state_id as {{ string_type() }}) as student_id,
        cast(students.student_number as {{ string_type() }}) as sap_id,
        cast(students.reported_last_name as {{ string_type() }}) as legal_last_name,
        cast(students.reported_first_name as {{ string_type() }}) as legal_first_name,
        {{ format_date('students.birthdate') }} as birth_date,
        cast(assignments.home_rcdts as {{ string_type() }}) as home_rcdts,
        cast(assignments.serving_school_rcdts as {{ string_type() }}) as serving_school_rcdts,
        cast(parameters.end_year as {{ string_type() }}) as school_year,
        cast(assignments.reported_term_code as {{ string_type() }}) as term,
        cast(courses.course_state_code as {{ string_type() }}) as state_course_code,
        cast(courses.reported_course_number as {{ string_type() }}) as local_course_id,
        cast(courses.reported_course_name as {{ string_type() }}) as local_course_title,
        {{ format_date('assignments.course_start_date') }} as student_course_start_date,
        cast(assignments.section_number as {{ string_type() }}) as section_number,
        cast(courses.reported_course_level as {{ string_type() }}) as course_level,
        {{ sca_format_credit('assignments.course_credit') }} as course_credit,
        {{ sca_yes_no_code('courses.has_articulated_credit') }} as articulated_credit,
        {{ sca_yes_no_code('courses.is_dual_credit') }} as dual_credit,
        cast(courses.reported_course_setting as {{ string_type() }}) as course_setting,
        cast(null as {{ string_type() }}) as actual_attendance,
        cast(null as {{ string_type() }}) as total_attendance,
        {{ sca_yes_no_code('assignments.is_single_parent') }} as single_parent,
        {{ sca_yes_no_code('assignments.is_displaced_homemaker') }} as displaced_homemaker,
        cast(null as {{ string_type() }}) as course_numeric_grade,
        cast(null as {{ string_type() }}) as maximum_numeric_grade,
        {{ format_date('assignments.course_end_date') }} as course_end_date,
        cast(assignments.final_grade as {{ string_type() }}) as course_final_letter_grade,
        cast(courses.reported_language as {{ string_type() }}) as language_course_was_taught_in,
        {{ sca_yes_no_code('courses.is_competency_based') }} as competency_based_education,
        cast(files.file_name as {{ string_type() }}) as file_name,
        {#- the ids that trace the row back to the SIS (term_id: the record's period term) #}
        {%- for trace_id in [
            'district_id', 'calendar_id', 'person_id', 'enrollment_id', 'sp_dh_enrollment_id', 'roster_id',
            'course_id', 'section_id', 'period_term_id', 'grade_score_id', 'grade_task_id', 'grade_term_id'
        ] %}
            {%- set name = 'term_id' if trace_id == 'period_term_id' else trace_id %}
            cast(assignments.{{ trace_id }} as {{ bigint_type() }}) as {{ name }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from assignments
    inner join students
        on assignments.person_id = students.person_id
    inner join courses
        on assignments.course_id = courses.course_id
    inner join files
        on assignments.district_id = files.district_id
    cross join parameters
)

select * from final
