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
