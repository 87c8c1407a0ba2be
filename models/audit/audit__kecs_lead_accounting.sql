-- KECS LEAD accounting: every candidate raw row of a report is either on the report or set aside
-- with the rule that set it aside. One row per (report, candidate kind, raw row id).
-- Candidates (the raw rows a Kentucky coordinator may look for; "KY rows" = rows whose calendar or
-- district belongs to a district with state 'KY'; rows whose state cannot be known because a
-- calendar, course, section or district they point to is missing are candidates of both extracts):
--   Detail:     every KY enrollment (stg_ic__enrollment), every KY roster row (stg_ic__roster, via
--               its section's course's calendar), every KY section (stg_ic__section).
--   Classes:    every KY section (R6.BR1: Classes pulls all records from Detail).
--   Schoolwide: every KY enrollment (R8.BR1: one enrollment per student and school of Detail).
--   Caseload:   every KY enrollment (R9.BR1: one enrollment per student and district of Detail).
--   Staff:      every KY District Assignment (stg_ic__employmentassignment, via its district).
-- Reported (status) is read from the report itself: the marts kecs_lead__detail,
-- kecs_lead__classes and kecs_lead__staff, and for the aggregates the rows they count
-- (int_kecs__schoolwide_students, int_kecs__caseload_students). The reason a row is set aside is
-- read from the intermediate model that decides it (the first rule that fails, in the order the
-- models apply them): int_kecs__calendars_in_scope (R1, R5.BR3, R5.BR4, R5.BR8),
-- int_kecs__enrollments_eligible (R5.BR7, reversed dates, R5.BR3), int_kecs__sections_in_scope (R5.BR2,
-- Detail rules), int_kecs__rosters_on_section_last_day and int_kecs__student_section_enrollment
-- (R5.BR1, R5.BR9), int_kecs__staff_assignments (R7.BR1); the words come from audit__reasons.
-- `matches_rules` is false when the report and the rules disagree (a row every rule keeps that is
-- not on the file, or the reverse); tests/audit/audit_accounting_rows_match_rules.sql fails on it.
with enrollments as (
    select * from {{ ref('stg_ic__enrollment') }}
),

roster_rows as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

section_rows as (
    select * from {{ ref('int_sections__schedule') }}
),

