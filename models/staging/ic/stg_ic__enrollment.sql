-- Staging for raw table `enrollment`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'enrollment') }}
),

typed as (
    select
        {{ sis_to_int('"enrollmentID"') }} as enrollment_id,
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_int('"structureID"') }} as structure_id,
        {{ sis_to_code('"grade"') }} as grade_level_name,
        {{ sis_to_code('"serviceType"') }} as service_type,
        {{ sis_to_date('"startDate"') }} as start_date,
        {{ sis_to_date('"endDate"') }} as end_date,
        {{ sis_to_code('"endStatus"') }} as end_status,
        {{ sis_to_bool('"noShow"') }} as is_no_show,
        {{ sis_to_bool('"stateExclude"') }} as is_state_excluded,
        {{ sis_to_code('"disability1"') }} as primary_disability,
        {{ sis_to_code('"specialEdStatus"') }} as special_ed_status,
        {{ sis_to_bool('"singleParent"') }} as is_single_parent,
        {{ sis_to_bool('"displacedHomemaker"') }} as is_displaced_homemaker,
        {{ sis_to_code('"homeSchoolRCDTS"') }} as home_school_rcdts,
        {{ sis_to_code('"servingSchoolRCDTS"') }} as serving_school_rcdts,
        {{ sis_unparsed_columns('enrollment') }} as dq_unparsed_columns
    from source
)

select * from typed
