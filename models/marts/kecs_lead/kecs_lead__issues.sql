-- KECS_LEAD_Issues.csv (R10): the problems in the data used by the other reports, one row per
-- problem record. The catalog (number, severity, name, message, reports affected, rules, fix) is
-- the seed kecs_issue_catalog; each issue_N CTE below finds the records and says what is wrong in
-- `detail`. Issue 1 and 2 are Infinite Campus's (spec README); 3..21 are this project's: one per
-- data problem that changes or drops a row of another report. Sorted by Issue Number, then School
-- Name, Last Name, First Name (Issue 1's published sort) (meta export_order_by).
{%- set id_columns = [
    ('district_number', kecs_string_type()),
    ('district_name', kecs_string_type()),
    ('school_number', kecs_string_type()),
    ('school_name', kecs_string_type()),
    ('person_id', 'bigint'),
    ('first_name', kecs_string_type()),
    ('last_name', kecs_string_type()),
    ('section_id', 'bigint'),
    ('course_number', kecs_string_type()),
    ('section_number', kecs_string_type()),
    ('enrollment_id', 'bigint'),
] %}
{%- set school_cols = ['district_number', 'district_name', 'school_number', 'school_name'] %}
{%- set person_cols = ['person_id', 'first_name', 'last_name'] %}
{%- set section_cols = ['section_id', 'course_number', 'section_number'] %}
{%- set issues = [
    ('issue_1', school_cols + person_cols),
    ('issue_2', school_cols + person_cols),
    ('issue_3', school_cols + section_cols),
    ('issue_4', ['district_number', 'district_name'] + person_cols),
    ('issue_5', school_cols + person_cols),
    ('issue_6', school_cols + person_cols + ['enrollment_id']),
    ('issue_7', school_cols + section_cols),
    ('issue_8', school_cols + section_cols),
    ('issue_9', school_cols + person_cols + ['enrollment_id']),
    ('issue_10', school_cols + person_cols + ['enrollment_id']),
    ('issue_11', school_cols + person_cols + ['enrollment_id']),
    ('issue_12', ['district_number', 'district_name'] + person_cols),
    ('issue_13', school_cols + person_cols + section_cols),
    ('issue_14', school_cols),
    ('issue_15', school_cols),
    ('issue_16', school_cols),
    ('issue_17', school_cols + person_cols),
    ('issue_18', school_cols + section_cols + ['person_id']),
    ('issue_19', school_cols + person_cols + ['enrollment_id']),
    ('issue_20', school_cols + person_cols + ['enrollment_id']),
    ('issue_21', school_cols + ['person_id', 'section_id', 'enrollment_id']),
] %}

with catalog as (
    select * from {{ ref('kecs_issue_catalog') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

detail as (
    select * from {{ ref('int_kecs__detail') }}
),

sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

teachers as (
    select * from {{ ref('int_kecs__section_teachers_of_record') }}
),

student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
),

enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

staff_assignments as (
    select * from {{ ref('int_kecs__staff_assignments') }}
),

staff_employment as (
    select * from {{ ref('int_kecs__staff_employment') }}
),

people as (
    select * from {{ ref('int_people__current_identity') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

missing_references as (
    select * from {{ ref('int_raw__missing_references') }}
),

staff_year as (
    select
        {{ kecs_format_date('staff_year_start_date') }} || '-'
        || {{ kecs_format_date('staff_year_end_date') }} as staff_year_text
    from reporting_window
),

teachers_of_record as (
    select distinct
        district_id,
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        teacher_person_id as person_id,
        teacher_first_name as first_name,
        teacher_last_name as last_name
    from detail
    where teacher_person_id is not null
),

detail_students as (
    select distinct
        district_number,
        district_name,
        school_id,
        school_number,
        school_name,
        student_person_id as person_id,
        student_first_name as first_name,
        student_last_name as last_name,
        student_state_id,
        gender,
        race_ethnicity_fed,
        enrollment_id,
        primary_disability,
        case_manager_person_id
    from detail
    where student_person_id is not null
),

-- Warning 1: teacher of record with no district assignment at this school overlapping the year.
issue_1 as (
    select
        1 as issue_number,
        teachers_of_record.*,
        'No District Assignment at school ' || teachers_of_record.school_number || ' overlapping '
        || staff_year.staff_year_text as detail
    from teachers_of_record
    cross join staff_year
    where not exists (
        select 1
        from staff_assignments
        where
            staff_assignments.person_id = teachers_of_record.person_id
            and staff_assignments.school_id = teachers_of_record.school_id
    )
),

-- Warning 2: teacher of record whose assignment at this school has no employee type.
issue_2 as (
    select distinct
        2 as issue_number,
        teachers_of_record.*,
        'District Assignment ID ' || {{ kecs_text('staff_assignments.assignment_id') }}
        || coalesce(' (' || staff_assignments.title || ')', '') || ' has no Type' as detail
    from teachers_of_record
    inner join staff_assignments
        on
            teachers_of_record.person_id = staff_assignments.person_id
            and teachers_of_record.school_id = staff_assignments.school_id
    where staff_assignments.employee_type is null
),

-- Error 3: reported section with no teacher of record.
issue_3 as (
    select distinct
        3 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        section_id,
        course_number,
        section_number,
        'No primary teacher (staff type P) in force on ' || {{ kecs_format_date('section_last_day') }}
        || ' and no teacher on the section record' as detail
    from detail
    where teacher_person_id is null
),

-- Error 4: active staff on STAFF whose chosen employment record has no EPSB ID.
issue_4 as (
    select distinct
        4 as issue_number,
        districts.district_number,
        districts.district_name,
        staff_assignments.person_id,
        people.first_name,
        people.last_name,
        'District Employment ID ' || {{ kecs_text('staff_assignments.employment_id') }}
        || ' has no License Number (EPSB ID)' as detail
    from staff_assignments
    inner join districts
        on staff_assignments.district_id = districts.district_id
    left join people
        on staff_assignments.person_id = people.person_id
    where
        staff_assignments.is_active_staff
        and staff_assignments.is_school_reported
        and staff_assignments.epsb_id is null
),

-- Error 5: teacher of record with no district employment overlapping the year.
issue_5 as (
    select
        5 as issue_number,
        teachers_of_record.*,
        'No District Employment in district ' || teachers_of_record.district_number || ' overlapping '
        || staff_year.staff_year_text as detail
    from teachers_of_record
    cross join staff_year
    where not exists (
        select 1
        from staff_employment
        where
            staff_employment.person_id = teachers_of_record.person_id
            and staff_employment.district_id = teachers_of_record.district_id
    )
),

-- Warning 6: DETAIL student without a State ID (not counted on Schoolwide/Caseload).
issue_6 as (
    select
        6 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        person_id,
        first_name,
        last_name,
        enrollment_id,
        'State ID is blank' as detail
    from detail_students
    where student_state_id is null
),

-- Error 7: section dropped because a scheduled term has no start or end date.
issue_7 as (
    select
        7 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        section_id,
        course_number,
        section_number,
        'A term the section is placed in has no start or end date (calendar ' || calendar_name || ')' as detail
    from sections
    where
        is_course_active
        and is_active_trial
        and has_placement
        and not has_term_dates
        and not is_cross_site_excluded
),

-- Error 8: section dropped because it has no placement in the active trial.
issue_8 as (
    select
        8 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        section_id,
        course_number,
        section_number,
        'No section placement in trial ' || coalesce({{ kecs_text('trial_id') }}, '(none)')
        || ' (calendar ' || calendar_name || ')' as detail
    from sections
    where
        is_course_active
        and is_active_trial
        and not has_placement
        and not is_cross_site_excluded
),

-- Warning 9: student with a disability and no active case manager (Case Manager Person ID 0).
issue_9 as (
    select
        9 as issue_number,
        detail_students.district_number,
        detail_students.district_name,
        detail_students.school_number,
        detail_students.school_name,
        detail_students.person_id,
        detail_students.first_name,
        detail_students.last_name,
        detail_students.enrollment_id,
        'Primary disability ' || detail_students.primary_disability || '; no Case Manager (specialEd) in force '
        || {{ kecs_format_date('reporting_window.window_start_date') }} || '-'
        || {{ kecs_format_date('reporting_window.window_end_date') }} as detail
    from detail_students
    cross join reporting_window
    where detail_students.case_manager_person_id = 0
),

-- Warning 10: more than one active enrollment on a section's last day (R5.BR9 chose one).
issue_10 as (
    select distinct
        10 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        student_sections.person_id,
        people.first_name,
        people.last_name,
        student_sections.enrollment_id,
        'Active enrollments ' || student_sections.candidate_enrollment_ids || ' in calendar '
        || calendars.calendar_name || '; reported enrollment '
        || {{ kecs_text('student_sections.enrollment_id') }} as detail
    from student_sections
    inner join calendars
        on student_sections.calendar_id = calendars.calendar_id
    left join people
        on student_sections.person_id = people.person_id
    where student_sections.active_enrollment_count > 1
),

-- Warning 11: enrollment whose grade level is not a grade level of its calendar (Grade Other).
issue_11 as (
    select
        11 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        enrollments.person_id,
        people.first_name,
        people.last_name,
        enrollments.enrollment_id,
        'Grade ''' || coalesce(enrollments.grade_level_name, '(blank)')
        || ''' is not a grade level of calendar ' || calendars.calendar_name
        || '; counted under Grade Other' as detail
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join people
        on enrollments.person_id = people.person_id
    where
        not enrollments.is_no_show
        and enrollments.overlaps_window
        and not enrollments.has_state_grade
),

-- Warning 12: active staff assignment with no school.
issue_12 as (
    select
        12 as issue_number,
        districts.district_number,
        districts.district_name,
        staff_assignments.person_id,
        people.first_name,
        people.last_name,
        'District Assignment ID ' || {{ kecs_text('staff_assignments.assignment_id') }}
        || coalesce(' (' || staff_assignments.title || ')', '') || ' has no school' as detail
    from staff_assignments
    inner join districts
        on staff_assignments.district_id = districts.district_id
    left join people
        on staff_assignments.person_id = people.person_id
    where
        staff_assignments.is_active_staff
        and staff_assignments.school_id is null
),

-- Warning 13: rostered on the section's last day without an active enrollment in its calendar.
issue_13 as (
    select
        13 as issue_number,
        sections.district_number,
        sections.district_name,
        sections.school_number,
        sections.school_name,
        student_sections.person_id,
        people.first_name,
        people.last_name,
        sections.section_id,
        sections.course_number,
        sections.section_number,
        'Roster ID ' || {{ kecs_text('student_sections.roster_id') }} || ' in force on '
        || {{ kecs_format_date('student_sections.section_last_day') }}
        || '; no active enrollment in calendar ' || sections.calendar_name || ' on that day' as detail
    from student_sections
    inner join sections
        on student_sections.section_id = sections.section_id
    left join people
        on student_sections.person_id = people.person_id
    where not student_sections.has_active_enrollment
),

-- Warning 14: school with calendars in the end year whose State Classification is not reported.
issue_14 as (
    select distinct
        14 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        'State Classification ' || coalesce('''' || state_classification || '''', '(blank)')
        || ' is not reported' as detail
    from calendars
    where
        is_reported_end_year
        and not is_classification_reported
),

listed_calendar_ids as (
    {%- set listed_ids = kecs_calendar_ids() %}
    {%- if listed_ids | length == 0 %}
        select cast(null as bigint) as calendar_id
        where 1 = 0
    {%- else %}
        {%- for calendar_id in listed_ids %}
            select cast({{ calendar_id }} as bigint) as calendar_id
            {% if not loop.last %}union all{% endif %}
        {%- endfor %}
    {%- endif %}
),

-- Error 15: calendar selected in kecs_calendar_ids but not reported.
issue_15 as (
    select
        15 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        'Calendar ID ' || {{ kecs_text('listed_calendar_ids.calendar_id') }} || ' '
        || coalesce(
            '(' || calendars.calendar_name || '): ' || calendars.not_in_scope_reason,
            'is not a calendar of a KY district'
        ) as detail
    from listed_calendar_ids
    left join calendars
        on listed_calendar_ids.calendar_id = calendars.calendar_id
    where calendars.is_in_scope is null or not calendars.is_in_scope
),

-- Error 16: district or school number that is not (at most) 3 digits.
issue_16 as (
    select distinct
        16 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        'District number ''' || coalesce(district_number, '') || ''', school number '''
        || coalesce(school_number, '') || '''' as detail
    from calendars
    where
        is_in_scope
        and (
            district_number is null
            or school_number is null
            or length(district_number) > 3
            or length(school_number) > 3
            or translate(district_number, '0123456789', '') <> ''
            or translate(school_number, '0123456789', '') <> ''
        )
),

-- Warning 17: DETAIL student without gender or federal race/ethnicity.
issue_17 as (
    select distinct
        17 as issue_number,
        district_number,
        district_name,
        school_number,
        school_name,
        person_id,
        first_name,
        last_name,
        case
            when gender is null and race_ethnicity_fed is null then 'Gender and race/ethnicity are blank'
            when gender is null then 'Gender is blank'
            when race_ethnicity_fed is null then 'Race/ethnicity is blank'
            else 'Race/ethnicity ''' || race_ethnicity_fed || ''' is not a federal code 1-7'
        end as detail
    from detail_students
    where
        gender is null
        or race_ethnicity_fed is null
        or race_ethnicity_fed not in ('1', '2', '3', '4', '5', '6', '7')
),

-- Warning 18: reported section with several primary teachers in force on its last day.
issue_18 as (
    select
        18 as issue_number,
        sections.district_number,
        sections.district_name,
        sections.school_number,
        sections.school_name,
        sections.section_id,
        sections.course_number,
        sections.section_number,
        teachers.teacher_person_id as person_id,
        {{ kecs_text('teachers.primary_teacher_count') }} || ' primary teachers in force on '
        || {{ kecs_format_date('teachers.section_last_day') }} || '; reported Person ID '
        || {{ kecs_text('teachers.teacher_person_id') }} as detail
    from teachers
    inner join sections
        on teachers.section_id = sections.section_id
    where
        sections.is_reported
        and teachers.primary_teacher_count > 1
),

-- Warning 19: eligible P enrollments of one student at two schools whose dates overlap. Each pair
-- is listed once, with the enrollment that started later (equal or unknown start dates: the
-- higher enrollmentID).
issue_19 as (
    select
        19 as issue_number,
        later_calendar.district_number,
        later_calendar.district_name,
        later_calendar.school_number,
        later_calendar.school_name,
        later_enrollment.person_id,
        people.first_name,
        people.last_name,
        later_enrollment.enrollment_id,
        'P enrollment ' || {{ kecs_text('later_enrollment.enrollment_id') }} || ' at school '
        || later_calendar.school_number || ' overlaps P enrollment '
        || {{ kecs_text('earlier_enrollment.enrollment_id') }} || ' at school '
        || earlier_calendar.school_number as detail
    from enrollments as later_enrollment
    inner join enrollments as earlier_enrollment
        on
            later_enrollment.person_id = earlier_enrollment.person_id
            and later_enrollment.school_id <> earlier_enrollment.school_id
            and (
                coalesce(later_enrollment.start_date > earlier_enrollment.start_date, false)
                or (
                    not coalesce(later_enrollment.start_date < earlier_enrollment.start_date, false)
                    and later_enrollment.enrollment_id > earlier_enrollment.enrollment_id
                )
            )
            and coalesce(later_enrollment.start_date <= earlier_enrollment.end_date, true)
            and coalesce(later_enrollment.end_date >= earlier_enrollment.start_date, true)
    inner join calendars as later_calendar
        on later_enrollment.calendar_id = later_calendar.calendar_id
    inner join calendars as earlier_calendar
        on earlier_enrollment.calendar_id = earlier_calendar.calendar_id
    left join people
        on later_enrollment.person_id = people.person_id
    where
        later_enrollment.is_eligible
        and earlier_enrollment.is_eligible
        and later_enrollment.service_type = 'P'
        and earlier_enrollment.service_type = 'P'
),

-- Warning 20: enrollment that ends before it starts (active on no day, so on no report).
issue_20 as (
    select
        20 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        enrollments.person_id,
        people.first_name,
        people.last_name,
        enrollments.enrollment_id,
        'Enrollment ' || {{ kecs_text('enrollments.enrollment_id') }} || ' starts '
        || {{ kecs_format_date('enrollments.start_date') }} || ' and ends '
        || {{ kecs_format_date('enrollments.end_date') }} || ' (calendar ' || calendars.calendar_name || ')' as detail
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
    left join people
        on enrollments.person_id = people.person_id
    where
        not enrollments.is_no_show
        and not enrollments.has_valid_dates
),

-- Error 21: raw row pointing to a section, person, term, calendar or course the export does not
-- hold (rows of the reported calendars, and rows whose state cannot be traced).
issue_21 as (
    select
        21 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        missing_references.person_id,
        missing_references.section_id,
        missing_references.enrollment_id,
        missing_references.table_name || '.csv ' || missing_references.key_column || ' '
        || {{ kecs_text('missing_references.key_value') }} || ': ' || missing_references.missing_column || ' '
        || coalesce({{ kecs_text('missing_references.missing_value') }}, '(blank)') || ' is not in '
        || missing_references.missing_table || '.csv' as detail
    from missing_references
    left join calendars
        on
            missing_references.calendar_id = calendars.calendar_id
            and calendars.is_in_scope
    where
        missing_references.table_name <> 'gradingscore'
        and (missing_references.state_code is null or calendars.calendar_id is not null)
),

unioned as (
    {%- for cte, columns in issues %}
        select
            issue_number,
            {%- for column, column_type in id_columns %}
                {% if column in columns -%}
                    {{ column }}
                {%- else -%}
                    cast(null as {{ column_type }})
                {%- endif %} as {{ column }},
            {%- endfor %}
            detail
        from {{ cte }}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}
),

final as (
    select
        {{ kecs_date_time_generated() }} as date_time_generated,
        cast(reporting_window.end_year as integer) as end_year,
        cast(unioned.issue_number as integer) as issue_number,
        catalog.severity,
        catalog.issue_name,
        catalog.message,
        catalog.affects_report,
        catalog.rule_ids,
        {{ kecs_three_digits('unioned.district_number') }} as district_number,
        unioned.district_name,
        {{ kecs_three_digits('unioned.school_number') }} as school_number,
        unioned.school_name,
        cast(unioned.person_id as bigint) as person_id,
        unioned.first_name,
        unioned.last_name,
        cast(unioned.section_id as bigint) as section_id,
        unioned.course_number,
        unioned.section_number,
        cast(unioned.enrollment_id as bigint) as enrollment_id,
        unioned.detail
    from unioned
    cross join reporting_window
    inner join catalog
        on unioned.issue_number = catalog.issue_number
)

select * from final
