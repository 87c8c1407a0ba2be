"""The synthetic district generator (src/sis_extracts/generate.py, docs/generator.md).

One 300-student district is generated twice (determinism) and then queried: contract
completeness, formats, referential integrity, consistency, proportions and every documented edge
case (each counted by a query). The same district is generated again with --rolled-over and with
--sqlserver-style (twice each: determinism), and the SQL Server-style files are staged by dbt next
to the plain ones (the raw layer must read both the same way).
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from test_raw_input import DBT, run_dbt  # dbt on a raw folder, private database and logs

from sis_extracts.generate import generate
from sis_extracts.generator.schema import CONTRACT, FOREIGN_KEYS, TEXT_COLUMNS

REPO = Path(__file__).resolve().parents[2]
N = 300
SEED = 42


def load(folder: Path) -> duckdb.DuckDBPyConnection:
    """Every table of a generated folder, all columns as text."""
    con = duckdb.connect()
    for table in CONTRACT:
        path = (folder / f"{table}.csv").as_posix()
        con.execute(f"CREATE TABLE {table} AS SELECT * FROM read_csv('{path}', header = true, "
                    f"all_varchar = true, quote = '\"', escape = '\"')")
    return con


def generate_twice(factory: pytest.TempPathFactory, name: str, **options: bool) -> dict:
    """The same district generated twice with the same seed (folders "a" and "b") and its counts."""
    a = factory.mktemp(f"{name}_a")
    b = factory.mktemp(f"{name}_b")
    counts = generate(a, N, seed=SEED, **options)
    generate(b, N, seed=SEED, **options)
    return {"a": a, "b": b, "counts": counts}


def loaded(folder: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    # everything as text, as a reader that keeps codes' leading zeros would see it
    con = load(folder)
    yield con
    con.close()


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_twice(tmp_path_factory, "gen")


@pytest.fixture(scope="module")
def db(gen: dict) -> Iterator[duckdb.DuckDBPyConnection]:
    yield from loaded(gen["a"])


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_twice(tmp_path_factory, "rolled", rolled_over=True)


@pytest.fixture(scope="module")
def rdb(rolled: dict) -> Iterator[duckdb.DuckDBPyConnection]:
    yield from loaded(rolled["a"])


@pytest.fixture(scope="module")
def sqlsrv(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return generate_twice(tmp_path_factory, "sqlsrv", sqlserver_style=True)


# --- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["gen", "rolled", "sqlsrv"])
def test_same_seed_gives_byte_identical_files(which: str, request: pytest.FixtureRequest) -> None:
    run = request.getfixturevalue(which)
    names = sorted(p.name for p in run["a"].iterdir() if p.is_file())
    assert names == sorted(f"{t}.csv" for t in CONTRACT)
    _match, mismatch, errors = filecmp.cmpfiles(run["a"], run["b"], names, shallow=False)
    assert not mismatch and not errors, f"files differ between two runs: {mismatch + errors}"


def test_other_seed_gives_other_data(gen: dict, tmp_path: Path) -> None:
    generate(tmp_path, 100, seed=7)
    small = tmp_path / "identity.csv"
    assert small.read_bytes() != (gen["a"] / "identity.csv").read_bytes()


def test_parquet_matches_csv_and_is_deterministic(tmp_path: Path) -> None:
    c1 = generate(tmp_path / "csv", 120, seed=3, fmt="csv")
    p1 = generate(tmp_path / "pq1", 120, seed=3, fmt="parquet")
    generate(tmp_path / "pq2", 120, seed=3, fmt="parquet")
    assert c1 == p1
    con = duckdb.connect()
    for table, cols in CONTRACT.items():
        f1, f2 = tmp_path / "pq1" / f"{table}.parquet", tmp_path / "pq2" / f"{table}.parquet"
        assert f1.read_bytes() == f2.read_bytes(), table
        names = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM '{f1.as_posix()}'").fetchall()]
        assert names == [c for c, _ in cols]
        csv_rows = con.execute(
            f"SELECT count(*) FROM read_csv('{(tmp_path / 'csv' / f'{table}.csv').as_posix()}',"
            " header = true, all_varchar = true)").fetchone()[0]
        assert csv_rows == c1[table]
    con.close()


# --- the contract -----------------------------------------------------------------------------


def _contract_from_spec() -> dict[str, list[str]] | None:
    for cand in (REPO.parent / "shared" / "spec" / "raw_contract.md",
                 REPO / "shared" / "spec" / "raw_contract.md",
                 Path("/work/shared/spec/raw_contract.md")):
        if cand.exists():
            text = cand.read_text("utf-8")
            break
    else:
        return None
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        m = re.match(r"^\|\s*([a-z]+)\s*\|\s*(.+?)\s*\|\s*$", line)
        if not m or m.group(1) == "table":
            continue
        cols = m.group(2).split("—")[0]
        while re.search(r"\([^()]*\)", cols):
            cols = re.sub(r"\([^()]*\)", "", cols)
        out[m.group(1)] = [c.strip() for c in cols.split(",") if c.strip()]
    return out


def test_schema_module_matches_the_spec() -> None:
    spec = _contract_from_spec()
    if spec is None:
        pytest.skip("shared/spec/raw_contract.md is not beside the repository")
    assert {t: [c for c, _ in cols] for t, cols in CONTRACT.items()} == spec


def test_every_table_and_column_is_written_in_order(gen: dict) -> None:
    for table, cols in CONTRACT.items():
        header = (gen["a"] / f"{table}.csv").read_text("utf-8").splitlines()[0]
        assert header == ",".join(c for c, _ in cols), table


def test_returned_counts_match_the_files(gen: dict, db) -> None:
    for table in CONTRACT:
        assert gen["counts"][table] == count(db, f"SELECT * FROM {table}"), table
    assert all(n > 0 for n in gen["counts"].values())


def test_every_column_has_values(db) -> None:
    """No column is all NULL: every (opt) column is exercised too."""
    for table, cols in CONTRACT.items():
        for col, _ in cols:
            assert count(db, f'SELECT 1 FROM {table} WHERE "{col}" IS NOT NULL'), (table, col)


# --- formats ----------------------------------------------------------------------------------


def test_formats(db) -> None:
    for table, cols in CONTRACT.items():
        for col, typ in cols:
            if typ == "DATE":
                assert not count(db, f"""SELECT 1 FROM {table} WHERE "{col}" IS NOT NULL
                    AND NOT regexp_full_match("{col}", '\\d{{4}}-\\d{{2}}-\\d{{2}}')"""), (table, col)
    flags = [("school", "exclude"), ("calendar", "summerSchool"), ("calendar", "exclude"),
             ("day", "instruction"), ("enrollment", "noShow"), ("enrollment", "stateExclude"),
             ("course", "active"), ("course", "homeroom"), ("section", "crossSite"),
             ("gradingtask", "stateReported"), ("employmentassignment", "teacher")]
    for table, col in flags:
        assert not count(db, f'SELECT 1 FROM {table} WHERE "{col}" NOT IN (\'0\', \'1\')')
    assert db.execute("SELECT number FROM district ORDER BY districtID").fetchall() == [
        ("061",), ("0204",)]
    assert not count(db, """SELECT 1 FROM school s JOIN district d USING (districtID)
        WHERE length(s.number) <> CASE d.state WHEN 'KY' THEN 3 ELSE 4 END""")
    assert count(db, "SELECT 1 FROM school WHERE number LIKE '0%'")
    assert not count(db, """SELECT 1 FROM person p JOIN enrollment e USING (personID)
        JOIN calendar c USING (calendarID)
        WHERE p.stateID IS NOT NULL
          AND length(p.stateID) <> CASE c.districtID WHEN 1 THEN 10 ELSE 9 END""")
    assert not count(db, """SELECT 1 FROM enrollment WHERE length(homeSchoolRCDTS) <> 15
        OR length(servingSchoolRCDTS) <> 15""")
    assert count(db, "SELECT 1 FROM person WHERE studentNumber LIKE '0%'")
    assert count(db, "SELECT 1 FROM scorelistitem WHERE stateScore LIKE '0%'")


# --- referential integrity and consistency ----------------------------------------------------


# The deliberate orphans of docs/generator.md ("Suspicious values"): how many a 300-student
# district holds (one of each kind; the wrong grade levels: the two showcase students and 0.2% of
# grade 05 and 08 students).
DELIBERATE_ORPHANS = {
    "enrollment.calendarID+grade": (2, 4),
    "roster.personID": (1, 1),
    "roster.sectionID": (1, 1),
    "gradingscore.sectionID": (1, 1),
}


@pytest.mark.parametrize("child,ccols,parent,pcols", FOREIGN_KEYS,
                         ids=[f"{c}.{'+'.join(cc)}" for c, cc, _, _ in FOREIGN_KEYS])
def test_foreign_key_resolves(db, child, ccols, parent, pcols) -> None:
    on = " AND ".join(f'p."{pc}" = c."{cc}"' for cc, pc in zip(ccols, pcols))
    notnull = " AND ".join(f'c."{cc}" IS NOT NULL' for cc in ccols)
    orphans = count(db, f"""SELECT 1 FROM {child} c WHERE {notnull}
                            AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {on})""")
    lo, hi = DELIBERATE_ORPHANS.get(f"{child}.{'+'.join(ccols)}", (0, 0))
    assert lo <= orphans <= hi


PRIMARY_KEYS = {
    "district": "districtID", "school": "schoolID", "schoolyear": "endYear",
    "calendar": "calendarID", "day": "calendarID, structureID, date",
    "gradelevel": "calendarID, name", "schedulestructure": "structureID", "trial": "trialID",
    "termschedule": "termScheduleID", "term": "termID", "person": "personID",
    "identity": "identityID", "enrollment": "enrollmentID", "lep": "personID",
    "course": "courseID", "section": "sectionID",
    "sectionplacement": "sectionID, termID, periodID", "roster": "rosterID",
    "gradingtask": "taskID", "coursegradingtask": "courseID, taskID",
    "scoregroup": "scoreGroupID", "scorelistitem": "scoreGroupID, score",
    "gradingscore": "scoreID", "employment": "employmentID",
    "employmentassignment": "assignmentID",
}


@pytest.mark.parametrize("table", sorted(PRIMARY_KEYS))
def test_keys_are_unique(db, table) -> None:
    key = PRIMARY_KEYS[table]
    assert not count(db, f"SELECT {key} FROM {table} GROUP BY ALL HAVING count(*) > 1")


CONSISTENCY = {
    "current identity belongs to the person": """
        SELECT 1 FROM person p JOIN identity i ON i.identityID = p.currentIdentityID
        WHERE i.personID <> p.personID""",
    "enrollment structure is in the enrollment calendar": """
        SELECT 1 FROM enrollment e JOIN schedulestructure s USING (structureID)
        WHERE s.calendarID <> e.calendarID""",
    "enrollment ends on or after it starts (but the deliberate extra ones)": """
        SELECT 1 FROM enrollment e WHERE e.endDate::DATE < e.startDate::DATE
          AND NOT EXISTS (SELECT 1 FROM enrollment o WHERE o.personID = e.personID
                          AND o.enrollmentID <> e.enrollmentID
                          AND coalesce(o.endDate, '9999-12-31')::DATE >= o.startDate::DATE)""",
    "section trial's calendar is the course calendar": """
        SELECT 1 FROM section s JOIN trial t USING (trialID) JOIN course c USING (courseID)
        WHERE t.calendarID <> c.calendarID""",
    "roster trial is the section trial": """
        SELECT 1 FROM roster r JOIN section s USING (sectionID) WHERE r.trialID <> s.trialID""",
    "placement trial is the section trial": """
        SELECT 1 FROM sectionplacement p JOIN section s USING (sectionID)
        WHERE p.trialID <> s.trialID""",
    "placement term is in the section's structure": """
        SELECT 1 FROM sectionplacement p JOIN section s USING (sectionID)
        JOIN trial t ON t.trialID = s.trialID JOIN term tm ON tm.termID = p.termID
        JOIN termschedule ts ON ts.termScheduleID = tm.termScheduleID
        WHERE ts.structureID <> t.structureID""",
    "day structure is in the day calendar": """
        SELECT 1 FROM day d JOIN schedulestructure s USING (structureID)
        WHERE s.calendarID <> d.calendarID""",
    "roster dates are ordered": """
        SELECT 1 FROM roster WHERE endDate::DATE < startDate::DATE""",
    "grade's calendar is the course calendar": """
        SELECT 1 FROM gradingscore g JOIN section s USING (sectionID)
        JOIN course c USING (courseID) WHERE c.calendarID <> g.calendarID""",
    "grade's score is in the course task's score group": """
        SELECT 1 FROM gradingscore g JOIN section s USING (sectionID)
        JOIN coursegradingtask cg ON cg.courseID = s.courseID AND cg.taskID = g.taskID
        WHERE NOT EXISTS (SELECT 1 FROM scorelistitem i
                          WHERE i.scoreGroupID = cg.scoreGroupID AND i.score = g.score)""",
    "grade's task is on the course and its term mask": """
        SELECT 1 FROM gradingscore g JOIN section s USING (sectionID)
        JOIN term t ON t.termID = g.termID
        LEFT JOIN coursegradingtask cg ON cg.courseID = s.courseID AND cg.taskID = g.taskID
        WHERE cg.courseID IS NULL OR substr(cg.termMask, t.seq::INTEGER, 1) <> '1'""",
    "grades only for rosters": """
        SELECT 1 FROM gradingscore g WHERE NOT EXISTS (
          SELECT 1 FROM roster r WHERE r.personID = g.personID AND r.sectionID = g.sectionID)""",
    "term mask has one char per term": """
        SELECT 1 FROM coursegradingtask cg JOIN course c USING (courseID)
        JOIN schedulestructure s ON s.calendarID = c.calendarID AND s.name IN ('Main', 'Summer')
        JOIN termschedule ts ON ts.structureID = s.structureID
        WHERE length(cg.termMask) <> (SELECT count(*) FROM term t
                                      WHERE t.termScheduleID = ts.termScheduleID)""",
    "terms partition the calendar": """
        WITH t AS (SELECT tm.*, s.calendarID,
                     lag(tm.endDate::DATE) OVER (PARTITION BY tm.termScheduleID
                                                 ORDER BY tm.seq::INTEGER) AS prev_end
                   FROM term tm JOIN termschedule ts USING (termScheduleID)
                   JOIN schedulestructure s USING (structureID))
        SELECT 1 FROM t JOIN calendar c USING (calendarID)
        WHERE (t.seq = '1' AND t.startDate <> c.startDate)
           OR (t.seq <> '1' AND t.startDate::DATE <> t.prev_end + 1)""",
    "enrollment grade fits the birthdate (3..22 birthdays by Sept 1)": """
        SELECT 1 FROM enrollment e JOIN person p USING (personID)
        JOIN identity i ON i.identityID = p.currentIdentityID JOIN calendar c USING (calendarID)
        WHERE date_diff('year', i.birthdate::DATE, make_date(c.endYear::INTEGER - 1, 9, 1))
              NOT BETWEEN 3 AND 22""",
    "students and staff are distinct persons": """
        SELECT 1 FROM person WHERE stateID IS NOT NULL AND staffNumber IS NOT NULL""",
}


@pytest.mark.parametrize("name", sorted(CONSISTENCY))
def test_consistency(db, name) -> None:
    assert count(db, CONSISTENCY[name]) == 0, name


# --- proportions ------------------------------------------------------------------------------


def test_proportions(db) -> None:
    def one(sql):
        return db.execute(sql).fetchone()[0]

    students = one("SELECT count(*) FROM person WHERE studentNumber IS NOT NULL")
    assert students == N
    ky = one("""SELECT count(DISTINCT personID) FROM enrollment JOIN calendar USING (calendarID)
                WHERE districtID = '1'""")
    assert 0.35 < ky / N < 0.65
    prior = one("""SELECT count(DISTINCT personID) FROM enrollment JOIN calendar USING (calendarID)
                   WHERE endYear = '2024'""")
    assert 0.05 < prior / N < 0.3
    dis = one("SELECT count(DISTINCT personID) FROM enrollment WHERE disability1 IS NOT NULL")
    assert 0.08 < dis / N < 0.3
    lep = one("SELECT count(*) FROM lep")
    assert 0.04 < lep / N < 0.25
    # sections per student in the active year: about 4-9
    per = one("""SELECT avg(n) FROM (SELECT r.personID, count(*) n FROM roster r
                 JOIN trial t USING (trialID) JOIN calendar c USING (calendarID)
                 WHERE t.active = '1' AND c.endYear = '2025' AND c.summerSchool = '0'
                 GROUP BY 1)""")
    assert 4 <= per <= 9


# --- edge cases (docs/generator.md) -----------------------------------------------------------

KECS_CLASSES = "('A1','A2','A3','A4','A5','A6','A7','A8','B1','B2','C1','C2','D1')"

EDGE_CASES = {
    # organisation and calendars
    "KY school outside the KECS classifications": f"""
        SELECT 1 FROM school WHERE districtID = '1'
          AND (stateClassification IS NULL OR stateClassification NOT IN {KECS_CLASSES})""",
    "KY school classification NULL": """
        SELECT 1 FROM school WHERE districtID = '1' AND stateClassification IS NULL""",
    "KY school classification other than A1 in KECS": f"""
        SELECT 1 FROM school WHERE stateClassification IN {KECS_CLASSES}
          AND stateClassification <> 'A1'""",
    "school exclude=1": "SELECT 1 FROM school WHERE exclude = '1'",
    "calendar exclude=1": "SELECT 1 FROM calendar WHERE exclude = '1' AND summerSchool = '0'",
    "summer calendar": "SELECT 1 FROM calendar WHERE summerSchool = '1'",
    "summer calendar exclude=1": "SELECT 1 FROM calendar WHERE summerSchool = '1' AND exclude = '1'",
    "last instruction day before a weekday calendar end": """
        SELECT 1 FROM calendar c WHERE dayofweek(c.endDate::DATE) BETWEEN 1 AND 5
          AND (SELECT max(date::DATE) FROM day d WHERE d.calendarID = c.calendarID
               AND d.instruction = '1') < c.endDate::DATE""",
    "gradelevel exclude=1": "SELECT 1 FROM gradelevel WHERE exclude = '1'",
    "IL state grades 14 (PK) and 15 (K)": """
        SELECT 1 FROM (SELECT DISTINCT stateGrade FROM gradelevel g JOIN calendar c
                       USING (calendarID) WHERE c.districtID = '2'
                       AND stateGrade IN ('14', '15')) HAVING count(*) = 2""",
    "KY state grades P, K, 13 and 14": """
        SELECT 1 FROM (SELECT DISTINCT stateGrade FROM gradelevel g JOIN calendar c
                       USING (calendarID) WHERE c.districtID = '1'
                       AND stateGrade IN ('P', 'K', '13', '14')) HAVING count(*) = 4""",
    "calendar with two active structures": """
        SELECT calendarID FROM schedulestructure WHERE active = '1'
        GROUP BY 1 HAVING count(*) = 2""",
    "inactive structure": "SELECT 1 FROM schedulestructure WHERE active = '0'",
    "inactive trial with sections and rosters": """
        SELECT 1 FROM trial t JOIN section s USING (trialID) JOIN roster r USING (sectionID)
        WHERE t.active = '0'""",
    "term schedules of 1, 2, 3 and 4 terms": """
        SELECT 1 FROM (SELECT DISTINCT n FROM (SELECT termScheduleID, count(*) n FROM term
                                               GROUP BY 1)) HAVING count(*) = 4""",
    # people
    "person with two identities": "SELECT personID FROM identity GROUP BY 1 HAVING count(*) = 2",
    "current identity is not the highest identityID": """
        SELECT 1 FROM person p WHERE p.currentIdentityID::INTEGER <
          (SELECT max(identityID::INTEGER) FROM identity i WHERE i.personID = p.personID)""",
    "name with an apostrophe": "SELECT 1 FROM identity WHERE lastName LIKE '%''%' OR firstName LIKE '%''%'",
    "last name with a comma": "SELECT 1 FROM identity WHERE lastName LIKE '%,%'",
    "name with a period": "SELECT 1 FROM identity WHERE lastName LIKE '%.%' OR middleName LIKE '%.%'",
    "name with an accent": """
        SELECT 1 FROM identity WHERE regexp_matches(lastName || firstName, '[^\\x00-\\x7F]')""",
    "suffix": "SELECT 1 FROM identity WHERE suffix IS NOT NULL",
    "legal name differs": """
        SELECT 1 FROM identity WHERE legalFirstName <> firstName OR legalLastName <> lastName""",
    "gender X": "SELECT 1 FROM identity WHERE gender = 'X'",
    "all seven race codes": """
        SELECT 1 FROM (SELECT DISTINCT raceEthnicityFed FROM identity) HAVING count(*) = 7""",
    "student with NULL state ID": """
        SELECT 1 FROM person WHERE studentNumber IS NOT NULL AND stateID IS NULL""",
    # enrollment
    "serviceType S": "SELECT 1 FROM enrollment WHERE serviceType = 'S'",
    "serviceType N": "SELECT 1 FROM enrollment WHERE serviceType = 'N'",
    "no-show": "SELECT 1 FROM enrollment WHERE noShow = '1'",
    "stateExclude": "SELECT 1 FROM enrollment WHERE stateExclude = '1'",
    "mid-year withdrawal": """
        SELECT 1 FROM enrollment e JOIN calendar c USING (calendarID)
        WHERE e.endDate::DATE < c.endDate::DATE - 20 AND e.endStatus LIKE 'W%'""",
    "re-enrollment at another school": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.enrollmentID < b.enrollmentID AND a.serviceType = 'P' AND b.serviceType = 'P'
        JOIN calendar ca ON ca.calendarID = a.calendarID
        JOIN calendar cb ON cb.calendarID = b.calendarID
        WHERE ca.endYear = cb.endYear AND ca.schoolID <> cb.schoolID
          AND a.endDate::DATE < b.startDate::DATE AND a.noShow = '0'""",
    "re-enrollment in the same calendar": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.calendarID = b.calendarID AND a.enrollmentID < b.enrollmentID
          AND a.serviceType = 'P' AND b.serviceType = 'P'
        WHERE a.endDate::DATE < b.startDate::DATE""",
    "overlapping P enrollments": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.enrollmentID < b.enrollmentID AND a.serviceType = 'P' AND b.serviceType = 'P'
          AND a.startDate <> b.startDate
        WHERE b.startDate::DATE <= a.endDate::DATE AND a.startDate::DATE <= b.startDate::DATE""",
    "identical dates, different service types": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.enrollmentID < b.enrollmentID AND a.startDate = b.startDate
          AND a.endDate IS NOT DISTINCT FROM b.endDate AND a.serviceType <> b.serviceType""",
    "identical dates, both P (tie on enrollmentID)": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.enrollmentID < b.enrollmentID AND a.startDate = b.startDate
          AND a.endDate IS NOT DISTINCT FROM b.endDate
          AND a.serviceType = 'P' AND b.serviceType = 'P'""",
    "identical dates, both S (no P)": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.enrollmentID < b.enrollmentID AND a.startDate = b.startDate
          AND a.endDate IS NOT DISTINCT FROM b.endDate
          AND a.serviceType = 'S' AND b.serviceType = 'S'""",
    "IL enrollments of one student differing in singleParent": """
        SELECT 1 FROM enrollment a JOIN enrollment b ON a.personID = b.personID
          AND a.calendarID = b.calendarID AND a.enrollmentID < b.enrollmentID
        WHERE a.singleParent <> b.singleParent""",
    "singleParent and displacedHomemaker 1": """
        SELECT 1 FROM enrollment WHERE singleParent = '1' AND displacedHomemaker = '1'""",
    "homeSchoolRCDTS in another district": """
        SELECT 1 FROM enrollment WHERE homeSchoolRCDTS IS NOT NULL
          AND substr(homeSchoolRCDTS, 6, 4) <> '0204'""",
    "servingSchoolRCDTS set": "SELECT 1 FROM enrollment WHERE servingSchoolRCDTS IS NOT NULL",
    "disability": "SELECT 1 FROM enrollment WHERE disability1 IN ('SLD', 'DD', 'AUT', 'MMD', 'OHI')",
    "summer-school enrollment": """
        SELECT 1 FROM enrollment JOIN calendar USING (calendarID) WHERE summerSchool = '1'""",
    "enrollment ends on the last day of instruction": """
        SELECT 1 FROM enrollment e WHERE e.endDate = (SELECT max(date) FROM day d
          WHERE d.calendarID = e.calendarID AND d.instruction = '1')
          AND e.endDate <> (SELECT endDate FROM calendar c WHERE c.calendarID = e.calendarID)""",
    "enrollment with NULL end date": "SELECT 1 FROM enrollment WHERE endDate IS NULL",
    "mid-year entry": """
        SELECT 1 FROM enrollment e JOIN calendar c USING (calendarID)
        WHERE e.startDate::DATE > c.startDate::DATE + 20 AND e.serviceType = 'P'""",
    "prior-year enrollment": """
        SELECT 1 FROM enrollment JOIN calendar USING (calendarID) WHERE endYear = '2024'""",
    # English learners and case managers
    "LEP and Exited LEP": """
        SELECT 1 FROM (SELECT DISTINCT programStatus FROM lep) HAVING count(*) = 2""",
    "Exited LEP with exit date": """
        SELECT 1 FROM lep WHERE programStatus = 'Exited LEP' AND exitDate IS NOT NULL""",
    "student with a disability and no case manager": """
        SELECT DISTINCT e.personID FROM enrollment e WHERE e.disability1 IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM teammember t WHERE t.personID = e.personID
                          AND t.role = 'Case Manager' AND t.module = 'specialEd')""",
    "only an expired case manager": """
        SELECT personID FROM teammember WHERE role = 'Case Manager' AND module = 'specialEd'
        GROUP BY 1 HAVING max(coalesce(endDate, '9999-12-31')) < '2024-07-01'""",
    "case manager changed mid-year": """
        SELECT personID FROM teammember WHERE role = 'Case Manager' AND module = 'specialEd'
        GROUP BY 1 HAVING count(*) = 2""",
    "Case Manager outside specialEd": """
        SELECT 1 FROM teammember WHERE role = 'Case Manager' AND module <> 'specialEd'""",
    "other special-ed team role": """
        SELECT 1 FROM teammember WHERE role <> 'Case Manager' AND module = 'specialEd'""",
    # courses and sections
    "inactive course with students": """
        SELECT 1 FROM course c JOIN section s USING (courseID) JOIN roster r USING (sectionID)
        WHERE c.active = '0'""",
    "course with NULL stateCode": "SELECT 1 FROM course WHERE stateCode IS NULL AND homeroom = '0'",
    "homeroom course": "SELECT 1 FROM course WHERE homeroom = '1'",
    "course stateExclude": "SELECT 1 FROM course WHERE stateExclude = '1'",
    "KY teaching method other than 01": """
        SELECT 1 FROM course WHERE teachingMethod IN ('02', '10', '11', '12')""",
    "IL course level 05": "SELECT 1 FROM course WHERE courseLevel = '05'",
    "IL dual credit": "SELECT 1 FROM course WHERE dualCredit = '1'",
    "IL articulated credit": "SELECT 1 FROM course WHERE articulatedCredit = '1'",
    "IL setting other than 01": "SELECT 1 FROM course WHERE setting IN ('02', '03', '04', '05')",
    "IL instruction language other than English": """
        SELECT 1 FROM course WHERE instructionLanguage NOT IN ('000')""",
    "IL competency based": "SELECT 1 FROM course WHERE competencyBased = '1'",
    "KY 6-digit and IL 9-char state codes": """
        SELECT 1 FROM course c JOIN calendar USING (calendarID) GROUP BY ALL
        HAVING count(*) FILTER (WHERE districtID = '1' AND length(stateCode) <> 6) = 0
           AND count(*) FILTER (WHERE districtID = '2' AND length(stateCode) <> 9) = 0""",
    "section with no students": """
        SELECT 1 FROM section s WHERE NOT EXISTS (SELECT 1 FROM roster r
                                                  WHERE r.sectionID = s.sectionID)""",
    "section with NULL teacher": "SELECT 1 FROM section WHERE teacherPersonID IS NULL",
    "IL term codes Y1 S1 S2 Q1..Q4 T1..T3": """
        SELECT 1 FROM (SELECT DISTINCT termCode FROM section WHERE termCode IN
          ('Y1','S1','S2','Q1','Q2','Q3','Q4','T1','T2','T3')) HAVING count(*) = 10""",
    "IL summer term code": "SELECT 1 FROM section WHERE termCode IN ('Y2', 'S3', 'T4')",
    "IL section with NULL term code": """
        SELECT 1 FROM section s JOIN course c USING (courseID) JOIN calendar k USING (calendarID)
        WHERE k.districtID = '2' AND s.termCode IS NULL""",
    "cross-site section": "SELECT 1 FROM section WHERE crossSite = '1'",
    "KY section special type / KTS exchange / responsive": """
        SELECT 1 FROM section HAVING count(sectionSpecialType) > 0
          AND count(*) FILTER (WHERE ktsExchange = '1') > 0
          AND count(*) FILTER (WHERE responsive = '1') > 0""",
    "section with no placement": """
        SELECT 1 FROM section s JOIN trial t USING (trialID) WHERE t.active = '1'
          AND NOT EXISTS (SELECT 1 FROM sectionplacement p WHERE p.sectionID = s.sectionID)""",
    "section placed in several terms": """
        SELECT sectionID FROM sectionplacement GROUP BY 1 HAVING count(DISTINCT termID) > 1""",
    "section meeting two periods": """
        SELECT 1 FROM sectionplacement GROUP BY sectionID, termID HAVING count(*) > 1""",
    "co-teacher (T) and non-primary (N) staff": """
        SELECT 1 FROM (SELECT DISTINCT staffType FROM sectionstaffhistory) HAVING count(*) = 3""",
    "primary teacher changed mid-year": """
        SELECT sectionID FROM sectionstaffhistory WHERE staffType = 'P'
        GROUP BY 1 HAVING count(*) = 2""",
    # rosters and grades
    "roster dropped mid-term": "SELECT 1 FROM roster WHERE endDate IS NOT NULL",
    "roster added mid-term": "SELECT 1 FROM roster WHERE startDate IS NOT NULL",
    "dropped and re-added to another section of the course": """
        SELECT 1 FROM roster a JOIN roster b ON a.personID = b.personID
          AND a.sectionID <> b.sectionID
        JOIN section sa ON sa.sectionID = a.sectionID
        JOIN section sb ON sb.sectionID = b.sectionID AND sb.courseID = sa.courseID
        WHERE b.startDate::DATE = a.endDate::DATE + 1""",
    "credit amounts NULL, 0.25, 0.5 and 1": """
        SELECT 1 FROM coursegradingtask HAVING count(*) FILTER (WHERE creditAmount IS NULL) > 0
          AND count(*) FILTER (WHERE creditAmount::DECIMAL(6,3) = 0.5) > 0
          AND count(*) FILTER (WHERE creditAmount::DECIMAL(6,3) = 1) > 0
          AND count(*) FILTER (WHERE creditAmount::DECIMAL(6,3) = 0.25) > 0""",
    "term masks of 1 to 4 characters": """
        SELECT 1 FROM (SELECT DISTINCT length(termMask) FROM coursegradingtask)
        HAVING count(*) = 4""",
    "state-reported task with an all-zero term mask": """
        SELECT 1 FROM coursegradingtask cg JOIN gradingtask t USING (taskID)
        WHERE t.stateReported = '1' AND NOT contains(cg.termMask, '1')""",
    "graded course with students and no grading task": """
        SELECT 1 FROM course c WHERE c.homeroom = '0'
          AND EXISTS (SELECT 1 FROM section s JOIN roster r USING (sectionID)
                      WHERE s.courseID = c.courseID)
          AND NOT EXISTS (SELECT 1 FROM coursegradingtask cg WHERE cg.courseID = c.courseID)""",
    "unmapped score items": "SELECT 1 FROM scorelistitem WHERE stateScore IS NULL",
    "posted grade with no state score": """
        SELECT 1 FROM gradingscore g JOIN section s USING (sectionID)
        JOIN coursegradingtask cg ON cg.courseID = s.courseID AND cg.taskID = g.taskID
        JOIN scorelistitem i ON i.scoreGroupID = cg.scoreGroupID AND i.score = g.score
        WHERE i.stateScore IS NULL""",
    "state-reported roster with a missing grade": """
        SELECT 1 FROM roster r JOIN section s USING (sectionID)
        JOIN trial tr ON tr.trialID = s.trialID
        JOIN coursegradingtask cg ON cg.courseID = s.courseID
        JOIN gradingtask gt ON gt.taskID = cg.taskID AND gt.stateReported = '1'
        JOIN sectionplacement p ON p.sectionID = s.sectionID
        JOIN term t ON t.termID = p.termID AND substr(cg.termMask, t.seq::INTEGER, 1) = '1'
        WHERE tr.active = '1' AND r.endDate IS NULL AND r.startDate IS NULL
          AND NOT EXISTS (SELECT 1 FROM gradingscore g WHERE g.personID = r.personID
            AND g.sectionID = r.sectionID AND g.taskID = cg.taskID AND g.termID = t.termID)""",
    "withdrawn roster without a grade": """
        SELECT 1 FROM roster r JOIN section s USING (sectionID)
        JOIN coursegradingtask cg ON cg.courseID = s.courseID
        WHERE r.endDate IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM gradingscore g WHERE g.personID = r.personID
            AND g.sectionID = r.sectionID)""",
    "percent and letter grades": """
        SELECT 1 FROM gradingscore WHERE percent IS NOT NULL AND score IN ('A', 'B', 'C')""",
    # staff
    "employment without license number": "SELECT 1 FROM employment WHERE licenseNumber IS NULL",
    "staff with two employment records": """
        SELECT personID FROM employment GROUP BY 1 HAVING count(*) = 2""",
    "two employment records, none open, both in the year": """
        SELECT personID FROM employment WHERE startDate <= '2025-06-30'
          AND coalesce(endDate, '9999-12-31') >= '2024-07-01'
        GROUP BY 1 HAVING count(*) = 2 AND count(endDate) = 2""",
    "primary teacher with no employment": """
        SELECT 1 FROM section s WHERE s.teacherPersonID IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM employment e WHERE e.personID = s.teacherPersonID)""",
    "primary teacher whose employment does not overlap the year": """
        SELECT 1 FROM section s WHERE s.teacherPersonID IN (
          SELECT personID FROM employment GROUP BY 1
          HAVING max(coalesce(endDate, '9999-12-31')) < '2024-07-01'
              OR min(startDate) > '2025-06-30')""",
    "primary teacher with no assignment at the section's school": """
        SELECT 1 FROM section s JOIN course c USING (courseID) JOIN calendar k USING (calendarID)
        WHERE s.teacherPersonID IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM employmentassignment a WHERE a.personID = s.teacherPersonID
            AND a.schoolID = k.schoolID)""",
    "primary teacher with no assignment at all": """
        SELECT 1 FROM section s WHERE s.teacherPersonID IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM employmentassignment a WHERE a.personID = s.teacherPersonID)""",
    "teacher assignment with NULL type": """
        SELECT 1 FROM employmentassignment WHERE type IS NULL AND teacher = '1'""",
    "assignment that does not overlap the year": """
        SELECT 1 FROM employmentassignment WHERE endDate < '2024-07-01'
           OR startDate > '2025-06-30'""",
    "assignment with altType": "SELECT 1 FROM employmentassignment WHERE altType IS NOT NULL",
    "special-ed assignment": "SELECT 1 FROM employmentassignment WHERE specialEd = '1'",
    "staff at two schools": """
        SELECT personID FROM employmentassignment GROUP BY 1 HAVING count(DISTINCT schoolID) = 2""",
}


@pytest.mark.parametrize("name", list(EDGE_CASES))
def test_edge_case_present(db, name) -> None:
    assert count(db, EDGE_CASES[name]) > 0, name


# --- command line -----------------------------------------------------------------------------


def test_module_cli(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    res = subprocess.run([sys.executable, "-m", "sis_extracts.generate", "--students", "100",
                          "--seed", "5", "--out", str(tmp_path / "o")],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert res.returncode == 0, res.stderr
    assert "roster" in res.stdout and "wrote 27 csv files" in res.stdout
    assert (tmp_path / "o" / "gradingscore.csv").exists()


def test_script_wrapper(tmp_path: Path) -> None:
    script = REPO / "scripts" / "generate"
    assert os.access(script, os.X_OK)
    res = subprocess.run([str(script), "--students", "100", "--out", str(tmp_path / "w"),
                          "--format", "parquet"], capture_output=True, text=True, timeout=120,
                         check=False)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "w" / "person.parquet").exists()


def test_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(tmp_path, 100, fmt="xlsx")
    with pytest.raises(ValueError):
        generate(tmp_path, 2_000_001)
    with pytest.raises(ValueError):
        generate(tmp_path, 0)


# --- messier real-data cases (docs/generator.md) ----------------------------------------------

# last instruction day per (calendar, structure) and per calendar
LID_ST = """(SELECT calendarID, structureID,
                    max(date::DATE) FILTER (WHERE instruction = '1') AS lid
             FROM day GROUP BY ALL)"""
LID_CAL = """(SELECT calendarID, max(date::DATE) FILTER (WHERE instruction = '1') AS lid
              FROM day GROUP BY ALL)"""
FIRST_SCHOOLS = {
    "1": {"Dr. William H. Perry Elementary", "Echo Trail Middle", "duPont Manual High"},
    "2": {"O'Keeffe Elementary", "Jane Addams Middle", "Prairie Ridge High"},
}


def test_last_terms_mostly_end_after_the_last_day_of_instruction(db) -> None:
    n, after, weekend = db.execute(f"""
        WITH lid AS {LID_ST},
        lt AS (SELECT s.calendarID, s.structureID, max(t.endDate::DATE) AS tend
               FROM term t JOIN termschedule ts USING (termScheduleID)
               JOIN schedulestructure s USING (structureID) GROUP BY ALL)
        SELECT count(*), count(*) FILTER (WHERE lt.tend > lid.lid),
               count(*) FILTER (WHERE lt.tend > lid.lid AND dayofweek(lt.tend) IN (0, 6))
        FROM lt JOIN lid USING (calendarID, structureID) JOIN calendar c USING (calendarID)
        WHERE c.summerSchool = '0'""").fetchone()
    assert after >= 0.75 * n, (after, n)  # the common case (teacher days or the weekend after)
    assert weekend > 0 and after < n  # some on a weekend; some end on the last instruction day


def test_year_end_enrollments_end_on_the_last_day_of_instruction(db) -> None:
    # current-year P enrollments of the students who finish the year (not the showcase students)
    n, on_lid = db.execute(f"""
        WITH lid AS {LID_CAL}
        SELECT count(*), count(*) FILTER (WHERE e.endDate::DATE = lid.lid)
        FROM enrollment e JOIN lid USING (calendarID) JOIN calendar c USING (calendarID)
        WHERE c.endYear = '2025' AND c.summerSchool = '0' AND e.serviceType = 'P'
          AND e.personID::INTEGER > 10052
          AND (e.endDate IS NULL OR e.endDate::DATE >= lid.lid)""").fetchone()
    assert on_lid > 0.5 * n, (on_lid, n)
    # some rosters are end-dated on that day (most stay open), and keep their last-term grade
    ros, ros_on_lid, graded = db.execute(f"""
        WITH lid AS {LID_CAL},
        r AS (SELECT r.*, r.endDate::DATE = lid.lid AS on_lid
              FROM roster r JOIN trial t USING (trialID) JOIN lid USING (calendarID)
              JOIN calendar c USING (calendarID)
              WHERE t.active = '1' AND c.endYear = '2025' AND c.summerSchool = '0')
        SELECT count(*), count(*) FILTER (WHERE on_lid),
          count(*) FILTER (WHERE on_lid AND EXISTS (
            SELECT 1 FROM gradingscore g JOIN term tm USING (termID)
            WHERE g.personID = r.personID AND g.sectionID = r.sectionID
              AND tm.endDate::DATE > r.endDate::DATE))
        FROM r""").fetchone()
    assert 0 < ros_on_lid < 0.2 * ros
    assert graded > 0


def test_structures_of_a_calendar_end_on_different_days(db) -> None:
    rows = db.execute(f"""
        WITH lid AS {LID_ST}
        SELECT DISTINCT c.districtID, sch.name
        FROM lid a JOIN schedulestructure sa ON sa.structureID = a.structureID AND sa.name = 'Alt'
        JOIN lid m ON m.calendarID = a.calendarID
        JOIN schedulestructure sm ON sm.structureID = m.structureID AND sm.name = 'Main'
        JOIN calendar c ON c.calendarID = a.calendarID JOIN school sch USING (schoolID)
        WHERE a.lid < m.lid AND c.endYear = '2025'""").fetchall()
    assert {("1", "duPont Manual High"), ("2", "Prairie Ridge High")} <= set(rows)


def test_cross_site_sections_with_students(db) -> None:
    rows = db.execute("""
        SELECT DISTINCT k.districtID, sch.name, c.homeroom
        FROM section s JOIN course c USING (courseID) JOIN calendar k USING (calendarID)
        JOIN school sch USING (schoolID) JOIN trial t USING (trialID)
        WHERE s.crossSite = '1' AND t.active = '1' AND k.endYear = '2025'
          AND EXISTS (SELECT 1 FROM roster r WHERE r.sectionID = s.sectionID)""").fetchall()
    for d, schools in FIRST_SCHOOLS.items():
        # a cross-site homeroom and cross-site ordinary sections, in each school type
        assert any(r[0] == d and r[2] == "1" for r in rows), d
        assert schools <= {r[1] for r in rows if r[0] == d and r[2] == "0"}, d
    # a few per school: 6% of this small district's sections (2.4% at 3,000 students, 0.6% at 100,000)
    share = db.execute("SELECT avg((crossSite = '1')::INTEGER) FROM section").fetchone()[0]
    assert share < 0.1


def test_inactive_structure_with_an_active_trial_and_rosters(db) -> None:
    rows = db.execute("""
        SELECT DISTINCT k.districtID
        FROM schedulestructure st JOIN trial t ON t.structureID = st.structureID AND t.active = '1'
        JOIN section s ON s.trialID = t.trialID JOIN roster r ON r.sectionID = s.sectionID
        JOIN calendar k ON k.calendarID = st.calendarID
        WHERE st.active = '0'""").fetchall()
    assert {r[0] for r in rows} == {"1", "2"}
    # the prior build has no grades
    assert not count(db, """SELECT 1 FROM gradingscore g JOIN section s USING (sectionID)
        JOIN trial t USING (trialID) JOIN schedulestructure st USING (structureID)
        WHERE st.active = '0'""")


SUSPICIOUS = {
    "negative credit amount (Personal Finance, both first high schools)": ("""
        SELECT DISTINCT k.districtID FROM coursegradingtask cg JOIN course c USING (courseID)
        JOIN calendar k USING (calendarID)
        WHERE cg.creditAmount::DECIMAL(6, 3) < 0 AND c.name = 'Personal Finance'""", 2),
    "enrollment ending before it starts (10049 KY, 10050 IL)": ("""
        SELECT DISTINCT personID FROM enrollment WHERE endDate::DATE < startDate::DATE
          AND personID IN ('10049', '10050')""", 2),
    "roster of 10002 in a section that does not exist, with a grade": ("""
        SELECT 1 FROM roster r JOIN gradingscore g USING (personID, sectionID)
        WHERE r.personID = '10002'
          AND NOT EXISTS (SELECT 1 FROM section s WHERE s.sectionID = r.sectionID)""", 1),
    "roster of an unknown person (10000)": ("""
        SELECT 1 FROM roster r JOIN section s USING (sectionID) WHERE r.personID = '10000'
          AND NOT EXISTS (SELECT 1 FROM person p WHERE p.personID = r.personID)""", 1),
    "grade of 10002 posted Aug 15, after the school year ended": ("""
        SELECT DISTINCT g.date FROM gradingscore g JOIN calendar c USING (calendarID)
        JOIN schoolyear y USING (endYear)
        WHERE g.personID = '10002' AND c.summerSchool = '0'
          AND g.date::DATE > y.endDate::DATE AND g.date LIKE '%-08-15'""", 1),
    "grade level not of the calendar (10051 KY '09', 10052 IL '06')": ("""
        SELECT DISTINCT e.personID, e.grade FROM enrollment e
        WHERE e.personID IN ('10051', '10052') AND NOT EXISTS (
          SELECT 1 FROM gradelevel g WHERE g.calendarID = e.calendarID AND g.name = e.grade)""", 2),
}


@pytest.mark.parametrize("name", list(SUSPICIOUS))
def test_suspicious_value_present(db, name) -> None:
    sql, expected = SUSPICIOUS[name]
    assert count(db, sql) == expected, name


def test_suspicious_values_are_few(db) -> None:
    assert count(db, "SELECT 1 FROM coursegradingtask WHERE creditAmount::DECIMAL(6, 3) < 0") <= 4
    assert count(db, "SELECT 1 FROM enrollment WHERE endDate::DATE < startDate::DATE") <= 4
    late = db.execute("""
        SELECT avg((g.date::DATE > y.endDate::DATE)::INTEGER) FROM gradingscore g
        JOIN calendar c USING (calendarID) JOIN schoolyear y USING (endYear)
        WHERE c.summerSchool = '0'""").fetchone()[0]
    assert late < 0.01


# --- --rolled-over ----------------------------------------------------------------------------


def test_rolled_over_keeps_the_reported_years_and_adds_the_next(gen: dict, rolled: dict) -> None:
    """Every row of the plain district is in the rolled-over one, same ids, same bytes, first;
    only the schoolyear's active flag moves."""
    for table in CONTRACT:
        plain = (gen["a"] / f"{table}.csv").read_text("utf-8").splitlines()
        more = (rolled["a"] / f"{table}.csv").read_text("utf-8").splitlines()
        if table == "schoolyear":
            assert more == [
                "endYear,label,active,startDate,endDate",
                "2024,23-24,0,2023-07-01,2024-06-30",
                "2025,24-25,0,2024-07-01,2025-06-30",
                "2026,25-26,1,2025-07-01,2026-06-30",
            ]
            continue
        assert more[: len(plain)] == plain, table
        grows = {"calendar", "day", "gradelevel", "schedulestructure", "trial", "termschedule",
                 "term", "enrollment", "course", "coursegradingtask"}
        assert (len(more) > len(plain)) == (table in grows), table


