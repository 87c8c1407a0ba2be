-- KECS_LEAD_Caseload.csv (R9): one row per district and case manager with the student counts.
-- R9.BR1: the students counted are DETAIL records with a State ID, a primary disability and a Case
-- Manager Person ID (0 = students with a disability and no active case manager), one enrollment per
-- student and district (int_kecs__caseload_students).
-- R9.BR2: grouped by End Year, District Number, District Name, Case Manager Person ID.
-- R9.BR3: sorted by End Year, District Name, Case Manager Person ID (meta export_order_by).
with caseload_students as (
    select * from {{ ref('int_kecs__caseload_students') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

grouped as (
    select
        end_year,
        district_number,
        district_name,
        case_manager_person_id,
        {{ kecs_student_counts('student_person_id') }}
    from caseload_students
    group by
        end_year,
        district_number,
        district_name,
        case_manager_person_id
),

final as (
    select
        {{ kecs_report_leading_columns('grouped', with_school=false) }}
        cast(grouped.case_manager_person_id as bigint) as case_manager_person_id,
        people.first_name as case_manager_first_name,
        people.last_name as case_manager_last_name,
        {{ kecs_student_count_columns('grouped') }}
    from grouped
    left join people
        on grouped.case_manager_person_id = people.person_id
)

select * from final
