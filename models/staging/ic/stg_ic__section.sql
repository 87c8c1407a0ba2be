-- Staging for raw table `section`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'section') }}
),

typed as (
    select
        {{ sis_to_int('"sectionID"') }} as section_id,
        {{ sis_to_int('"courseID"') }} as course_id,
        {{ sis_to_int('"trialID"') }} as trial_id,
        {{ sis_to_code('"number"') }} as section_number,
        {{ sis_to_int('"teacherPersonID"') }} as teacher_person_id,
        {{ sis_to_code('"termCode"') }} as term_code,
        {{ sis_to_code('"instructionalSetting"') }} as instructional_setting,
        {{ sis_to_code('"sectionSpecialType"') }} as section_special_type,
        {{ sis_to_code('"ktsExchange"') }} as kts_exchange,
        {{ sis_to_code('"responsive"') }} as responsive,
        {{ sis_to_bool('"crossSite"') }} as is_cross_site,
        {{ sis_unparsed_columns('section') }} as dq_unparsed_columns
    from source
)

select * from typed