def test_rolled_over_next_year_calendars(rdb) -> None:
    # every school has a 2026 regular calendar with a Main structure, an active trial, a term
    # schedule whose terms partition the calendar, day rows and grade levels
    assert not count(rdb, """SELECT 1 FROM school s WHERE NOT EXISTS (
        SELECT 1 FROM calendar c WHERE c.schoolID = s.schoolID AND c.endYear = '2026'
          AND c.summerSchool = '0')""")
    bad = count(rdb, """
        SELECT 1 FROM calendar c WHERE c.endYear = '2026' AND (
          NOT EXISTS (SELECT 1 FROM schedulestructure s JOIN trial t USING (structureID)
                      JOIN termschedule ts USING (structureID) JOIN term tm USING (termScheduleID)
                      WHERE s.calendarID = c.calendarID AND s.active = '1' AND t.active = '1'
                        AND tm.seq = '1' AND tm.startDate = c.startDate)
          OR NOT EXISTS (SELECT 1 FROM day d WHERE d.calendarID = c.calendarID
                         AND d.date = c.endDate)
          OR NOT EXISTS (SELECT 1 FROM gradelevel g WHERE g.calendarID = c.calendarID))""")
    assert bad == 0
    # the courses are copied: the same catalogue (number, name, state code, active) per school
    diff = count(rdb, """
        WITH c AS (SELECT k.schoolID, k.endYear, k.summerSchool, c.number, c.name, c.stateCode,
                          c.active
                   FROM course c JOIN calendar k USING (calendarID))
        (SELECT * EXCLUDE (endYear) FROM c WHERE endYear = '2025'
         EXCEPT SELECT * EXCLUDE (endYear) FROM c WHERE endYear = '2026')
        UNION ALL
        (SELECT * EXCLUDE (endYear) FROM c WHERE endYear = '2026'
         EXCEPT SELECT * EXCLUDE (endYear) FROM c WHERE endYear = '2025')""")
    assert diff == 0
    assert count(rdb, """SELECT 1 FROM course c JOIN calendar k USING (calendarID)
                         WHERE k.endYear = '2026'""")


