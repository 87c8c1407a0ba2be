-- Staging for raw table `person`: types, snake_case names, trims. Never filters a row.
with source as (
    select * from {{ source('ic', 'person') }}
),

typed as (
    select
        {{ sis_to_int('"personID"') }} as person_id,
        {{ sis_to_code('"stateID"') }} as state_id,
        {{ sis_to_code('"studentNumber"') }} as student_number,
        {{ sis_to_code('"staffNumber"') }} as staff_number,
        {{ sis_to_code('"staffStateID"') }} as staff_state_id,
        {{ sis_to_int('"currentIdentityID"') }} as current_identity_id,
        {{ sis_unparsed_columns('person') }} as dq_unparsed_columns
    from source
)

select * from typed
