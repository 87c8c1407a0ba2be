-- One row per student and district counted on CASELOAD (R9), with the one enrollment that
-- represents the student in the district and the student's Case Manager Person ID: the kept rows
-- of int_kecs__caseload_students_evaluated, where R9.BR1 is decided (DETAIL records with a State
-- ID and a Primary Disability; one enrollment per student and district: service type P, else S,
-- else N, then the enrollment that finishes the year).
with evaluated as (
    select * from {{ ref('int_kecs__caseload_students_evaluated') }}
    where is_kept
),

final as (
    select
        end_year,
        district_id,
        district_number,
        district_name,
        case_manager_person_id,
        school_id,
        {{ kecs_counted_student_columns() | join(',\n        ') }},
        district_enrollment_count
    from evaluated
)

select * from final