def test_rolled_over_next_year_enrollments(rdb) -> None:
    nxt = """SELECT e.* FROM enrollment e JOIN calendar c USING (calendarID)
             WHERE c.endYear = '2026'"""
    assert count(rdb, nxt) > 0.7 * N
    # P from the first day of the new calendar, open
    assert not count(rdb, f"""SELECT 1 FROM ({nxt}) e JOIN calendar c USING (calendarID)
        WHERE e.serviceType <> 'P' OR e.startDate <> c.startDate OR e.endDate IS NOT NULL""")
    # grade + 1 (from the grade the student had; 10051 and 10052 were recorded one grade up),
    # seniors leave
    pairs = rdb.execute(f"""
        SELECT DISTINCT cur.grade, nxt.grade FROM ({nxt}) nxt
        JOIN enrollment cur ON cur.personID = nxt.personID
        JOIN calendar c ON c.calendarID = cur.calendarID
        WHERE c.endYear = '2025' AND c.summerSchool = '0' AND cur.serviceType = 'P'
          AND cur.personID NOT IN ('10051', '10052')""").fetchall()
    order = ["PK", "KG"] + [f"{g:02d}" for g in range(1, 13)]
    assert pairs and all(order.index(b) == order.index(a) + 1 for a, b in pairs), pairs
    assert not count(rdb, f"SELECT 1 FROM ({nxt}) e WHERE e.grade NOT IN {tuple(order)}")
    # the next year's grade levels exist; no sections, rosters or grades yet
    assert not count(rdb, f"""SELECT 1 FROM ({nxt}) e WHERE NOT EXISTS (
        SELECT 1 FROM gradelevel g WHERE g.calendarID = e.calendarID AND g.name = e.grade)""")
    assert not count(rdb, """SELECT 1 FROM section s JOIN course c USING (courseID)
        JOIN calendar k USING (calendarID) WHERE k.endYear = '2026'""")
    assert not count(rdb, """SELECT 1 FROM gradingscore g JOIN calendar k USING (calendarID)
        WHERE k.endYear = '2026'""")


