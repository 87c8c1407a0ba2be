"""What the review page shows, aggregated in SQL from the run's database: the marts and the
reference seeds (a few rows each; nothing is decided again here)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from sis_extracts.export.marts import relation_exists
from sis_extracts.review.charts import BoxStats

# the marts and seeds each extract's review reads (schema.table of the run's database)
MARTS = {
    "kecs_lead": {
        "detail": "marts.kecs_lead__detail",
        "classes": "marts.kecs_lead__classes",
    },
    "il_sca": {
        "records": "marts.il_sca__student_course_assignment",
        "scores": "reference.il_state_course_scores",
    },
}

# P, K, 01..14, then anything else (text), then no grade
_GRADE_ORDER = (
    "case when g = 'P' then -2 when g = 'K' then -1 else coalesce(try_cast(g as integer), 98) end, "
    "g nulls last"
)




@dataclass
class IssueRow:
    number: str
    severity: str
    name: str
    count: int
    fix_in_sis: str




def students_by_grade(
    con: duckdb.DuckDBPyConnection, detail: str
) -> tuple[list[str], list[str], dict[tuple[str, str], int]] | None:
    """Students (distinct Student Person ID) of the Detail report per school and grade."""
    if not relation_exists(con, detail):
        return None
    rows = con.execute(
        "select coalesce(nullif(school_name, ''), school_number, '(no school)') as school, "
        "nullif(grade, '') as g, count(distinct student_person_id) as n "
        f"from {detail} where student_person_id is not null group by 1, 2 "
        f"order by school, {_GRADE_ORDER}"
    ).fetchall()
    grades = [
        g or "(none)"
        for (g,) in con.execute(
            f"select distinct nullif(grade, '') as g from {detail} where student_person_id is not null "
            f"order by {_GRADE_ORDER}"
        ).fetchall()
    ]
    schools = list(dict.fromkeys(r[0] for r in rows))
    counts = {(r[0], r[1] or "(none)"): int(r[2]) for r in rows}
    return schools, grades, counts


def class_sizes(con: duckdb.DuckDBPyConnection, classes: str) -> list[BoxStats] | None:
    """Total Students of each Classes row, per school: count, quartiles, extremes, mean."""
    if not relation_exists(con, classes):
        return None
    rows = con.execute(
        "with c as (select coalesce(nullif(school_name, ''), school_number, '(no school)') as school, "
        f"try_cast(total_students as integer) as n from {classes}) "
        "select school, count(*), min(n), quantile_cont(n, 0.25), median(n), quantile_cont(n, 0.75), "
        "max(n), avg(n) from c where n is not null group by 1 order by 1"
    ).fetchall()
    return [BoxStats(str(r[0]), int(r[1]), *(float(x) for x in r[2:])) for r in rows]


def il_records_by_term(con: duckdb.DuckDBPyConnection, records: str) -> list[tuple[str, int]] | None:
    if not relation_exists(con, records):
        return None
    rows = con.execute(
        f"select coalesce(nullif(term, ''), '(no term)') as t, count(*) from {records} "
        "group by 1 order by t = '(no term)', t"
    ).fetchall()
    return [(str(t), int(n)) for t, n in rows]


def il_final_grades(
    con: duckdb.DuckDBPyConnection, records: str, scores: str
) -> list[tuple[str, int]] | None:
    """Records per Course Final Letter Grade (the state score code, with its name from the seed)."""
    if not relation_exists(con, records):
        return None
    name = "''"
    join = ""
    if relation_exists(con, scores):
        name = "coalesce(any_value(s.score_name), '')"
        join = f"left join {scores} as s on cast(s.state_score as varchar) = r.course_final_letter_grade"
    rows = con.execute(
        f"select nullif(r.course_final_letter_grade, '') as g, {name} as nm, count(*) "
        f"from {records} as r {join} group by 1 order by g nulls last"
    ).fetchall()
    return [((f"{g} {nm}".strip() if g else "(no final grade)"), int(n)) for g, nm, n in rows]


def il_students_by_school(con: duckdb.DuckDBPyConnection, records: str) -> list[tuple[str, int]] | None:
    """Students (distinct person) with records, per Serving School RCDTS."""
    if not relation_exists(con, records):
        return None
    rows = con.execute(
        f"select coalesce(nullif(serving_school_rcdts, ''), '(none)') as s, count(distinct person_id) "
        f"from {records} group by 1 order by 1"
    ).fetchall()
    return [(str(s), int(n)) for s, n in rows]
