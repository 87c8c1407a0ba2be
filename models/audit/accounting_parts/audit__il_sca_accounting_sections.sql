-- Illinois Student Course Assignment accounting, sections (SCA Course Section and the course and
-- calendar rules): one row per section (int_sca__sections_evaluated) of an Illinois calendar, or
-- whose state cannot be known. Reported when it has a record on il_sca__student_course_assignment.
-- The reason is read from the models that decide it: the section's own (int_sca__sections_evaluated),
-- else the most frequent reason of its set-aside records (int_sca__course_assignments), else the
-- most frequent reason of its roster rows (audit__il_sca_accounting_rosters), else it has no
-- students (sca_section_without_students).
with sections as (
    select * from {{ ref('int_sca__sections_evaluated') }}
),

records as (
    select * from {{ ref('int_sca__course_assignments') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

roster_accounting as (
    select * from {{ ref('audit__il_sca_accounting_rosters') }}
),

file_sections as (
    select
        section_id,
        count(*) as record_count,
        count(distinct person_id) as student_count
    from sca_file
    group by section_id
),

record_reasons as (
    {{ sca_top_reason('records', 'section_id', 'record_count') }}
),

roster_reasons as (
    {{ sca_top_reason('roster_accounting', 'section_id', 'roster_count') }}
),

accounted as (
    select
        sections.section_id,
        sections.course_id,
        sections.calendar_id,
        sections.district_id,
        sections.school_id,
        sections.state_code,
        file_sections.section_id is not null as is_on_report,
        'SCA Course Section' as reported_rule_id,
        case
            when sections.reason_code is not null then sections.reason_code
            when file_sections.section_id is not null then null
            when record_reasons.section_id is not null then record_reasons.reason_code
            when roster_reasons.section_id is not null then roster_reasons.reason_code
            else 'sca_section_without_students'
        end as reason_code,
        case
            when file_sections.section_id is not null
                then
                    cast(file_sections.record_count as {{ string_type() }}) || ' record(s) of '
                    || cast(file_sections.student_count as {{ string_type() }}) || ' student(s)'
            when record_reasons.section_id is not null
                then
                    cast(record_reasons.record_count as {{ string_type() }})
                    || ' student record(s) set aside for this reason, none reported'
            when roster_reasons.section_id is not null
                then
                    cast(roster_reasons.roster_count as {{ string_type() }})
                    || ' roster row(s) set aside for this reason, no record'
        end as note
    from sections
    left join file_sections
        on sections.section_id = file_sections.section_id
    left join record_reasons
        on
            sections.section_id = record_reasons.section_id
            and record_reasons.reason_rank = 1
    left join roster_reasons
        on
            sections.section_id = roster_reasons.section_id
            and roster_reasons.reason_rank = 1
    where coalesce(sections.state_code, 'IL') = 'IL'
),

final as (
    select
        {{ sca_accounting_columns('section', 'section_id', ['course_id', 'section_id']) }}
    from accounted
)

select * from final
