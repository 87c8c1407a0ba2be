-- Illinois Student Course Assignment accounting, roster rows (SCA Course Section, SCA Multiple
-- Records, SCA No Score, SCA Enrollment): one row per roster row (int_rosters__effective_dates)
-- of an Illinois section, or of a section whose state cannot be known. Reported when a record of
-- il_sca__student_course_assignment was made from it. The reason is read from the models that
-- decide it: the section's (int_sca__sections_evaluated), the roster's over its periods
-- (int_sca__student_section_periods_evaluated: other trial, ends before start, outside the range,
-- superseded), the most frequent reason of its records (int_sca__course_assignments), else, for a
-- roster that makes records none of which is made (no reportable enrollment), the reason of the
-- student's latest enrollment in the calendar (audit__il_sca_accounting_enrollments).
with roster_rows as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

sections as (
    select * from {{ ref('int_sca__sections_evaluated') }}
),

roster_periods as (
    select * from {{ ref('int_sca__student_section_periods_evaluated') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

evaluated_enrollments as (
    select * from {{ ref('int_sca__enrollments_evaluated') }}
),

enrollment_accounting as (
    select * from {{ ref('audit__il_sca_accounting_enrollments') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

chosen_rosters as (
    select
        person_id,
        section_id,
        max(roster_id) as roster_id
    from roster_periods
    where is_kept
    group by person_id, section_id
),

record_reasons as (
    {{ sca_top_reason('records', 'roster_id', 'record_count') }}
),

-- What decided the roster: the most frequent reason of its set-aside records, and its outcome
-- over its periods (kept in one: it makes records; else the roster's reason).
roster_outcomes as (
    select
        roster_id,
        max(record_reason_code) as record_reason_code,
        max(record_count) as record_count,
        max(has_kept_period) as has_kept_period,
        max(roster_reason_code) as roster_reason_code
    from (
        select
            roster_id,
            reason_code as record_reason_code,
            record_count,
            0 as has_kept_period,
            cast(null as {{ string_type() }}) as roster_reason_code
        from record_reasons
        where reason_rank = 1
        union all
        select
            roster_id,
            null as record_reason_code,
            null as record_count,
            case when is_kept then 1 else 0 end as has_kept_period,
            roster_reason_code
        from roster_periods
    ) as outcomes
    group by roster_id
),

file_rosters as (
    select
        roster_id,
        count(*) as record_count,
        max(case when course_final_letter_grade = '17' then 1 else 0 end) as has_withdrawal,
        count(distinct term_id) as period_count
    from sca_file
    group by roster_id
),

-- The reason of the student's enrollments in a calendar, when none reports (latest first).
enrollment_reasons as (
    select
        evaluated_enrollments.person_id,
        evaluated_enrollments.calendar_id,
        enrollment_accounting.reason_code,
        row_number() over (
            partition by evaluated_enrollments.person_id, evaluated_enrollments.calendar_id
            order by evaluated_enrollments.start_date desc, evaluated_enrollments.enrollment_id desc
        ) as enrollment_rank,
        max(case when evaluated_enrollments.is_kept then 1 else 0 end) over (
            partition by evaluated_enrollments.person_id, evaluated_enrollments.calendar_id
        ) as has_eligible
    from evaluated_enrollments
    inner join enrollment_accounting
        on evaluated_enrollments.enrollment_id = enrollment_accounting.enrollment_id
),

accounted as (
    select
        roster_rows.roster_id,
        roster_rows.person_id,
        roster_rows.section_id,
        sections.course_id,
        sections.calendar_id,
        sections.district_id,
        sections.school_id,
        sections.state_code,
        file_rosters.roster_id is not null as is_on_report,
        case
            {{ audit_reason_from('sections', 'section_id', 'raw_section_missing') }}
            when roster_rows.person_id is null then 'raw_person_missing'
            when file_rosters.roster_id is not null then null
            when roster_outcomes.record_reason_code is not null then roster_outcomes.record_reason_code
            when roster_outcomes.has_kept_period = 1
                then
                    case
                        when enrollment_reason.has_eligible = 0 then 'sca_no_reportable_enrollment'
                        when enrollment_reason.person_id is null then 'sca_no_reportable_enrollment'
                        else 'audit_unexplained'
                    end
            else coalesce(roster_outcomes.roster_reason_code, 'audit_unexplained')
        end as reason_code,
        case
            when file_rosters.has_withdrawal = 1 then 'SCA No Score'
            when file_rosters.period_count > 1 then 'SCA Multiple Records'
            else 'SCA Course Section'
        end as reported_rule_id,
        case
            when file_rosters.roster_id is not null
                then
                    cast(file_rosters.record_count as {{ string_type() }}) || ' record(s)'
                    || case
                        when file_rosters.period_count > 1
                            then
                                ', one per term the state-reported task is marked in and the section is'
                                || ' scheduled in (SCA Multiple Records)'
                        else ''
                    end
                    || case
                        when file_rosters.has_withdrawal = 1
                            then '; no score and the roster ended before the course: 17 (W) reported'
                        else ''
                    end
            when roster_outcomes.record_reason_code is not null
                then
                    cast(roster_outcomes.record_count as {{ string_type() }})
                    || ' course record(s) of this roster set aside for this reason'
            when roster_outcomes.has_kept_period = 1 and enrollment_reason.person_id is not null
                then
                    'the student''s latest enrollment in the calendar: '
                    || coalesce(enrollment_reason_words.reason, '')
            when roster_outcomes.has_kept_period = 1
                then 'the student has no enrollment in the section''s calendar'
            when other_roster.roster_id is not null
                then 'roster ' || cast(other_roster.roster_id as {{ string_type() }}) || ' makes the record'
        end as note
    from roster_rows
    left join sections
        on roster_rows.section_id = sections.section_id
    left join file_rosters
        on roster_rows.roster_id = file_rosters.roster_id
    left join roster_outcomes
        on roster_rows.roster_id = roster_outcomes.roster_id
    left join enrollment_reasons as enrollment_reason
        on
            roster_rows.person_id = enrollment_reason.person_id
            and sections.calendar_id = enrollment_reason.calendar_id
            and enrollment_reason.enrollment_rank = 1
    left join reasons as enrollment_reason_words
        on enrollment_reason.reason_code = enrollment_reason_words.reason_code
    left join chosen_rosters as other_roster
        on
            roster_rows.person_id = other_roster.person_id
            and roster_rows.section_id = other_roster.section_id
    where coalesce(sections.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('roster', 'roster_id', ['course_id', 'section_id', 'person_id', 'roster_id']) }}
    from accounted
)

select * from final
