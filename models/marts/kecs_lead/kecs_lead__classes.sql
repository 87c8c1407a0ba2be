-- KECS_LEAD_Classes.csv (R6): one row per reported course section with its student counts.
-- R6.BR1: every record comes from DETAIL (int_kecs__detail, the typed rows of kecs_lead__detail).
-- R6.BR2: sections without students come through as DETAIL's blank-student rows and count 0.
-- R6.BR3: grouped by End Year, District Number, District Name, School Number, School Name, State
-- Classification, Calendar, Schedule Structure Name, Course Number, Course Name, Section Number,
-- Section ID, Course Code, Core Content, Teaching Method, Instructional Setting, Section Special
-- Type, KTSExchange, Responsive, Person ID, Section Start Date, Section End Date (all fixed by the
-- section, so one row per section; the list r6_br3_columns, plus the teacher's names).
-- R6.BR4: sorted by End Year, District Name, School Name, Calendar Name, Schedule Structure Name,
-- Course Number, Section Number (meta export_order_by; Section ID breaks remaining ties).
{%- set r6_br3_columns = [
    'end_year',
    'district_number',
    'district_name',
    'school_number',
    'school_name',
    'state_classification',
    'calendar_name',
    'structure_name',
    'course_number',
    'course_name',
    'section_number',
    'section_id',
    'course_state_code',
    'core_content',
    'teaching_method',
    'instructional_setting',
    'section_special_type',
    'kts_exchange',
    'responsive',
    'teacher_person_id',
    'section_start_date',
    'section_end_date',
    'teacher_first_name',
    'teacher_last_name',
] %}

with detail as (
    select * from {{ ref('int_kecs__detail') }}
),

grouped as (
    select
        {{ r6_br3_columns | join(',\n        ') }},
        {{ kecs_student_counts('student_person_id') }}
    from detail
    group by
        {{ r6_br3_columns | join(',\n        ') }}
),

final as (
    select
        {{ kecs_report_leading_columns('grouped') }}
        grouped.calendar_name,
        grouped.structure_name,
        grouped.course_number,
        grouped.course_name,
        grouped.section_number,
        cast(grouped.section_id as bigint) as section_id,
        grouped.course_state_code as course_code,
        grouped.core_content,
        grouped.teaching_method,
        grouped.instructional_setting,
        grouped.section_special_type,
        grouped.kts_exchange,
        grouped.responsive,
        cast(grouped.teacher_person_id as bigint) as teacher_person_id,
        {{ format_date('grouped.section_start_date') }} as section_start_date,
        {{ format_date('grouped.section_end_date') }} as section_end_date,
        grouped.teacher_first_name,
        grouped.teacher_last_name,
        {{ kecs_student_count_columns('grouped') }}
    from grouped
)

select * from final
