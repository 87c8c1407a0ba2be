-- One row per student and reported section where the student is rostered on the section's last
-- day: R5.BR1 ("student must be rostered on the last day of the section"), roster half.
-- The roster rows kept by int_kecs__rosters_evaluated (the section's own trial, effective dates
-- covering the section's last day); several such roster rows for one student collapse into one.
-- The enrollment half of R5.BR1 is int_kecs__student_section_enrollment.
with rosters as (
    select * from {{ ref('int_kecs__rosters_evaluated') }}
    where is_kept
),

final as (
    select
        section_id,
        person_id,
        calendar_id,
        structure_id,
        section_last_day,
        min(roster_id) as roster_id,
        min(effective_start_date) as roster_start_date,
        max(effective_end_date) as roster_end_date,
        count(*) as roster_row_count
    from rosters
    group by
        section_id,
        person_id,
        calendar_id,
        structure_id,
        section_last_day
)

select * from final
