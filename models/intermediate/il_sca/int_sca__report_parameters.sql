-- SCA Report Editor: the editor's options as one row (Start Date, End Date, School Year, report
-- generation date, File Identifier, In-Progress Courses, 99 Records Only, Students without State
-- IDs, Strip Apostrophes, Report Protected Identities). Every other int_sca__ model reads its
-- options from this row, so a unit test can set them by giving the row.
-- "School Year: Reports the end year of the school year chosen in the extract editor" (blank
-- sca_end_year = the active school year). "Start Date / End Date: Entered date reflects the start
-- / end date of enrollment records to return" (blank = the selected school year's bounds).
with school_years as (
    select * from {{ ref('stg_ic__schoolyear') }}
),

chosen_year as (
    select {{ end_year_sql('sca_end_year', 'school_years') }} as end_year
),

final as (
    select
        chosen_year.end_year,
        school_years.start_date as school_year_start_date,
        school_years.end_date as school_year_end_date,
        {{ date_var_sql('sca_start_date', 'school_years.start_date') }} as start_date,
        {{ date_var_sql('sca_end_date', 'school_years.end_date') }} as end_date,
        {{ sca_as_of_date_sql() }} as as_of_date,
        {{ sca_date_time_generated_sql() }} as date_time_generated,
        cast('{{ sca_file_identifier() }}' as {{ string_type() }}) as file_identifier,
        {{ flag_sql('sca_in_progress') }} as is_in_progress_mode,
        {{ flag_sql('sca_records_99_only') }} as is_records_99_only,
        {{ flag_sql('sca_include_no_state_id') }} as includes_students_without_state_id,
        {{ flag_sql('sca_protected_identities') }} as reports_protected_identities,
        {{ flag_sql('sca_strip_apostrophes') }} as strips_apostrophes
    from chosen_year
    left join school_years
        on chosen_year.end_year = school_years.end_year
)

select * from final
