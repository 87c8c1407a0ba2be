-- The K-12 Student Course Assignment V2 Issues report: one row per data problem that drops or
-- changes a record of the file (catalog: seed il_sca_issue_catalog), in the column shape shared
-- with the KECS LEAD Issues report (kecs_lead__issues). Typed rows: int_sca__issues.
with issues as (
    select * from {{ ref('int_sca__issues') }}
),

catalog as (
    select * from {{ ref('il_sca_issue_catalog') }}
),

final as (
    select
        cast(issues.date_time_generated as {{ string_type() }}) as date_time_generated,
        cast(issues.end_year as integer) as end_year,
        cast(issues.issue_number as integer) as issue_number,
        cast(catalog.severity as {{ string_type() }}) as severity,
        cast(catalog.issue_name as {{ string_type() }}) as issue_name,
        cast(catalog.message as {{ string_type() }}) as message,
        cast(catalog.affects_report as {{ string_type() }}) as affects_report,
        cast(catalog.document_rule as {{ string_type() }}) as rule_ids,
        cast(issues.district_number as {{ string_type() }}) as district_number,
        cast(issues.district_name as {{ string_type() }}) as district_name,
        cast(issues.school_number as {{ string_type() }}) as school_number,
        cast(issues.school_name as {{ string_type() }}) as school_name,
        cast(issues.person_id as {{ bigint_type() }}) as person_id,
        cast(issues.first_name as {{ string_type() }}) as first_name,
        cast(issues.last_name as {{ string_type() }}) as last_name,
        cast(issues.section_id as {{ bigint_type() }}) as section_id,
        cast(issues.course_number as {{ string_type() }}) as course_number,
        cast(issues.section_number as {{ string_type() }}) as section_number,
        cast(issues.enrollment_id as {{ bigint_type() }}) as enrollment_id,
        cast(issues.detail as {{ string_type() }}) as detail
    from issues
    inner join catalog
        on issues.issue_number = catalog.issue_number
)

select * from final
