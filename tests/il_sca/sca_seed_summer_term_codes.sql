-- SCA Term, from the real seed il_term_codes: "If the section is tied to a calendar with the Summer
-- School checkbox marked, Y2, T4, or S3 reports": Y1 -> Y2, S1 and S2 -> S3, T1, T2 and T3 -> T4.
-- Returns the seed rows that break it.
with term_codes as (
    select * from {{ ref('il_term_codes') }}
),

expected as (
    select 'Y1' as term_code, 'Y2' as summer_term_code
    union all select 'S1', 'S3'
    union all select 'S2', 'S3'
    union all select 'T1', 'T4'
    union all select 'T2', 'T4'
    union all select 'T3', 'T4'
)

select expected.*
from expected
left join term_codes
    on expected.term_code = term_codes.term_code
where term_codes.term_code is null or coalesce(term_codes.summer_term_code, '-') <> expected.summer_term_code
