{#- Rule fragments the KECS LEAD models share, written once.

    kecs_student_count_specs / kecs_student_counts
        The student count columns of the aggregate reports (Classes R6, Schoolwide R8, Caseload R9):
        Total Students, then by state grade, gender, federal race/ethnicity (7 codes), with a
        disability, English learner. Each split has an "other/unknown" column so the columns of a
        split add up to Total Students (checked by data tests). The input rows must hold one row
        per student of the group (Detail: one per student and section; Schoolwide/Caseload: after
        the R8.BR1/R9.BR1 enrollment choice); rows whose student column is NULL (empty sections,
        R6.BR2) count nowhere.

    kecs_aggregate_enrollment_order
        R8.BR1 / R9.BR1: which enrollment represents a student with several Detail enrollments in
        one school (R8) or district (R9): service type P, then S, then N (then any other); within
        the same service type the enrollment whose end date is NULL or is the last day of
        instruction of its own calendar and schedule structure (an end date after it, such as the
        calendar's last day, finishes the year too); beyond the document (deterministic): most recent start date, highest
        enrollmentID.
-#}

{% macro kecs_student_count_specs() %}
    {%- set specs = [{'name': 'total_students', 'header': 'Total Students', 'condition': 'true'}] -%}
    {%- for grade in ['P', 'K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14'] -%}
        {%- do specs.append({'name': 'grade_' ~ grade | lower, 'header': 'Grade ' ~ grade, 'condition': "state_grade = '" ~ grade ~ "'"}) -%}
    {%- endfor -%}
    {%- do specs.append({'name': 'grade_other', 'header': 'Grade Other', 'condition': "state_grade is null or state_grade not in ('P', 'K', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14')"}) -%}
    {%- do specs.append({'name': 'gender_male', 'header': 'Male', 'condition': "gender = 'M'"}) -%}
    {%- do specs.append({'name': 'gender_female', 'header': 'Female', 'condition': "gender = 'F'"}) -%}
    {%- do specs.append({'name': 'gender_other_or_unknown', 'header': 'Gender Other or Unknown', 'condition': "gender is null or gender not in ('M', 'F')"}) -%}
    {%- set races = [
        ('race_hispanic', 'Hispanic or Latino', '1'),
        ('race_american_indian', 'American Indian or Alaska Native', '2'),
        ('race_asian', 'Asian', '3'),
        ('race_black', 'Black or African American', '4'),
        ('race_pacific_islander', 'Native Hawaiian or Other Pacific Islander', '5'),
        ('race_white', 'White', '6'),
        ('race_two_or_more', 'Two or More Races', '7'),
    ] -%}
    {%- for name, header, code in races -%}
        {%- do specs.append({'name': name, 'header': header, 'condition': "race_ethnicity_fed = '" ~ code ~ "'"}) -%}
    {%- endfor -%}
    {%- do specs.append({'name': 'race_unknown', 'header': 'Race/Ethnicity Unknown', 'condition': "race_ethnicity_fed is null or race_ethnicity_fed not in ('1', '2', '3', '4', '5', '6', '7')"}) -%}
    {%- do specs.append({'name': 'students_with_disability', 'header': 'Students with Disability', 'condition': 'primary_disability is not null'}) -%}
    {%- do specs.append({'name': 'english_learners', 'header': 'English Learners', 'condition': 'is_english_learner'}) -%}
    {{ return(specs) }}
{% endmacro %}

{#- The count expressions, one per spec, for a `group by` over rows with one row per student. -#}
{% macro kecs_student_counts(student_col='student_person_id') -%}
    {%- for spec in kecs_student_count_specs() %}
        cast(sum(case when {{ student_col }} is not null and ({{ spec.condition }}) then 1 else 0 end) as integer)
        as {{ spec.name }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- The count columns as they pass through a select (`alias.col,` list). -#}
{% macro kecs_student_count_columns(relation_alias) -%}
    {%- for spec in kecs_student_count_specs() %}
        {{ relation_alias }}.{{ spec.name }}{{ ',' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- R8.BR1 / R9.BR1 enrollment preference, as an `order by` list for row_number(). -#}
{% macro kecs_aggregate_enrollment_order() -%}
    case service_type
        when 'P' then 1
        when 'S' then 2
        when 'N' then 3
        else 4
    end,
    case
        when enrollment_end_date is null or enrollment_end_date >= enrollment_last_instruction_date then 0
        else 1
    end,
    enrollment_start_date desc,
    enrollment_id desc
{%- endmacro %}

{#- The columns that name a school on the KECS reports (Detail's school and its district), in the
    order Schoolwide (R8.BR2) groups by them. Used by int_kecs__schoolwide_students and
    kecs_lead__schoolwide. -#}
{% macro kecs_school_columns() -%}
    {{ return(['end_year', 'district_id', 'district_number', 'district_name', 'school_id', 'school_number', 'school_name', 'state_classification']) }}
{%- endmacro %}

{#- The student and enrollment columns a Schoolwide (R8) or Caseload (R9) count carries for each
    counted student: the evaluated models and their kept rows list them from here. -#}
{% macro kecs_counted_student_columns() -%}
    {{ return([
        'student_person_id',
        'student_state_id',
        'gender',
        'race_ethnicity_fed',
        'is_english_learner',
        'enrollment_id',
        'service_type',
        'enrollment_start_date',
        'enrollment_end_date',
        'state_grade',
        'primary_disability',
    ]) }}
{%- endmacro %}

{#- R8.BR1 / R9.BR1, decided once: from the Detail rows of CTE `detail` (one row per student and
    section), every candidate enrollment of a student in a unit (R8: school, R9: district), with
    the reason it is not counted (reason_code, NULL = counted) and is_kept. `screens` lists, in
    rule order, [condition, code] pairs: a candidate meeting a condition is not counted with that
    code (R8.BR1 / R9.BR1: no State ID, no primary disability). Among the other candidates of a
    student and unit the first by kecs_aggregate_enrollment_order is counted and the rest get
    `not_chosen_code`. Also the count of the student's countable enrollments in the unit
    (`enrollment_count_column`) and counted_enrollment_id, the enrollment counted for the student
    in the unit (NULL when none). Writes the CTEs student_enrollments, ranked, evaluated and final; `columns`
    are the unit's columns and any other kept before the student's. Used by
    int_kecs__schoolwide_students_evaluated and int_kecs__caseload_students_evaluated. -#}
{% macro kecs_representative_enrollments(columns, unit_id, enrollment_count_column, screens, not_chosen_code) -%}
    {%- set student_columns = kecs_counted_student_columns() -%}
    {%- set screened_out -%}
        ({% for condition, code in screens %}({{ condition }}){{ ' or ' if not loop.last }}{% endfor %})
    {%- endset -%}
student_enrollments as (
    select distinct
        {{ (columns + student_columns) | join(',\n        ') }},
        enrollment_last_instruction_date
    from detail
),

ranked as (
    select
        *,
        row_number() over (
            partition by {{ unit_id }}, student_person_id
            order by case when {{ screened_out }} then 1 else 0 end, {{ kecs_aggregate_enrollment_order() }}
        ) as enrollment_rank,
        first_value(case when not {{ screened_out }} then enrollment_id end) over (
            partition by {{ unit_id }}, student_person_id
            order by case when {{ screened_out }} then 1 else 0 end, {{ kecs_aggregate_enrollment_order() }}
        ) as counted_enrollment_id,
        count(case when not {{ screened_out }} then 1 end) over (
            partition by {{ unit_id }}, student_person_id
        ) as {{ enrollment_count_column }}
    from student_enrollments
),

evaluated as (
    select
        *,
        case
            {%- for condition, code in screens %}
            when {{ condition }} then '{{ code }}'
            {%- endfor %}
            when enrollment_rank > 1 then '{{ not_chosen_code }}'
        end as reason_code
    from ranked
),

final as (
    select
        {{ (columns + student_columns) | join(',\n        ') }},
        enrollment_last_instruction_date,
        {{ enrollment_count_column }},
        counted_enrollment_id,
        reason_code,
        reason_code is null as is_kept
    from evaluated
)
{%- endmacro %}

{#- The columns every KECS aggregate file starts with (R6, R8, R9): Date Time Generated, End Year,
    District Number, District Name and, on the school-level files, School Number, School Name, State
    Classification; `relation` is the alias they are read from. Used by kecs_lead__classes,
    kecs_lead__schoolwide and kecs_lead__caseload. -#}
{% macro kecs_report_leading_columns(relation, with_school=true) -%}
    {{ kecs_date_time_generated() }} as date_time_generated,
        cast({{ relation }}.end_year as integer) as end_year,
        {{ kecs_three_digits(relation ~ '.district_number') }} as district_number,
        {{ relation }}.district_name,
    {%- if with_school %}
        {{ kecs_three_digits(relation ~ '.school_number') }} as school_number,
        {{ relation }}.school_name,
        {{ relation }}.state_classification,
    {%- endif %}
{%- endmacro %}
