-- One row per student and school counted on SCHOOLWIDE (R8), with the one enrollment that
-- represents the student in that school: the kept rows of int_kecs__schoolwide_students_evaluated,
-- where R8.BR1 is decided (DETAIL records with a State ID; one enrollment per student and school:
-- service type P, else S, else N, then the enrollment that finishes the year).
with evaluated as (
    select * from {{ ref('int_kecs__schoolwide_students_evaluated') }}
    where is_kept
),

final as (
    select
        end_year,
        district_id,
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        state_classification,
        student_person_id,
        student_state_id,
        gender,
        race_ethnicity_fed,
        is_english_learner,
        enrollment_id,
        service_type,
        enrollment_start_date,
        enrollment_end_date,
        state_grade,
        primary_disability,
        school_enrollment_count
    from evaluated
)

select * from final
