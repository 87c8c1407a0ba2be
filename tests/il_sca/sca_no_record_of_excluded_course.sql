-- SCA Report Logic, checked against the raw course row rather than the rule models: "A course do
-- NOT report when it is marked as State Exclude, when it is marked as Dual Credit" and "The State
-- Course Code field must be populated." Returns file rows whose course breaks one of them.
select
    records.person_id,
    records.section_id,
    courses.course_id,
    courses.course_state_code,
    courses.is_state_excluded,
    courses.is_dual_credit
from {{ ref('il_sca__student_course_assignment') }} as records
inner join {{ ref('stg_ic__course') }} as courses
    on records.course_id = courses.course_id
where
    coalesce(courses.is_state_excluded, false)
    or coalesce(courses.is_dual_credit, false)
    or courses.course_state_code is null
    or records.state_course_code <> courses.course_state_code
