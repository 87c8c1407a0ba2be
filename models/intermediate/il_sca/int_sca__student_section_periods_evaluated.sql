-- SCA Report Logic: "must have been active in a course/section within the Start Date and End
-- Date". Student Course Start Date: "The date noted on the student's Schedule is used first. Then,
-- if there is a start date on Section Roster, that date is used. If the Roster Edit date is null,
-- the start date of the earliest term that section is scheduled to take place is used." (The raw
-- contract has no schedule date apart from the roster: roster start, then the earliest scheduled
-- term.) Course End Date: "If there is an End Date entered in the Roster Edit field ..., that
-- date reports. If the Roster Edit field is not populated, the End Date for the last term in which
-- the section is scheduled reports."
-- int_sca__student_section_periods_evaluated: one row per roster row and reporting period
-- (int_sca__section_periods) of its scheduled section (every candidate), with the reason it makes
-- no record (reason_code, codes of audit__reasons; NULL = kept) and is_kept; the kept rows are
-- int_sca__student_section_periods: one row per student, section and reporting period the
-- student's roster covers within the date range. A roster of another trial than the section's
-- (a roster without a trial belongs to the section's) is sca_roster_other_trial; a roster ending
-- before it starts sca_roster_ends_before_start; a period the roster does not reach within the
-- range sca_roster_outside_range; a roster not used for its period sca_roster_superseded.
-- roster_reason_code is the roster's own outcome over its periods (NULL when one period is kept;
-- else superseded when one period was superseded; else its reason).
-- Which periods a roster covers (and so which records exist) is judged on the roster clipped to
-- the period (period_record_start_date / _end_date: the roster start, else the period start,
-- for the first period; for a later period of a split section the
-- later of the roster start and the period start; likewise the end). A period the roster does not
-- reach (clipped start after clipped end) gives no record. The dates the record REPORTS are the
-- document's, for the section as a whole: course_start_date = the roster start, else the section's
-- earliest scheduled term start; course_end_date = the roster end, else the section's last scheduled
-- term end (so the records of a split section carry the same dates and differ by their grade).
-- Same-day rosters (roster start = roster end, both entered) are kept apart: they are the records
-- of "99 Records Only" ("roster start and end dates ... are equal"); with it unmarked they report
-- as any roster does, unless the student also has a regular roster in the same section and period
-- (has_regular_roster_in_period; int_sca__course_assignments). When several rosters of the student
-- in the section cover the same period, the one ending last (then starting last, then the highest
-- rosterID) is used.
with rosters as (
    select * from {{ ref('int_rosters__effective_dates') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

periods as (
    select * from {{ ref('int_sca__section_periods') }}
    where is_period_term
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

roster_periods as (
    select
        rosters.roster_id,
        rosters.person_id,
        rosters.section_id,
        rosters.trial_id,
        sections.trial_id as section_trial_id,
        sections.course_id,
        sections.calendar_id,
        rosters.roster_start_date,
        rosters.roster_end_date,
        coalesce(rosters.roster_start_date = rosters.roster_end_date, false) as is_same_day_roster,
        periods.period_term_id,
        periods.is_split_section,
        periods.is_first_period,
        periods.is_last_period,
        periods.period_start_date,
        periods.period_end_date,
        periods.period_credit,
        periods.section_potential_credit,
        periods.section_end_date,
        periods.section_start_date,
        coalesce(rosters.roster_start_date, periods.section_start_date) as course_start_date,
        coalesce(rosters.roster_end_date, periods.section_end_date) as course_end_date,
        case
            when periods.is_first_period then coalesce(rosters.roster_start_date, periods.period_start_date)
            else greatest(coalesce(rosters.roster_start_date, periods.period_start_date), periods.period_start_date)
        end as period_record_start_date,
        case
            when periods.is_last_period then coalesce(rosters.roster_end_date, periods.period_end_date)
            else least(coalesce(rosters.roster_end_date, periods.period_end_date), periods.period_end_date)
        end as period_record_end_date,
        parameters.start_date as range_start_date,
        parameters.end_date as range_end_date
    from rosters
    inner join sections
        on rosters.section_id = sections.section_id
    inner join periods
        on rosters.section_id = periods.section_id
    cross join parameters
    where sections.is_scheduled
),

-- SCA Course Section: the roster belongs to the section's trial and covers the period in range.
candidates as (
    select
        *,
        coalesce(trial_id = section_trial_id or trial_id is null, false) as is_in_section_trial,
        coalesce(
            period_record_start_date <= period_record_end_date
            and period_record_start_date <= range_end_date
            and period_record_end_date >= range_start_date,
            false
        ) as is_in_range
    from roster_periods
),

-- SCA Multiple Records: one roster per student, section, period (same-day rosters apart).
ranked as (
    select
        *,
        max(case when is_same_day_roster then 0 else 1 end) over (
            partition by person_id, section_id, period_term_id, is_in_section_trial, is_in_range
        ) = 1 as has_regular_roster_in_period,
        row_number() over (
            partition by person_id, section_id, period_term_id, is_same_day_roster, is_in_section_trial, is_in_range
            order by period_record_end_date desc, period_record_start_date desc, roster_id desc
        ) as roster_rank
    from candidates
),

decided as (
    select
        *,
        case
            when not is_in_section_trial then 'sca_roster_other_trial'
            when roster_end_date < roster_start_date then 'sca_roster_ends_before_start'
            when not is_in_range then 'sca_roster_outside_range'
            when roster_rank > 1 then 'sca_roster_superseded'
        end as reason_code
    from ranked
),

rosters_decided as (
    select
        *,
        case
            when max(case when reason_code is null then 1 else 0 end) over (partition by roster_id) = 1 then null
            when
                max(case when reason_code = 'sca_roster_superseded' then 1 else 0 end) over (partition by roster_id) = 1
                then 'sca_roster_superseded'
            else reason_code
        end as roster_reason_code
    from decided
),

final as (
    select
        {{ sca_student_section_period_columns() }},
        trial_id,
        is_in_section_trial,
        is_in_range,
        reason_code,
        reason_code is null as is_kept,
        roster_reason_code
    from rosters_decided
)

select * from final
