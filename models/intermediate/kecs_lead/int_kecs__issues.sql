-- R10 Issues (typed): one row per problem record of the data the other reports use, numbered as in
-- seed kecs_issue_catalog. Each family model finds one group of issue numbers that read the same
-- inputs (teachers 1-3, 5; staff 4, 12; students 6, 9, 17; sections 7, 8, 18; rosters 10, 13;
-- enrollments 11, 19, 20; calendars 14-16; references 21); the mart kecs_lead__issues formats
-- these rows in the Issues shape (R10, R4.BR1).
with teachers as (
    select * from {{ ref('int_kecs__issues_teachers') }}
),

staff as (
    select * from {{ ref('int_kecs__issues_staff') }}
),

students as (
    select * from {{ ref('int_kecs__issues_students') }}
),

sections as (
    select * from {{ ref('int_kecs__issues_sections') }}
),

rosters as (
    select * from {{ ref('int_kecs__issues_rosters') }}
),

enrollments as (
    select * from {{ ref('int_kecs__issues_enrollments') }}
),

calendars as (
    select * from {{ ref('int_kecs__issues_calendars') }}
),

missing_references as (
    select * from {{ ref('int_kecs__issues_references') }}
),

unioned as (
    select * from teachers
    union all
    select * from staff
    union all
    select * from students
    union all
    select * from sections
    union all
    select * from rosters
    union all
    select * from enrollments
    union all
    select * from calendars
    union all
    select * from missing_references
),

final as (
    select
        issue_number,
        {%- for column, column_type in kecs_issue_id_columns() %}
            {{ column }},
        {%- endfor %}
        detail
    from unioned
)

select * from final
