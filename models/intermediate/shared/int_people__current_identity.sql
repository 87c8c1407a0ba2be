-- One row per person with the identity in force: person.currentIdentityID, else the identity with
-- the latest effectiveDate (then highest identityID). Names and demographics come from it.
with persons as (
    select * from {{ ref('stg_ic__person') }}
),

identities as (
    select * from {{ ref('stg_ic__identity') }}
),

ranked_identities as (
    select
        identities.*,
        row_number() over (
            partition by identities.person_id
            order by
                case when identities.identity_id = persons.current_identity_id then 0 else 1 end,
                identities.effective_date desc nulls last,
                identities.identity_id desc
        ) as identity_rank
    from identities
    inner join persons
        on identities.person_id = persons.person_id
),

final as (
    select
        persons.person_id,
        persons.state_id,
        persons.student_number,
        persons.staff_number,
        persons.staff_state_id,
        ranked_identities.identity_id,
        ranked_identities.last_name,
        ranked_identities.first_name,
        ranked_identities.middle_name,
        ranked_identities.suffix,
        ranked_identities.legal_last_name,
        ranked_identities.legal_first_name,
        ranked_identities.gender,
        ranked_identities.birthdate,
        ranked_identities.race_ethnicity_fed,
        ranked_identities.is_hispanic
    from persons
    left join ranked_identities
        on
            persons.person_id = ranked_identities.person_id
            and ranked_identities.identity_rank = 1
)

select * from final
