-- SCA Report Logic: "must have been active in a course/section within the Start Date and End
-- Date". Student Course Start Date: "The date noted on the student's Schedule is used first. Then,
-- if there is a start date on Section Roster, that date is used. If the Roster Edit date is null,
-- the start date of the earliest term that section is scheduled to take place is used." (The raw
-- contract has no schedule date apart from the roster: roster start, then the earliest scheduled
-- term.) Course End Date: "If there is an End Date entered in the Roster Edit field ..., that
-- date reports. If the Roster Edit field is not populated, the End Date for the last term in which
-- the section is scheduled reports."
-- One row per student, section and reporting period (int_sca__section_periods) the student's
-- roster covers within the date range. Which periods a roster covers (and so which records exist)
-- is judged on the roster clipped to the period (period_record_start_date / _end_date: the roster
-- start, else the period start, for the first period; for a later period of a split section the
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
        end as record_start_date,
        case
            when periods.is_last_period then coalesce(rosters.roster_end_date, periods.period_end_date)
            else least(coalesce(rosters.roster_end_date, periods.period_end_date), periods.period_end_date)
        end as record_end_date,
        parameters.start_date as range_start_date,
        parameters.end_date as range_end_date
    from rosters
    inner join sections
        on rosters.section_id = sections.section_id
    inner join periods
        on rosters.section_id = periods.section_id
    cross join parameters
    where
        sections.is_scheduled
        and (rosters.trial_id = sections.trial_id or rosters.trial_id is null)
),

in_range as (
    select
        *,
        max(case when is_same_day_roster then 0 else 1 end) over (
            partition by person_id, section_id, period_term_id
        ) = 1 as has_regular_roster_in_period,
        row_number() over (
            partition by person_id, section_id, period_term_id, is_same_day_roster
            order by record_end_date desc, record_start_date desc, roster_id desc
        ) as roster_rank
    from roster_periods
    where
        record_start_date <= record_end_date
        and record_start_date <= range_end_date
        and record_end_date >= range_start_date
),

final as (
    select
        person_id,
        section_id,
        period_term_id,
        is_same_day_roster,
        roster_id,
        course_id,
        calendar_id,
        roster_start_date,
        roster_end_date,
        is_split_section,
        is_first_period,
        is_last_period,
        period_start_date,
        period_end_date,
        period_credit,
        section_potential_credit,
        section_start_date,
        section_end_date,
        course_start_date,
        course_end_date,
        has_regular_roster_in_period,
        record_start_date as period_record_start_date,
        record_end_date as period_record_end_date
    from in_range
    where roster_rank = 1
)

select * from final
