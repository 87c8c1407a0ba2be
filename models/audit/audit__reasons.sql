-- The catalog of reasons a raw row is set aside from a report (KECS LEAD and Illinois SCA), one
-- row per reason code, read from the seed reason_catalog (seeds/reference/reason_catalog.csv):
-- the rule ID of the requirement that sets the row aside (R1, R5.BR1..R5.BR9, R7.BR1, R8.BR1,
-- R9.BR1, the SCA rules, RAW, AUDIT), the short reason the accounting models and
-- `sis-extracts explain` show, what it means in plain words with how to fix it in the SIS, and the
-- Issues number it feeds. The accounting models (audit__kecs_lead_accounting,
-- audit__il_sca_accounting) name a reason code; its rule ID and words come from here, so each
-- reason is written once. docs/trust.md lists the same reasons (tests/python/test_accounting.py
-- checks that every code here is documented there).
with reason_catalog as (
    select * from {{ ref('reason_catalog') }}
),

final as (
    select
        cast(extract as {{ string_type() }}) as extract,
        cast(reason_code as {{ string_type() }}) as reason_code,
        cast(rule_id as {{ string_type() }}) as rule_id,
        cast(reason as {{ string_type() }}) as reason,
        cast(explanation as {{ string_type() }}) as explanation,
        cast(issue_number as integer) as issue_number
    from reason_catalog
)

select * from final
