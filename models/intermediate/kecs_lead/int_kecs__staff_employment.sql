-- One row per person and KY district with a District Employment record overlapping the reported
-- school year (07/01-06/30, R7.BR1, employment half), and the EPSB ID reported on STAFF.
-- EPSB ID rule (spec README): employment.licenseNumber of the employment record with a NULL end
-- date, else of the one with the latest start date overlapping the year.
-- Reading: only records overlapping the year are candidates (NULL start = open); several with NULL
-- end date: the latest start date; then the highest employmentID. The EPSB ID is taken from that
-- record even when it is blank (Issues, Error 4), never from another record, so the value can be
-- traced to one employment row.
with employment as (
    select * from {{ ref('stg_ic__employment') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

reporting_window as (
    select * from {{ ref('int_kecs__reporting_window') }}
),

overlapping as (
    select
        employment.employment_id,
        employment.person_id,
        employment.district_id,
        employment.start_date,
        employment.end_date,
        employment.license_number,
        row_number() over (
            partition by employment.person_id, employment.district_id
            order by
                case when employment.end_date is null then 0 else 1 end,
                employment.start_date desc nulls last,
                employment.employment_id desc
        ) as employment_rank,
        count(*) over (
            partition by employment.person_id, employment.district_id
        ) as employment_record_count
    from employment
    inner join districts
        on employment.district_id = districts.district_id
    cross join reporting_window
    where
        districts.state_code = 'KY'
        and employment.person_id is not null
        and {{ open_span_overlaps(
            'employment.start_date', 'employment.end_date',
            'reporting_window.staff_year_start_date', 'reporting_window.staff_year_end_date'
        ) }}
),

final as (
    select
        person_id,
        district_id,
        employment_id,
        start_date as employment_start_date,
        end_date as employment_end_date,
        license_number as epsb_id,
        employment_record_count
    from overlapping
    where employment_rank = 1
)

select * from final
