-- `sis-extracts explain kecs-lead --staff`: a person's District Employment records, marking the
-- one R7.BR1 reads (active staff, EPSB ID: int_kecs__staff_employment). One row per raw
-- employment record.
with employment as (
    select * from {{ ref('stg_ic__employment') }}
),

staff_employment as (
    select * from {{ ref('int_kecs__staff_employment') }}
),

final as (
    select
        employment.employment_id,
        employment.person_id,
        employment.license_number,
        staff_employment.employment_id is not null as is_epsb_source,
        employment.district_id,
        employment.start_date,
        employment.end_date
    from employment
    left join staff_employment
        on employment.employment_id = staff_employment.employment_id
)

select * from final
