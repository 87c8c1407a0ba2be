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
        {{ (kecs_school_columns() + kecs_counted_student_columns() + ['school_enrollment_count'])
            | join(',\n        ') }}
    from evaluated
)

select * from final
