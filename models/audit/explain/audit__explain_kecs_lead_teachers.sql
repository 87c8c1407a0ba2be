-- `sis-extracts explain kecs-lead`: the teacher of record of each in-scope section (R5, R6.BR3),
-- with the teacher's name (a section answer) and the sections a staff member teaches (a staff
-- answer). One row per section.
with teachers as (
    select * from {{ ref('int_kecs__section_teachers_of_record') }}
),

identities as (
    select * from {{ ref('int_people__current_identity') }}
),

final as (
    select
        teachers.section_id,
        teachers.teacher_person_id,
        teachers.teacher_source,
        teachers.section_last_day,
        teachers.primary_teacher_count,
        identities.last_name,
        identities.first_name
    from teachers
    left join identities
        on teachers.teacher_person_id = identities.person_id
)

select * from final
