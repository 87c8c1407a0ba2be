-- One row per section of an in-scope calendar with its teacher of record (the Person ID of
-- Detail and Classes, R5 / R6.BR3).
-- Reading: the teacher of record is the section staff history row with staffType 'P' (primary)
-- in force on the section's last day (start date NULL or on/before it, end date NULL or on/after
-- it; the last day is the section's last day of instruction, see int_kecs__sections_in_scope). Several in
-- force: the latest start date, then the highest personID (listed in Issues, Warning 18). None in
-- force: section.teacherPersonID (the primary teacher on the section record). Neither: NULL
-- (Issues, Error 3).
with sections as (
    select * from {{ ref('int_kecs__sections_in_scope') }}
),

staff_history as (
    select * from {{ ref('stg_ic__sectionstaffhistory') }}
),

primary_in_force as (
    select
        sections.section_id,
        staff_history.person_id,
        staff_history.start_date,
        staff_history.end_date,
        row_number() over (
            partition by sections.section_id
            order by staff_history.start_date desc nulls last, staff_history.person_id desc
        ) as primary_rank,
        {{ count_distinct_over('staff_history.person_id', 'sections.section_id') }} as primary_teacher_count
    from sections
    inner join staff_history
        on sections.section_id = staff_history.section_id
    where
        upper(staff_history.staff_type) = 'P'
        and staff_history.person_id is not null
        and {{ open_span_overlaps(
            'staff_history.start_date', 'staff_history.end_date',
            'sections.section_last_day', 'sections.section_last_day'
        ) }}
),

final as (
    select
        sections.section_id,
        sections.section_last_day,
        coalesce(primary_in_force.person_id, sections.section_teacher_person_id) as teacher_person_id,
        case
            when primary_in_force.person_id is not null then 'section staff history'
            when sections.section_teacher_person_id is not null then 'section record'
        end as teacher_source,
        primary_in_force.start_date as teacher_start_date,
        primary_in_force.end_date as teacher_end_date,
        coalesce(primary_in_force.primary_teacher_count, 0) as primary_teacher_count
    from sections
    left join primary_in_force
        on
            sections.section_id = primary_in_force.section_id
            and primary_in_force.primary_rank = 1
)

select * from final
