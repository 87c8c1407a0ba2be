-- SCA grade bands, from the real seed il_state_grades: "For students in grades PK-02 ... For
-- students in grades 03-12 ..." (02 -> PK-02, 03 -> 03-12) and Course Credit "state grade of K-08
-- ... 09-12" (08 -> K-08, 09 -> 09-12); 14 (PK) does not report, 15 (K) and 01..12 do. Returns the
-- seed rows that break a band.
with grades as (
    select * from {{ ref('il_state_grades') }}
),

expected as (
    select '14' as state_grade, false as is_reported, 'PK-02' as grade_rule_band, cast(null as {{ dbt.type_string() }}) as credit_band
    union all select '15', true, 'PK-02', 'K-08'
    union all select '02', true, 'PK-02', 'K-08'
    union all select '03', true, '03-12', 'K-08'
    union all select '08', true, '03-12', 'K-08'
    union all select '09', true, '03-12', '09-12'
    union all select '12', true, '03-12', '09-12'
)

select expected.*
from expected
left join grades
    on expected.state_grade = grades.state_grade
where
    grades.state_grade is null
    or grades.is_reported <> expected.is_reported
    or grades.grade_rule_band <> expected.grade_rule_band
    or coalesce(grades.credit_band, '-') <> coalesce(expected.credit_band, '-')
