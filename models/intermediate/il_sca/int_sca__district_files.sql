-- SCA Header Layout: one file per Illinois district with a selected calendar, a complete RCDT and
-- at least one record (no empty file is written: a district without records has no file).
-- File Name: "EN + RCDT or District Name + _ + Date (mmddyyy)_File Identifier (i.e.,
-- SCA12_5008210400200_06222005_001.ext)". The document's only sample of a real name starts with
-- 'SCA12_', so the name is 'SCA12_' + the district's RCDT (region 2 + county 3 + district number 4
-- + district type 2) + '_' + the report generation date as mmddyyyy + '_' + the File Identifier
-- (var sca_file_id, default '001'); no extension (the exporter adds it).
-- RCDTS: "The Region-County-District-Type-School code that uniquely identifies the school
-- generating the extract": when every record of the file comes from the calendars of one school,
-- that school's RCDTS; when the file holds records of several schools, the district generates it:
-- its RCDT + '0000'.
-- Total Records: "The total amount of records generated" (reported records of the district).
with calendars as (
    select * from {{ ref('int_sca__calendars_selected') }}
),

assignments as (
    select * from {{ ref('int_sca__course_assignments') }}
    where is_reported
),

parameters as (
    select * from {{ ref('int_sca__report_parameters') }}
),

districts as (
    select
        district_id,
        min(district_number) as district_number,
        min(district_name) as district_name,
        min(district_rcdts) as district_rcdts
    from calendars
    where district_rcdts is not null
    group by district_id
),

record_counts as (
    select
        assignments.district_id,
        count(*) as total_records,
        count(distinct calendars.school_rcdts) as school_count,
        min(calendars.school_rcdts) as only_school_rcdts
    from assignments
    inner join calendars
        on assignments.calendar_id = calendars.calendar_id
    group by assignments.district_id
),

final as (
    select
        districts.district_id,
        districts.district_number,
        districts.district_name,
        districts.district_rcdts,
        case
            when record_counts.school_count = 1 then record_counts.only_school_rcdts
            else districts.district_rcdts
        end as header_rcdts,
        'SCA12_' || left(districts.district_rcdts, 11) || '_'
        || {{ format_date('parameters.as_of_date', 'MMDDYYYY') }} || '_'
        || parameters.file_identifier as file_name,
        parameters.as_of_date as file_date,
        record_counts.total_records
    from districts
    cross join parameters
    inner join record_counts
        on districts.district_id = record_counts.district_id
)

select * from final
