-- The header of each K-12 Student Course Assignment V2 district file (Header Layout: FileType,
-- Total Records, File Name, File Date, RCDTS): one row per district file, as the file's text.
-- file_name (without extension) is also the key the records mart carries.
with files as (
    select * from {{ ref('int_sca__district_files') }}
),

final as (
    select
        cast('Student Course Assignment' as {{ string_type() }}) as file_type,
        cast(files.total_records as {{ string_type() }}) as total_records,
        cast(files.file_name as {{ string_type() }}) as file_name,
        {{ format_date('files.file_date') }} as file_date,
        cast(files.header_rcdts as {{ string_type() }}) as rcdts,
        cast(files.district_id as {{ bigint_type() }}) as district_id
    from files
)

select * from final
