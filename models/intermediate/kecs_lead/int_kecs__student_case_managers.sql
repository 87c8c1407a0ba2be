-- One row per student with an active special-education case manager: the Case Manager Person ID
-- of Detail and Caseload (R9, R9.BR1).
-- Reading: a teammember row with role 'Case Manager' and module 'specialEd' (compared without case
-- or surrounding spaces) in force in the Date Range (start date NULL or on/before the range end,
-- end date NULL or on/after the range start). Several in force: the open-ended or latest-ending,
-- then the latest start date, then the highest staff personID.
-- R9.BR1 "Case Manager Person ID will be 0 if any active students with a disability do not have an
-- active case manager": students without a row here get 0 in int_kecs__detail when their
-- enrollment has a primary disability.
with team_members as (
    select * from {{ ref('stg_ic__teammember') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

in_force as (
    select
        team_members.person_id,
        team_members.staff_person_id,
        team_members.start_date,
        team_members.end_date,
        row_number() over (
            partition by team_members.person_id
            order by
                team_members.end_date desc nulls first,
                team_members.start_date desc nulls last,
                team_members.staff_person_id desc
        ) as case_manager_rank,
        {{ count_distinct_over('team_members.staff_person_id', 'team_members.person_id') }} as case_manager_count
    from team_members
    cross join reporting_window
    where
        lower(trim(team_members.role)) = 'case manager'
        and lower(trim(team_members.module)) = 'specialed'
        and team_members.person_id is not null
        and team_members.staff_person_id is not null
        and {{ open_span_overlaps(
            'team_members.start_date', 'team_members.end_date',
            'reporting_window.window_start_date', 'reporting_window.window_end_date'
        ) }}
),

final as (
    select
        person_id,
        staff_person_id as case_manager_person_id,
        start_date as case_manager_start_date,
        end_date as case_manager_end_date,
        case_manager_count
    from in_force
    where case_manager_rank = 1
)

select * from final
