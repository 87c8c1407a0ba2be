-- R10 Issues (typed): one row per problem record of the data the other reports use, numbered as in
-- seed kecs_issue_catalog. Each family model finds one group of issue numbers that read the same
-- inputs (teachers 1-3, 5; staff 4, 12; students 6, 9, 17; sections 7, 8, 18; rosters 10, 13;
-- enrollments 11, 19, 20; calendars 14-16; references 21); the mart kecs_lead__issues formats
-- these rows in the Issues shape (R10, R4.BR1).
{%- set families = ['teachers', 'staff', 'students', 'sections', 'rosters', 'enrollments', 'calendars', 'references'] %}

with unioned as (
    {%- for family in families %}
        select * from {{ ref('int_kecs__issues_' ~ family) }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
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
