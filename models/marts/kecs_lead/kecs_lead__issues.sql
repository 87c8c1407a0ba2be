-- KECS_LEAD_Issues.csv (R10): the problems in the data used by the other reports, one row per
-- problem record. The catalog (number, severity, name, message, reports affected, rules, fix) is
-- the seed kecs_issue_catalog; the typed rows (which records, and what is wrong in `detail`) are
-- int_kecs__issues, one family model per group of issue numbers. This mart formats them (3-digit
-- district and school numbers, Date Time Generated, End Year) under the file name of R4.BR1.
-- Sorted by Issue Number, then School Name, Last Name, First Name (Issue 1's published sort)
-- (meta export_order_by).
with issues as (
    select * from {{ ref('int_kecs__issues') }}
),

catalog as (
    select * from {{ ref('kecs_issue_catalog') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

final as (
    select
        {{ kecs_date_time_generated() }} as date_time_generated,
        cast(reporting_window.end_year as integer) as end_year,
        cast(issues.issue_number as integer) as issue_number,
        catalog.severity,
        catalog.issue_name,
        catalog.message,
        catalog.affects_report,
        catalog.rule_ids,
        {{ kecs_three_digits('issues.district_number') }} as district_number,
        issues.district_name,
        {{ kecs_three_digits('issues.school_number') }} as school_number,
        issues.school_name,
        cast(issues.person_id as bigint) as person_id,
        issues.first_name,
        issues.last_name,
        cast(issues.section_id as bigint) as section_id,
        issues.course_number,
        issues.section_number,
        cast(issues.enrollment_id as bigint) as enrollment_id,
        issues.detail
    from issues
    cross join reporting_window
    inner join catalog
        on issues.issue_number = catalog.issue_number
)

select * from final
