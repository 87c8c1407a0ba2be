-- Staging for raw table `course`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'course') }}
),

typed as (
    select
        {{ sis_to_int('"courseID"') }} as course_id,
        {{ sis_to_int('"calendarID"') }} as calendar_id,
        {{ sis_to_code('"number"') }} as course_number,
        {{ sis_to_text('"name"') }} as course_name,
        {{ sis_to_bool('"active"') }} as is_active,
        {{ sis_to_code('"stateCode"') }} as course_state_code,
        {{ sis_to_bool('"homeroom"') }} as is_homeroom,
        {{ sis_to_bool('"stateExclude"') }} as is_state_excluded,
        {{ sis_to_code('"coreContent"') }} as core_content,
        {{ sis_to_code('"teachingMethod"') }} as teaching_method,
        {{ sis_to_code('"courseLevel"') }} as course_level,
        {{ sis_to_bool('"articulatedCredit"') }} as has_articulated_credit,
        {{ sis_to_bool('"dualCredit"') }} as is_dual_credit,
        {{ sis_to_code('"setting"') }} as setting,
        {{ sis_to_code('"instructionLanguage"') }} as instruction_language,
        {{ sis_to_bool('"competencyBased"') }} as is_competency_based,
        {{ sis_unparsed_columns('course') }} as dq_unparsed_columns
    from source
)

select * from typed
