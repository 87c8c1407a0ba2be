-- KECS_LEAD_Schoolwide.csv (R8): one row per school on DETAIL with its student counts.
-- R8.BR1: the students counted are DETAIL records with a State ID, one enrollment per student and
-- school (int_kecs__schoolwide_students).
-- R8.BR2: grouped by End Year, District Number, District Name, School Number, School Name, State
-- Classification.
-- R8.BR3: sorted by End Year, District Name, School Name (meta export_order_by).
-- Reading: a school on DETAIL whose sections have no counted student still gets a row (counts 0),
-- so the coordinator sees it; Sections and Teachers of Record count all its DETAIL sections.
with detail as (
    select * from {{ ref('int_kecs__detail') }}
),

schoolwide_students as (
    select * from {{ ref('int_kecs__schoolwide_students') }}
),

schools as (
    select
        {{ kecs_school_columns() | join(',\n        ') }},
        count(distinct section_id) as section_count,
        count(distinct teacher_person_id) as teacher_count
    from detail
    group by
        {{ kecs_school_columns() | join(',\n        ') }}
),

student_counts as (
    select
        school_id,
        {{ kecs_student_counts('student_person_id') }}
    from schoolwide_students
    group by school_id
),

final as (
    select
        {{ kecs_report_leading_columns('schools') }}
        cast(schools.section_count as integer) as section_count,
        cast(schools.teacher_count as integer) as teacher_count,
        {%- for spec in kecs_student_count_specs() %}
            cast(coalesce(student_counts.{{ spec.name }}, 0) as integer) as {{ spec.name }},
        {%- endfor %}
        cast(schools.school_id as bigint) as school_id
    from schools
    left join student_counts
        on schools.school_id = student_counts.school_id
)

select * from final
