-- `sis-extracts explain kecs-lead --staff`: what a coordinator recognises of a District Assignment
-- the accounting names (candidate kind 'staff assignment'): school, dates, title, types. One row
-- per raw assignment. The decisions (R7, R7.BR1) are in the accounting.
with assignments as (
    select * from {{ ref('stg_ic__employmentassignment') }}
),

schools as (
    select * from {{ ref('stg_ic__school') }}
),

final as (
    select
        assignments.assignment_id,
        assignments.person_id,
        assignments.school_id,
        schools.school_name,
        assignments.start_date,
        assignments.end_date,
        assignments.title,
        assignments.employee_type,
        assignments.alt_employee_type
    from assignments
    left join schools
        on assignments.school_id = schools.school_id
)

select * from final
