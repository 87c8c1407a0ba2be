-- R10 Issue 21 (typed): raw rows pointing to a section, person, term, calendar or course the export
-- does not hold (R5): rows of the reported calendars, and rows whose state cannot be traced; one
-- row per raw row and missing reference. In the shape of kecs_issues_union; int_kecs__issues
-- unions the families, kecs_lead__issues formats them.
with missing_references as (
    select * from {{ ref('int_raw__missing_references') }}
),

calendars as (
    select * from {{ ref('int_kecs__calendars_in_scope') }}
),

-- Error 21: the grades file is Illinois's only (R5).
issue_21 as (
    select
        21 as issue_number,
        calendars.district_number,
        calendars.district_name,
        calendars.school_number,
        calendars.school_name,
        missing_references.person_id,
        missing_references.section_id,
        missing_references.enrollment_id,
        missing_references.table_name || '.csv ' || missing_references.key_column || ' '
        || {{ kecs_text('missing_references.key_value') }} || ': ' || missing_references.missing_column || ' '
        || coalesce({{ kecs_text('missing_references.missing_value') }}, '(blank)') || ' is not in '
        || missing_references.missing_table || '.csv' as detail
    from missing_references
    left join calendars
        on
            missing_references.calendar_id = calendars.calendar_id
            and calendars.is_in_scope
    where
        missing_references.table_name <> 'gradingscore'
        and (missing_references.state_code is null or calendars.calendar_id is not null)
),

final as (
    {{ kecs_issues_union([
        ('issue_21', ['school', 'person_id', 'section_id', 'enrollment_id']),
    ]) }}
)

select * from final
