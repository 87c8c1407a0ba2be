-- One row per District Assignment record of a KY district overlapping the reported school year
-- (07/01-06/30): the rows of int_kecs__staff_assignments_evaluated (R7.BR1, R7, R5.BR4: the rules
-- and their reasons are decided there) that have a person and overlap the year, with whether the
-- person is active staff and whether the school is reported. STAFF lists the active staff at
-- reported schools; Issues 1, 2 and 12 read the rest.
with evaluated_assignments as (
    select * from {{ ref('int_kecs__staff_assignments_evaluated') }}
),

final as (
    select
        assignment_id,
        person_id,
        district_id,
        school_id,
        school_number,
        school_name,
        state_classification,
        start_date,
        end_date,
        title,
        employee_type,
        alt_employee_type,
        is_teacher,
        is_special_ed,
        fte,
        is_active_staff,
        is_school_reported,
        epsb_id,
        employment_id,
        is_classification_reported,
        reason_code,
        is_kept
    from evaluated_assignments
    where
        has_person
        and overlaps_staff_year
)

select * from final
