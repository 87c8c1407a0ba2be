-- One row per section with its course, trial, structure and calendar and what its schedule grid
-- (sectionplacement) says: whether it has a placement, its first term's start date and its last
-- term's end date (the "section start/end date"), and how many distinct terms it is scheduled in
-- (regardless of periods). Only placements in the section's own trial count.
-- A section is scheduled (is_scheduled) when its trial is the active trial and its trial's schedule
-- structure is active (schedulestructure.active; blank = active): a section of an inactive
-- structure (a prior build of the schedule) reports on neither extract (the documents are silent;
-- reading in docs/kecs_lead.md and docs/il_sca.md).
with sections as (
    select * from {{ ref('stg_ic__section') }}
),

courses as (
    select * from {{ ref('stg_ic__course') }}
),

trials as (
    select * from {{ ref('stg_ic__trial') }}
),

structures as (
    select * from {{ ref('stg_ic__schedulestructure') }}
),

placed_terms as (
    select * from {{ ref('int_sections__scheduled_terms') }}
),

schedule as (
    select
        section_id,
        count(distinct term_id) as scheduled_term_count,
        min(term_start_date) as section_start_date,
        max(term_end_date) as section_end_date,
        sum(case when term_start_date is null or term_end_date is null then 1 else 0 end) as terms_without_dates
    from placed_terms
    group by section_id
),

final as (
    select
        sections.section_id,
        sections.section_number,
        sections.course_id,
        sections.trial_id,
        sections.teacher_person_id,
        sections.term_code,
        sections.instructional_setting,
        sections.section_special_type,
        sections.kts_exchange,
        sections.responsive,
        coalesce(sections.is_cross_site, false) as is_cross_site,
        courses.calendar_id,
        coalesce(courses.is_homeroom, false) as is_homeroom,
        trials.structure_id,
        coalesce(trials.is_active, false) as is_active_trial,
        coalesce(structures.is_active, true) as is_active_structure,
        coalesce(trials.is_active, false) and coalesce(structures.is_active, true) as is_scheduled,
        schedule.section_id is not null as has_placement,
        coalesce(schedule.scheduled_term_count, 0) as scheduled_term_count,
        case when schedule.terms_without_dates = 0 then schedule.section_start_date end as section_start_date,
        case when schedule.terms_without_dates = 0 then schedule.section_end_date end as section_end_date
    from sections
    left join courses
        on sections.course_id = courses.course_id
    left join trials
        on sections.trial_id = trials.trial_id
    left join structures
        on trials.structure_id = structures.structure_id
    left join schedule
        on sections.section_id = schedule.section_id
)

select * from final
