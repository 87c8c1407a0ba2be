-- SCA Extract Layout, student fields: one row per person enrolled in a selected calendar, with
-- the values the file reports for the student and the checks on them.
-- Student ID: "Student's state-assigned identifier. Numeric, 9 digits" (Person.stateID).
-- SAP ID: "Student's district-assigned identifier" (Person.studentNumber; state length 50).
-- Last Name / First Name: "When the Report Protected Identities checkbox is marked on the report
-- editor, the student's last name reports from the Legal Last Name field if populated" (each name
-- on its own: a populated legal first name with an empty legal last name gives legal first name
-- and identity last name). Strip Apostrophes: "the following marks are removed from student
-- names ..." (applied before the state's 30-character cut).
-- Birth Date: Identity.birthdate.
with people as (
    select * from {{ ref('int_people__current_identity') }}
),

enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

enrolled_people as (
    select distinct enrollments.person_id
    from enrollments
    inner join calendars
        on enrollments.calendar_id = calendars.calendar_id
),

names as (
    select
        people.person_id,
        people.state_id,
        people.student_number,
        people.birthdate,
        people.last_name,
        people.first_name,
        people.legal_last_name,
        people.legal_first_name,
        parameters.reports_protected_identities and people.legal_last_name is not null as uses_legal_last_name,
        parameters.reports_protected_identities and people.legal_first_name is not null as uses_legal_first_name,
        {{ sca_strip_marks(
            'case when parameters.reports_protected_identities and people.legal_last_name is not null'
            ~ ' then people.legal_last_name else people.last_name end',
            'parameters.strips_apostrophes'
        ) }} as full_last_name,
        {{ sca_strip_marks(
            'case when parameters.reports_protected_identities and people.legal_first_name is not null'
            ~ ' then people.legal_first_name else people.first_name end',
            'parameters.strips_apostrophes'
        ) }} as full_first_name
    from people
    inner join enrolled_people
        on people.person_id = enrolled_people.person_id
    cross join parameters
),

final as (
    select
        person_id,
        state_id,
        student_number,
        birthdate,
        last_name,
        first_name,
        legal_last_name,
        legal_first_name,
        uses_legal_last_name,
        uses_legal_first_name,
        left(full_last_name, 30) as reported_last_name,
        left(full_first_name, 30) as reported_first_name,
        state_id is not null as has_state_id,
        {{ sca_is_digits('state_id', 9) }} as is_state_id_valid,
        student_number is not null and length(student_number) <= 50 as is_sap_id_valid,
        nullif(full_last_name, '') is not null
        and nullif(full_first_name, '') is not null
        and birthdate is not null as has_name_and_birth_date,
        coalesce(length(full_last_name) > 30 or length(full_first_name) > 30, false) as is_name_truncated
    from names
)

select * from final
