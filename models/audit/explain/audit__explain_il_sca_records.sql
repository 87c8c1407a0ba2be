-- `sis-extracts explain il-sca`: the candidate records of the Illinois file (student x section x
-- term period x enrollment group, int_sca__course_assignments) with the section, course and period
-- a coordinator recognises, whether each reports, and if not, the reason's code, rule ID and words
-- (audit__reasons). SCA Multiple Records, SCA No Score, SCA Most Recent Term and the other SCA
-- rules are decided upstream; this model names them.
with records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

reasons as (
    select * from {{ ref('audit__reasons') }}
),

terms as (
    select * from {{ ref('stg_ic__term') }}
),

courses as (
    select * from {{ ref('stg_ic__course') }}
),

sections as (
    select * from {{ ref('int_sections__schedule') }}
),

final as (
    select
        records.person_id,
        records.section_id,
        sections.section_number,
        courses.course_number,
        courses.course_name,
        records.period_term_id,
        terms.term_name as period_term_name,
        records.is_split_section,
        records.enrollment_id,
        records.enrollment_group_count,
        records.state_grade,
        records.roster_id,
        records.course_start_date,
        records.course_end_date,
        records.grade_score_id,
        records.grade_term_id,
        records.grade_score,
        records.grade_state_score,
        records.final_grade,
        records.course_credit,
        records.is_withdrawn,
        records.is_reported,
        records.exclusion_reason,
        reasons.rule_id,
        reasons.reason,
        reasons.explanation,
        reasons.reason_code,
        records.is_same_day_roster,
        records.period_start_date
    from records
    left join sections
        on records.section_id = sections.section_id
    left join courses
        on records.course_id = courses.course_id
    left join terms
        on records.period_term_id = terms.term_id
    left join reasons
        on 'sca_' || records.exclusion_reason = reasons.reason_code
)

select * from final