# --- --sqlserver-style ------------------------------------------------------------------------


def test_sqlserver_style_values(gen: dict, sqlsrv: dict) -> None:
    assert sqlsrv["counts"] == gen["counts"]
    padded: set[str] = set()
    for table, cols in CONTRACT.items():
        raw = (sqlsrv["a"] / f"{table}.csv").read_bytes()
        assert raw.count(b"\n") == raw.count(b"\r\n") > 1, table  # CRLF line ends
        con = duckdb.connect()
        con.execute(f"""CREATE TABLE t AS SELECT * FROM read_csv(
            '{(sqlsrv['a'] / f'{table}.csv').as_posix()}', header = true, all_varchar = true,
            quote = '"', escape = '"')""")
        text = TEXT_COLUMNS.get(table, ())
        for col, typ in cols:
            q = f'"{col}"'
            if col in text:  # free text: as it is, empty for NULL, never the text NULL, no padding
                assert not count(con, f"SELECT 1 FROM t WHERE {q} = 'NULL' OR {q} <> trim({q})")
                continue
            # typed columns and codes: the text NULL, never empty
            assert not count(con, f"SELECT 1 FROM t WHERE {q} IS NULL"), (table, col)
            if typ == "DATE":
                assert not count(con, f"""SELECT 1 FROM t WHERE {q} <> 'NULL' AND NOT
                    regexp_full_match({q}, '\\d{{4}}-\\d{{2}}-\\d{{2}} 00:00:00\\.000')"""), (table, col)
            if count(con, f"SELECT 1 FROM t WHERE {q} <> trim({q})"):
                padded.add(f"{table}.{col}")
        con.close()
    for col in ("enrollment.serviceType", "enrollment.grade", "enrollment.personID",
                "section.crossSite"):
        assert col in padded, col
    db = load(sqlsrv["a"])
    assert count(db, "SELECT 1 FROM enrollment WHERE trim(serviceType) = 'P' AND serviceType <> 'P'")
    assert count(db, "SELECT 1 FROM enrollment WHERE endDate = 'NULL'")
    assert count(db, "SELECT 1 FROM identity WHERE middleName IS NULL")  # empty, not NULL text
    assert db.execute("SELECT startDate FROM schoolyear WHERE trim(endYear) = '2025'").fetchone() == (
        "2024-07-01 00:00:00.000",)
    db.close()


