-- One row per school of a KY district with its State Classification and whether the KECS LEAD
-- Extract reports it. R5.BR4: only A1..A8, B1, B2, C1, C2, D1 (seed kecs_state_classifications,
-- is_reported) can show on the report; NULL or any other code is not reported.
with schools as (
    select * from {{ ref('stg_ic__school') }}
),

districts as (
    select * from {{ ref('stg_ic__district') }}
),

classifications as (
    select * from {{ ref('kecs_state_classifications') }}
),

final as (
    select
        schools.school_id,
        schools.district_id,
        schools.school_number,
        schools.school_name,
        upper(trim(schools.state_classification)) as state_classification,
        classifications.description as classification_description,
        coalesce(classifications.is_reported, false) as is_classification_reported
    from schools
    inner join districts
        on schools.district_id = districts.district_id
    left join classifications
        on upper(trim(schools.state_classification)) = classifications.state_classification
    where districts.state_code = 'KY'
)

select * from final
