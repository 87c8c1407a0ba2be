-- "Reported" is the files' own content, in both directions: every row of the files stands on raw
-- rows the accounting calls reported, and the accounting's reported counts equal what the files
-- hold. KECS: each Detail section and Classes section is a reported section; each Detail student row
-- has a reported roster row and its enrollment is a reported Detail enrollment; each Staff row has a
-- reported assignment; Schoolwide / Caseload count exactly the reported enrollments. Illinois: each
-- record's section, roster row, enrollment, Single Parent / Displaced Homemaker enrollment and final
-- grade are reported. Returns one row per file row (or count) that the accounting does not explain.
with kecs as (
    select * from {{ ref('audit__kecs_lead_accounting') }}
    where status = 'reported'
),

sca as (
    select * from {{ ref('audit__il_sca_accounting') }}
    where status = 'reported'
),

detail_file as (
    select * from {{ ref('kecs_lead__detail') }}
),

sca_file as (
    select * from {{ ref('il_sca__student_course_assignment') }}
),

problems as (
    select
        'Detail section not reported in the accounting' as problem,
        detail_file.section_id as id
    from detail_file
    left join kecs
        on
            kecs.report = 'Detail'
            and kecs.candidate_kind = 'section'
            and detail_file.section_id = kecs.candidate_id
    where kecs.candidate_id is null

    union all

    select
        'Classes section not reported in the accounting' as problem,
        classes.section_id as id
    from {{ ref('kecs_lead__classes') }} as classes
    left join kecs
        on
            kecs.report = 'Classes'
            and kecs.candidate_kind = 'section'
            and classes.section_id = kecs.candidate_id
    where kecs.candidate_id is null

    union all

    select
        'Detail student row without a reported roster row' as problem,
        detail_file.section_id as id
    from detail_file
    left join kecs
        on
            kecs.report = 'Detail'
            and kecs.candidate_kind = 'roster'
            and detail_file.section_id = kecs.section_id
            and detail_file.student_person_id = kecs.person_id
    where
        detail_file.student_person_id is not null
        and kecs.candidate_id is null

    union all

    select
        'Detail enrollment not reported in the accounting' as problem,
        detail_file.enrollment_id as id
    from detail_file
    left join kecs
        on
            kecs.report = 'Detail'
            and kecs.candidate_kind = 'enrollment'
            and detail_file.enrollment_id = kecs.candidate_id
    where
        detail_file.enrollment_id is not null
        and kecs.candidate_id is null

    union all

    select
        'Staff row without a reported assignment' as problem,
        staff.person_id as id
    from {{ ref('kecs_lead__staff') }} as staff
    left join kecs
        on
            kecs.report = 'Staff'
            and staff.person_id = kecs.person_id
            and staff.school_id = kecs.school_id
    where kecs.candidate_id is null

    union all

    {%- for report, counted_model in [
        ('Schoolwide', 'int_kecs__schoolwide_students'),
        ('Caseload', 'int_kecs__caseload_students'),
    ] %}
        select
            '{{ report }}: counted enrollments and reported enrollments differ' as problem,
            cast(null as bigint) as id
        from (select count(*) as n from {{ ref(counted_model) }}) as counted
        cross join (select count(*) as n from kecs where report = '{{ report }}') as reported
        where counted.n <> reported.n

        union all
    {% endfor %}
    select
        'SCA record whose ' || ids.kind || ' is not reported in the accounting' as problem,
        ids.id
    from (
        select 'section' as kind, section_id as id from sca_file
        union all
        select 'roster' as kind, roster_id as id from sca_file
        union all
        select 'enrollment' as kind, enrollment_id as id from sca_file
        union all
        select 'enrollment' as kind, sp_dh_enrollment_id as id from sca_file
        union all
        select 'grading score' as kind, grade_score_id as id from sca_file
        where grade_score_id is not null
    ) as ids
    left join sca
        on
            ids.kind = sca.candidate_kind
            and ids.id = sca.candidate_id
    where sca.candidate_id is null
)

select * from problems