def test_sqlserver_style_is_csv_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="CSV only"):
        generate(tmp_path, 100, fmt="parquet", sqlserver_style=True)


@pytest.fixture(scope="module")
def staged_both(gen: dict, sqlsrv: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """`dbt run --select staging` on the plain and on the SQL Server-style export of the same
    seed; every staging table of each, as sorted rows of its non-dq_ columns. Both runs use one
    raw folder path and target folder, so the second reuses dbt's parse."""
    if not Path(DBT).exists():
        pytest.skip("dbt is not installed beside this Python")
    home = tmp_path_factory.mktemp("staging_cmp")
    raw = home / "raw"
    out: dict = {}
    for label, src in (("plain", gen["a"]), ("sqlserver", sqlsrv["a"])):
        shutil.rmtree(raw, ignore_errors=True)
        shutil.copytree(src, raw)
        for f in ("db.duckdb", "db.duckdb.wal"):
            (home / f).unlink(missing_ok=True)
        rc, log = run_dbt(raw, home, "run", "--select", "staging", timeout=600)
        assert rc == 0, log[-3000:]
        con = duckdb.connect(str(home / "db.duckdb"), read_only=True)
        tables = {}
        for (name,) in con.execute("""SELECT table_name FROM information_schema.tables
                                      WHERE table_schema = 'staging' ORDER BY 1""").fetchall():
            cols = [c for (c,) in con.execute(f"""SELECT column_name FROM information_schema.columns
                WHERE table_schema = 'staging' AND table_name = '{name}'
                ORDER BY ordinal_position""").fetchall() if not c.startswith("dq_")]
            rows = con.execute(f"SELECT {', '.join(cols)} FROM staging.{name}").fetchall()
            tables[name] = (cols, rows)
        con.close()
        out[label] = tables
    return out


def _staging_differences(staged: dict, keys: bool) -> dict[str, list[str]]:
    """{table: [columns whose values differ]} between the two stagings (row for row: a table whose
    sorted rows differ lists the columns whose value counts differ)."""
    plain, sqls = staged["plain"], staged["sqlserver"]
    assert sorted(plain) == sorted(sqls) and len(plain) == len(CONTRACT)
    diff: dict[str, list[str]] = {}
    for name, (cols, rows) in plain.items():
        cols2, rows2 = sqls[name]
        assert cols == cols2, name
        keep = [i for i, c in enumerate(cols) if keys or c != f"{name.removeprefix('stg_ic__')}_key"]
        a = sorted((tuple(r[i] for i in keep) for r in rows), key=repr)
        b = sorted((tuple(r[i] for i in keep) for r in rows2), key=repr)
        if a != b:
            diff[name] = [cols[i] for j, i in enumerate(keep)
                          if Counter(r[j] for r in a) != Counter(r[j] for r in b)]
    return diff


def test_sqlserver_style_export_stages_the_same(staged_both: dict) -> None:
    """Every staged value (typed columns, codes, free text) is the same row for row, whether the
    export was written plainly or as SQL Server export tools write it."""
    assert _staging_differences(staged_both, keys=False) == {}


def test_sqlserver_style_export_stages_the_same_surrogate_keys(staged_both: dict) -> None:
    """The composite surrogate keys (<table>_key) are computed over the typed key values, so a padded
    key (' 5') or a midnight datetime gives the same key as the plain export."""
    assert _staging_differences(staged_both, keys=True) == {}


# --- command line: the new options ------------------------------------------------------------


def test_cli_options_rolled_over_and_sqlserver_style(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    res = subprocess.run([sys.executable, "-m", "sis_extracts.generate", "--students", "100",
                          "--out", str(tmp_path / "m"), "--rolled-over", "--sqlserver-style"],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert res.returncode == 0, res.stderr
    from sis_extracts.cli import main

    assert main(["generate", "--students", "100", "--seed", "42", "--out", str(tmp_path / "c"),
                 "--rolled-over", "--sqlserver-style", "--quiet"]) == 0
    for out in ("m", "c"):
        sy = (tmp_path / out / "schoolyear.csv").read_bytes()
        assert sy.count(b"\r\n") == 4 and b"2026,25-26,1,2025-07-01 00:00:00.000" in sy, out
    assert filecmp.cmp(tmp_path / "m" / "roster.csv", tmp_path / "c" / "roster.csv", shallow=False)
