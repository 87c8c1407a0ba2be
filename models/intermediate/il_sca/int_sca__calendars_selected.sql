-- SCA Report Editor, Calendar Selection and School Year: the calendars the extract reads, one row
-- per selected calendar (the kept rows of int_sca__calendars_evaluated, which decides and keeps
-- the reason of every other calendar). Each calendar carries its school's 15-digit RCDTS and its
-- district's RCDT, which names the file.
with evaluated_calendars as (
    select * from {{ ref('int_sca__calendars_evaluated') }}
),

final as (
    select
        {{ sca_calendar_columns() }},
        school_rcdts,
        district_rcdts
    from evaluated_calendars
    where is_kept
)

select * from final
