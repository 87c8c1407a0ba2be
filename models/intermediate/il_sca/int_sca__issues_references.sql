-- SCA Issue 25 (typed): raw rows pointing to a section, person, term, calendar or course the export
-- does not hold (Report Logic: active in a course/section within the Start Date and End Date):
-- Illinois rows of the selected calendars, and rows whose state cannot be traced. One row per raw
-- row and missing reference. In the shape of sca_issues_union; int_sca__issues unions the families.
with missing_references as (
    select * from {{ ref('int_raw__missing_references') }}
),

calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

issue_25 as (
    select
        25 as issue_number,
        calendars.calendar_id,
        missing_references.person_id,
        missing_references.section_id,
        missing_references.enrollment_id,
        missing_references.table_name || '.csv ' || missing_references.key_column || ' '
        || {{ sca_text('missing_references.key_value') }} || ': ' || missing_references.missing_column
        || ' ' || {{ sca_text('missing_references.missing_value') }} || ' is not in '
        || missing_references.missing_table || '.csv' as detail
    from missing_references
    left join calendars
        on missing_references.calendar_id = calendars.calendar_id
    where
        missing_references.state_code is null
        or calendars.calendar_id is not null
),

final as (
    {{ sca_issues_union([
        ('issue_25', ['calendar_id', 'person_id', 'section_id', 'enrollment_id']),
    ]) }}
)

select * from final