assignments as (
    select * from {{ ref('stg_ic__employmentassignment') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

schools as (
    select * from {{ ref('stg_ic__school') }}
),

calendars as (
    select * from {{ ref('int_calendars__enriched') }}
),

calendars_in_scope as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

eligible_enrollments as (
    select * from {{ ref('int_kecs__enrollments_eligible') }}
),

sections_in_scope as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

rostered_on_last_day as (
    select * from {{ ref('int_kecs__rosters_on_section_last_day') }}
),

student_sections as (
    select * from {{ ref('int_kecs__student_section_enrollment') }}
),

schoolwide_students as (
    select * from {{ ref('int_kecs__schoolwide_students') }}
),

caseload_students as (
    select * from {{ ref('int_kecs__caseload_students') }}
),

staff_assignments as (
    select * from {{ ref('int_kecs__staff_assignments') }}
),

school_classifications as (
    select * from {{ ref('int_kecs__school_classifications') }}
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

classes_file as (
    select * from {{ ref('kecs_lead__classes') }}
),

staff_file as (
    select * from {{ ref('kecs_lead__staff') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

-- Calendars: state and the calendar-level reason (R1, Select Calendars, R5.BR8, R5.BR3, R5.BR4).
calendar_status as (
    select
        calendars.calendar_id,
        calendars.district_id,
        calendars.school_id,
        calendars.state_code,
        case
            when calendars.state_code is null then 'raw_calendar_without_district'
            when calendars_in_scope.calendar_id is null then 'kecs_r1_other_end_year'
            when calendars_in_scope.is_in_scope then null
            when calendars_in_scope.not_in_scope_reason like '%(R1)%'
                then 'kecs_r1_other_end_year'
            when calendars_in_scope.not_in_scope_reason like '%kecs_calendar_ids%'
                then 'kecs_calendar_not_selected'
            when calendars_in_scope.not_in_scope_reason like '%(R5.BR8)%'
                then 'kecs_r5_br8_summer_school'
            when calendars_in_scope.not_in_scope_reason like '%(R5.BR3)%'
                then 'kecs_r5_br3_calendar_outside_range'
            when calendars_in_scope.not_in_scope_reason like '%(R5.BR4)%'
                then 'kecs_r5_br4_classification'
            else 'audit_unmapped'
        end as reason_code,
        calendars_in_scope.not_in_scope_reason as upstream_reason
    from calendars
    left join calendars_in_scope
        on calendars.calendar_id = calendars_in_scope.calendar_id
),

-- Sections: state (through the course's calendar) and the section-level reason.
section_status as (
    select
        section_rows.section_id,
        section_rows.course_id,
        section_rows.trial_id,
        calendar_status.calendar_id,
        calendar_status.district_id,
        calendar_status.school_id,
        calendar_status.state_code,
        sections_in_scope.section_last_day,
        case
            when section_rows.calendar_id is null then 'raw_course_missing'
            when calendar_status.calendar_id is null then 'raw_calendar_missing'
            when calendar_status.reason_code is not null then calendar_status.reason_code
            when sections_in_scope.section_id is null then 'audit_unmapped'
            when sections_in_scope.is_reported then null
            when sections_in_scope.not_reported_reason like '%(R5.BR2)%'
                then 'kecs_r5_br2_inactive_course'
            when sections_in_scope.not_reported_reason like '%active trial%'
                then 'kecs_r5_section_not_active_trial'
            when sections_in_scope.not_reported_reason like '%schedule structure%'
                then 'kecs_r5_section_inactive_structure'
            when sections_in_scope.not_reported_reason like '%section placement%'
                then 'kecs_r5_section_without_placement'
            when sections_in_scope.not_reported_reason like '%start or end date%'
                then 'kecs_r5_term_without_dates'
            when sections_in_scope.not_reported_reason like '%cross-site%'
                then 'kecs_r5_cross_site'
            when sections_in_scope.not_reported_reason like '%date range%'
                then 'kecs_r5_br3_section_outside_range'
            else 'audit_unmapped'
        end as reason_code,
        coalesce(sections_in_scope.not_reported_reason, calendar_status.upstream_reason) as upstream_reason
    from section_rows
    left join calendar_status
        on section_rows.calendar_id = calendar_status.calendar_id
    left join sections_in_scope
        on section_rows.section_id = sections_in_scope.section_id
),

detail_sections as (
    select
        section_id,
        sum(case when student_person_id is not null then 1 else 0 end) as student_count
    from detail_file
    group by section_id
),

detail_enrollments as (
    select distinct enrollment_id
    from detail_file
    where enrollment_id is not null
),

detail_students as (
    select distinct
        section_id,
        student_person_id
    from detail_file
    where student_person_id is not null
),

-- R5.BR9: which enrollments were candidates on a section (active on its last day) and which won.
chosen_enrollments as (
    select
        enrollment_id,
        max(active_enrollment_count) as max_candidates,
        count(*) as section_count
    from student_sections
    where has_active_enrollment
    group by enrollment_id
),

losing_pairs as (
    select distinct
        eligible_enrollments.enrollment_id,
        student_sections.enrollment_id as chosen_id
    from eligible_enrollments
    inner join student_sections
        on
            eligible_enrollments.person_id = student_sections.person_id
            and eligible_enrollments.calendar_id = student_sections.calendar_id
            and eligible_enrollments.enrollment_id <> student_sections.enrollment_id
            and (', ' || student_sections.candidate_enrollment_ids || ',')
            like ('%, ' || cast(eligible_enrollments.enrollment_id as {{ kecs_string_type() }}) || ',%')
),

losing_candidates as (
    select
        enrollment_id,
        {{ kecs_listagg('chosen_id', 'order by chosen_id') }} as chosen_ids
    from losing_pairs
    group by enrollment_id
),

rostered_calendars as (
    select distinct
        person_id,
        calendar_id
    from rostered_on_last_day
),

enrollment_checks as (
    select
        enrollments.enrollment_id,
        enrollments.person_id,
        enrollments.calendar_id,
        calendar_status.district_id,
        calendar_status.school_id,
        calendar_status.state_code,
        detail_enrollments.enrollment_id is not null as is_on_report,
        case
            when calendar_status.calendar_id is null then 'raw_calendar_missing'
            when calendar_status.reason_code is not null then calendar_status.reason_code
            when eligible_enrollments.enrollment_id is null then 'audit_unmapped'
            when eligible_enrollments.not_eligible_reason like '%(R5.BR7)%'
                then 'kecs_r5_br7_no_show'
            when eligible_enrollments.not_eligible_reason like '%date range%'
                then 'kecs_r5_br3_enrollment_outside_range'
            when eligible_enrollments.not_eligible_reason like '%ends before it starts%'
                then 'kecs_r5_enrollment_ends_before_start'
            when not eligible_enrollments.is_eligible then 'audit_unmapped'
            when chosen_enrollments.enrollment_id is not null then null
            when losing_candidates.enrollment_id is not null then 'kecs_r5_br9_not_chosen'
            when rostered_calendars.person_id is not null then 'kecs_r5_br1_not_active_on_last_day'
            else 'kecs_r5_br1_not_rostered'
        end as reason_code,
        case
            when chosen_enrollments.max_candidates > 1 then 'R5.BR9'
            else 'R5.BR1'
        end as reported_rule_id,
        case
            when chosen_enrollments.enrollment_id is not null
                then
                    'on ' || cast(chosen_enrollments.section_count as {{ kecs_string_type() }})
                    || ' section(s) of Detail'
                    || case
                        when chosen_enrollments.max_candidates > 1
                            then '; chosen by R5.BR9 among the enrollments active on the section''s last day'
                        else ''
                    end
                    || case
                        when eligible_enrollments.is_state_excluded
                            then '; marked exclude, still reported (R5.BR6)'
                        else ''
                    end
                    || case
                        when eligible_enrollments.is_grade_level_excluded or eligible_enrollments.is_calendar_excluded
                            then '; grade level or calendar marked exclude, still reported (R5.BR5)'
                        else ''
                    end
            when losing_candidates.enrollment_id is not null
                then 'enrollment ' || losing_candidates.chosen_ids || ' chosen instead (R5.BR9)'
        end as chosen_note,
        coalesce(eligible_enrollments.not_eligible_reason, calendar_status.upstream_reason) as upstream_reason
    from enrollments
    left join calendar_status
        on enrollments.calendar_id = calendar_status.calendar_id
    left join eligible_enrollments
        on enrollments.enrollment_id = eligible_enrollments.enrollment_id
    left join chosen_enrollments
        on enrollments.enrollment_id = chosen_enrollments.enrollment_id
    left join losing_candidates
        on enrollments.enrollment_id = losing_candidates.enrollment_id
    left join rostered_calendars
        on
            enrollments.person_id = rostered_calendars.person_id
            and enrollments.calendar_id = rostered_calendars.calendar_id
    left join detail_enrollments
        on enrollments.enrollment_id = detail_enrollments.enrollment_id
    where coalesce(calendar_status.state_code, 'KY') = 'KY'
),

enrollment_detail as (
    select
        enrollment_id,
        person_id,
        calendar_id,
        district_id,
        school_id,
        state_code,
        is_on_report,
        reason_code,
        reported_rule_id,
        case
            when reason_code = 'audit_unmapped' then upstream_reason
            else chosen_note
        end as note
    from enrollment_checks
),

-- R8.BR1 / R9.BR1: Detail enrollments, with State ID and disability as Detail carries them.
detail_enrollment_facts as (
    select
        enrollment_id,
        max(case when state_id is not null then 1 else 0 end) as has_state_id,
        max(case when primary_disability is not null then 1 else 0 end) as has_disability
    from detail_file
    where enrollment_id is not null
    group by enrollment_id
),

schoolwide_chosen as (
    select
        school_id,
        student_person_id,
        enrollment_id
    from schoolwide_students
),

caseload_chosen as (
    select
        district_id,
        student_person_id,
        enrollment_id
    from caseload_students
),

enrollment_schoolwide as (
    select
        enrollment_detail.enrollment_id,
        enrollment_detail.person_id,
        enrollment_detail.calendar_id,
        enrollment_detail.district_id,
        enrollment_detail.school_id,
        enrollment_detail.state_code,
        schoolwide_mine.enrollment_id is not null as is_on_report,
        case
            when not enrollment_detail.is_on_report then coalesce(enrollment_detail.reason_code, 'audit_unexplained')
            when schoolwide_mine.enrollment_id is not null then null
            when detail_enrollment_facts.has_state_id = 0 then 'kecs_r8_br1_no_state_id'
            when schoolwide_other.enrollment_id is not null then 'kecs_r8_br1_not_chosen'
            else 'audit_unexplained'
        end as reason_code,
        case
            when schoolwide_mine.enrollment_id is not null then 'counted for the student at this school (R8.BR1)'
            when not enrollment_detail.is_on_report then 'not on Detail: ' || coalesce(enrollment_detail.note, '')
            when schoolwide_other.enrollment_id is not null
                then
                    'enrollment ' || cast(schoolwide_other.enrollment_id as {{ kecs_string_type() }})
                    || ' counted for the student at this school instead (R8.BR1)'
        end as note
    from enrollment_detail
    left join detail_enrollment_facts
        on enrollment_detail.enrollment_id = detail_enrollment_facts.enrollment_id
    left join schoolwide_chosen as schoolwide_mine
        on enrollment_detail.enrollment_id = schoolwide_mine.enrollment_id
    left join schoolwide_chosen as schoolwide_other
        on
            enrollment_detail.school_id = schoolwide_other.school_id
            and enrollment_detail.person_id = schoolwide_other.student_person_id
            and enrollment_detail.enrollment_id <> schoolwide_other.enrollment_id
),

enrollment_caseload as (
    select
        enrollment_detail.enrollment_id,
        enrollment_detail.person_id,
        enrollment_detail.calendar_id,
        enrollment_detail.district_id,
        enrollment_detail.school_id,
        enrollment_detail.state_code,
        caseload_mine.enrollment_id is not null as is_on_report,
        case
            when not enrollment_detail.is_on_report then coalesce(enrollment_detail.reason_code, 'audit_unexplained')
            when caseload_mine.enrollment_id is not null then null
            when detail_enrollment_facts.has_state_id = 0 then 'kecs_r9_br1_no_state_id'
            when detail_enrollment_facts.has_disability = 0 then 'kecs_r9_br1_no_disability'
            when caseload_other.enrollment_id is not null then 'kecs_r9_br1_not_chosen'
            else 'audit_unexplained'
        end as reason_code,
        case
            when caseload_mine.enrollment_id is not null
                then
                    'counted for case manager '
                    || cast(caseload_mine.case_manager_person_id as {{ kecs_string_type() }})
                    || case when caseload_mine.case_manager_person_id = 0 then ' (no active case manager)' else '' end
                    || ' (R9.BR1)'
            when not enrollment_detail.is_on_report then 'not on Detail: ' || coalesce(enrollment_detail.note, '')
            when caseload_other.enrollment_id is not null
                then
                    'enrollment ' || cast(caseload_other.enrollment_id as {{ kecs_string_type() }})
                    || ' counted for the student in the district instead (R9.BR1)'
        end as note
    from enrollment_detail
    left join detail_enrollment_facts
        on enrollment_detail.enrollment_id = detail_enrollment_facts.enrollment_id
    left join caseload_students as caseload_mine
        on enrollment_detail.enrollment_id = caseload_mine.enrollment_id
    left join caseload_chosen as caseload_other
        on
            enrollment_detail.district_id = caseload_other.district_id
            and enrollment_detail.person_id = caseload_other.student_person_id
            and enrollment_detail.enrollment_id <> caseload_other.enrollment_id
),

-- Rosters (R5.BR1): rostered on the section's last day, with an enrollment active on that day.
-- A student's Detail row for a section stands on every roster row of the student in the section
-- that covers the section's last day; the student's other roster rows there are set aside.
roster_checks as (
    select
        roster_rows.roster_id,
        roster_rows.person_id,
        roster_rows.section_id,
        section_status.course_id,
        section_status.calendar_id,
        section_status.district_id,
        section_status.school_id,
        section_status.state_code,
        section_status.section_last_day,
        section_status.upstream_reason,
        student_sections.enrollment_id,
        student_sections.has_active_enrollment,
        student_sections.active_enrollment_count,
        student_sections.candidate_enrollment_ids,
        detail_students.section_id is not null as is_student_on_detail,
        coalesce(
            coalesce(roster_rows.effective_start_date <= section_status.section_last_day, true)
            and coalesce(roster_rows.effective_end_date >= section_status.section_last_day, true),
            false
        ) as covers_last_day,
        case
            when section_rows.section_id is null then 'raw_section_missing'
            when section_status.reason_code is not null then section_status.reason_code
            when roster_rows.person_id is null then 'raw_person_missing'
            when not coalesce(roster_rows.trial_id = section_status.trial_id, false) then 'kecs_r5_roster_other_trial'
            when not (
                coalesce(roster_rows.effective_start_date <= section_status.section_last_day, true)
                and coalesce(roster_rows.effective_end_date >= section_status.section_last_day, true)
            ) then 'kecs_r5_br1_roster_not_on_last_day'
            when student_sections.section_id is null then 'audit_unmapped'
            when not student_sections.has_active_enrollment then 'kecs_r5_br1_no_active_enrollment'
        end as reason_code
    from roster_rows
    left join section_rows
        on roster_rows.section_id = section_rows.section_id
    left join section_status
        on roster_rows.section_id = section_status.section_id
    left join student_sections
        on
            roster_rows.section_id = student_sections.section_id
            and roster_rows.person_id = student_sections.person_id
    left join detail_students
        on
            roster_rows.section_id = detail_students.section_id
            and roster_rows.person_id = detail_students.student_person_id
    where coalesce(section_status.state_code, 'KY') = 'KY'
),

roster_detail as (
    select
        roster_id,
        person_id,
        section_id,
        course_id,
        calendar_id,
        district_id,
        school_id,
        state_code,
        enrollment_id,
        is_student_on_detail and covers_last_day as is_on_report,
        reason_code,
        case
            when active_enrollment_count > 1 then 'R5.BR9'
            else 'R5.BR1'
        end as reported_rule_id,
        case
            when reason_code is null
                then
                    'enrollment ' || cast(enrollment_id as {{ kecs_string_type() }})
                    || case
                        when active_enrollment_count > 1
                            then
                                ' chosen by R5.BR9 among ' || candidate_enrollment_ids
                                || ' (most recent start, then latest end, service type P, highest ID)'
                        else ' active on the section''s last day (R5.BR1)'
                    end
            when reason_code = 'kecs_r5_br1_roster_not_on_last_day'
                then
                    'section''s last day ' || cast(section_last_day as {{ kecs_string_type() }})
                    || case
                        when is_student_on_detail
                            then '; another roster row of the student covers it and the student is on Detail'
                        else ''
                    end
            when reason_code = 'kecs_r5_br1_no_active_enrollment'
                then
                    'section''s last day ' || cast(section_last_day as {{ kecs_string_type() }})
                    || '; no enrollment of the student in the section''s calendar is active on it'
            when reason_code = 'audit_unmapped' then upstream_reason
        end as note
    from roster_checks
),

classes_sections as (
    select distinct section_id
    from classes_file
),

section_detail as (
    select
        section_status.*,
        detail_sections.section_id is not null as is_on_detail,
        classes_sections.section_id is not null as is_on_classes,
        coalesce(detail_sections.student_count, 0) as student_count
    from section_status
    left join detail_sections
        on section_status.section_id = detail_sections.section_id
    left join classes_sections
        on section_status.section_id = classes_sections.section_id
    where coalesce(section_status.state_code, 'KY') = 'KY'
),

-- The Staff file row of each assignment: same person, school, Type and AltType (blank matches
-- blank). An inner join on the person and school, the types as a filter: inside an outer join's ON
-- clause the null-safe comparison made a nested-loop join of every assignment with every file row.
assignments_on_staff_file as (
    select
        assignments.assignment_id,
        staff_file.person_id
    from assignments
    inner join staff_file
        on
            assignments.person_id = staff_file.person_id
            and assignments.school_id = staff_file.school_id
    where
        (
            assignments.employee_type = staff_file.employee_type
            or (assignments.employee_type is null and staff_file.employee_type is null)
        )
        and (
            assignments.alt_employee_type = staff_file.alt_employee_type
            or (assignments.alt_employee_type is null and staff_file.alt_employee_type is null)
        )
),

-- Staff (R7.BR1): assignments of KY districts overlapping the year, of active staff, at reported schools.
assignment_staff as (
    select
        assignments.assignment_id,
        assignments.person_id,
        assignments.district_id,
        assignments.school_id,
        coalesce(districts.state_code, school_districts.state_code) as state_code,
        assignments_on_staff_file.person_id is not null as is_on_report,
        case
            when districts.district_id is null then 'raw_district_missing'
            when assignments.person_id is null then 'raw_person_missing'
            when staff_assignments.assignment_id is null then 'kecs_r7_br1_assignment_outside_year'
            when not staff_assignments.is_active_staff then 'kecs_r7_br1_no_employment'
            when staff_assignments.school_id is null then 'kecs_r7_assignment_without_school'
            when
                not staff_assignments.is_school_reported
                and not coalesce(school_classifications.is_classification_reported, false)
                then 'kecs_r5_br4_classification'
            when not staff_assignments.is_school_reported then 'kecs_r7_school_not_reported'
        end as reason_code,
        case
            when staff_assignments.is_active_staff
                then
                    'employment ' || cast(staff_assignments.employment_id as {{ kecs_string_type() }})
                    || ' overlaps 7/1-6/30; EPSB ID from it'
        end as note
    from assignments
    left join districts
        on assignments.district_id = districts.district_id
    left join schools
        on assignments.school_id = schools.school_id
    left join districts as school_districts
        on schools.district_id = school_districts.district_id
    left join staff_assignments
        on assignments.assignment_id = staff_assignments.assignment_id
    left join school_classifications
        on assignments.school_id = school_classifications.school_id
    left join assignments_on_staff_file
        on assignments.assignment_id = assignments_on_staff_file.assignment_id
    where coalesce(districts.state_code, school_districts.state_code, 'KY') = 'KY'
),

section_reports as (
    select 'Detail' as report
    union all
    select 'Classes' as report
),

unioned as (
    select
        'Detail' as report,
        'enrollment' as candidate_kind,
        enrollment_id as candidate_id,
        is_on_report,
        reason_code,
        reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        person_id,
        enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from enrollment_detail

    union all

    select
        'Schoolwide' as report,
        'enrollment' as candidate_kind,
        enrollment_id as candidate_id,
        is_on_report,
        reason_code,
        'R8.BR1' as reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        person_id,
        enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from enrollment_schoolwide

    union all

    select
        'Caseload' as report,
        'enrollment' as candidate_kind,
        enrollment_id as candidate_id,
        is_on_report,
        reason_code,
        'R9.BR1' as reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        person_id,
        enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from enrollment_caseload

    union all

    select
        'Detail' as report,
        'roster' as candidate_kind,
        roster_id as candidate_id,
        is_on_report,
        reason_code,
        reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        calendar_id,
        course_id,
        section_id,
        person_id,
        enrollment_id,
        roster_id,
        cast(null as bigint) as assignment_id
    from roster_detail

    union all

    select
        report_names.report,
        'section' as candidate_kind,
        section_detail.section_id as candidate_id,
        case
            when report_names.report = 'Detail' then section_detail.is_on_detail
            else section_detail.is_on_classes
        end as is_on_report,
        section_detail.reason_code,
        case
            when section_detail.student_count = 0 then 'R6.BR2'
            when report_names.report = 'Classes' then 'R6.BR1'
            else 'R5'
        end as reported_rule_id,
        case
            when section_detail.reason_code is null and section_detail.student_count = 0
                then 'no reported student: one blank-student Detail row, 0 students on Classes (R6.BR2)'
            when section_detail.reason_code is null
                then cast(section_detail.student_count as {{ kecs_string_type() }}) || ' student(s) on Detail'
            when section_detail.reason_code = 'audit_unmapped' then section_detail.upstream_reason
        end as note,
        section_detail.state_code,
        section_detail.district_id,
        section_detail.school_id,
        section_detail.calendar_id,
        section_detail.course_id,
        section_detail.section_id,
        cast(null as bigint) as person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        cast(null as bigint) as assignment_id
    from section_detail
    cross join section_reports as report_names

    union all

    select
        'Staff' as report,
        'staff assignment' as candidate_kind,
        assignment_id as candidate_id,
        is_on_report,
        reason_code,
        'R7.BR1' as reported_rule_id,
        note,
        state_code,
        district_id,
        school_id,
        cast(null as bigint) as calendar_id,
        cast(null as bigint) as course_id,
        cast(null as bigint) as section_id,
        person_id,
        cast(null as bigint) as enrollment_id,
        cast(null as bigint) as roster_id,
        assignment_id
    from assignment_staff
),

{{ audit_accounting_decision('kecs_lead', 'decided.report', ['enrollment_id', 'roster_id', 'assignment_id']) }}

select * from final
