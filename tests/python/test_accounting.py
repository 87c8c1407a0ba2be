"""The accounting adds up on a generated district: every candidate raw row of each report is either
on the report or set aside with a rule ID, and the candidates are exactly the raw rows of the
extract's state.

dbt builds both extracts and the audit models on a 400-student district (seed 7) and runs the
audit's data tests (tests/audit, models/audit). Python then checks the same figures independently,
from the raw CSV files themselves and from the marts. The 100,000-student run is marked `slow`
(set SIS_SLOW_TESTS=1 to run it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
VARS = {
    "kecs_as_of": "2025-06-30 17:00",
    "kecs_end_year": "2025",
    "sca_as_of": "2025-07-15",
    "sca_start_date": "2024-07-01",
    "sca_end_date": "2025-06-30",
}
AUDIT_TESTS = {
    "audit_accounting_candidates_match_staging_rows",
    "audit_accounting_no_raw_row_lost",
    "audit_accounting_candidates_equal_reported_plus_set_aside",
    "audit_accounting_rows_match_rules",
    "audit_accounting_reported_rows_are_on_the_files",
}
# The reports and the raw tables whose rows are their candidates.
CANDIDATES = {
    ("kecs_lead", "Detail", "enrollment"): "enrollment",
    ("kecs_lead", "Detail", "roster"): "roster",
    ("kecs_lead", "Detail", "section"): "section",
    ("kecs_lead", "Classes", "section"): "section",
    ("kecs_lead", "Schoolwide", "enrollment"): "enrollment",
    ("kecs_lead", "Caseload", "enrollment"): "enrollment",
    ("kecs_lead", "Staff", "staff assignment"): "employmentassignment",
    ("il_sca", "Student Course Assignment", "enrollment"): "enrollment",
    ("il_sca", "Student Course Assignment", "roster"): "roster",
    ("il_sca", "Student Course Assignment", "section"): "section",
    ("il_sca", "Student Course Assignment", "grading score"): "gradingscore",
}
STATE = {"kecs_lead": "KY", "il_sca": "IL"}


def run_dbt(home: Path, raw: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        DO_NOT_TRACK="1",
        SIS_EXTRACTS_DB=str(home / "db.duckdb"),
        SIS_EXTRACTS_THREADS="2",
    )
    cmd = [
        DBT, "--no-use-colors", *args,
        "--project-dir", str(ROOT), "--profiles-dir", str(ROOT / "profiles"),
        "--target-path", str(home / "target"), "--log-path", str(home / "logs"),
        "--vars", json.dumps({"raw_path": str(raw), **VARS}),
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False)


def build_and_test(home: Path, raw: Path) -> dict[str, str]:
    """Build both extracts and the accounting, run the audit's data tests; test name -> status."""
    proc = run_dbt(
        home, raw, "build", "--select", "+path:models/audit", "+path:tests/audit",
        "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    proc = run_dbt(
        home, raw, "test", "--select", "path:tests/audit", "path:models/audit",
        "--exclude-resource-type", "unit_test",
    )  # fmt: skip
    results = json.loads((home / "target" / "run_results.json").read_text("utf-8"))["results"]
    statuses = {r["unique_id"].split(".")[2]: r["status"] for r in results if r["unique_id"].startswith("test.")}
    assert proc.returncode == 0, proc.stdout[-4000:]
    return statuses


def raw_counts(raw: Path) -> dict[tuple[str, str, str], int]:
    """Candidates per report, computed from the raw CSV files alone (not from dbt): rows of the
    extract's state plus rows whose state cannot be known (a calendar, course or section missing)."""
    con = duckdb.connect()
    for table in ("district", "school", "calendar", "course", "section", "enrollment", "roster",
                  "gradingscore", "employmentassignment"):  # fmt: skip
        con.execute(
            f"create view {table} as select * from read_csv('{raw / (table + '.csv')}', all_varchar = true)"
        )
    con.execute(
        """
        create view calendar_state as
        select c."calendarID" as calendar_id, d.state
        from calendar c
        left join school s on c."schoolID" = s."schoolID"
        left join district d on coalesce(c."districtID", s."districtID") = d."districtID";
        create view section_state as
        select x."sectionID" as section_id, cs.state
        from section x
        left join course co on x."courseID" = co."courseID"
        left join calendar_state cs on co."calendarID" = cs.calendar_id;
        """
    )
    states = {
        "enrollment": "select cs.state from enrollment e left join calendar_state cs on e.\"calendarID\" = cs.calendar_id",
        "roster": "select ss.state from roster r left join section_state ss on r.\"sectionID\" = ss.section_id",
        "section": "select state from section_state",
        "gradingscore": """select coalesce(ss.state, cs.state) as state from gradingscore g
                           left join section_state ss on g."sectionID" = ss.section_id
                           left join calendar_state cs on g."calendarID" = cs.calendar_id""",
        "employmentassignment": """select coalesce(d.state, sd.state) as state from employmentassignment a
                                   left join district d on a."districtID" = d."districtID"
                                   left join school s on a."schoolID" = s."schoolID"
                                   left join district sd on s."districtID" = sd."districtID" """,
    }
    out = {}
    for key, table in CANDIDATES.items():
        state = STATE[key[0]]
        (n,) = con.execute(
            f"select count(*) from ({states[table]}) where state = ? or state is null", [state]
        ).fetchone()
        out[key] = n
    return out


def check_accounting(db: Path, raw: Path) -> dict[tuple[str, str, str], tuple[int, int, int]]:
    """The independent Python checks; returns (candidates, reported, set aside) per report and kind."""
    con = duckdb.connect(str(db), read_only=True)
    totals = {
        (e, r, k): (c, rep, sa)
        for e, r, k, c, rep, sa in con.execute(
            "select extract, report, candidate_kind, candidates, reported, set_aside "
            "from audit.audit__accounting_summary where line_type = 'total'"
        ).fetchall()
    }
    assert set(totals) == set(CANDIDATES), "every report and kind is accounted for"
    expected = raw_counts(raw)
    for key, (cand, rep, aside) in totals.items():
        assert cand == rep + aside, key
        assert cand == expected[key], (key, cand, expected[key])
    by_reason = con.execute(
        "select extract, report, candidate_kind, sum(set_aside) from audit.audit__accounting_summary "
        "where line_type = 'reason' group by all"
    ).fetchall()
    for e, r, k, n in by_reason:
        assert n == totals[(e, r, k)][2], (e, r, k)
    # every set-aside row has a rule ID and a reason from the catalog; reported rows have none
    bad = con.execute(
        """
        select count(*) from (
            select status, reason, rule_id, reason_code, matches_rules from audit.audit__kecs_lead_accounting
            union all
            select status, reason, rule_id, reason_code, matches_rules from audit.audit__il_sca_accounting
        ) where rule_id is null or not matches_rules or (status = 'set aside') <> (reason is not null)
            or reason_code like 'audit%'
        """
    ).fetchone()[0]
    assert bad == 0
    # reported = the files' content
    (detail_sections,) = con.execute("select count(distinct section_id) from marts.kecs_lead__detail").fetchone()
    assert totals[("kecs_lead", "Detail", "section")][1] == detail_sections
    (classes,) = con.execute("select count(*) from marts.kecs_lead__classes").fetchone()
    assert totals[("kecs_lead", "Classes", "section")][1] == classes
    (detail_enrollments,) = con.execute(
        "select count(distinct enrollment_id) from marts.kecs_lead__detail"
    ).fetchone()
    assert totals[("kecs_lead", "Detail", "enrollment")][1] == detail_enrollments
    sca = "marts.il_sca__student_course_assignment"
    for kind, column in (("roster", "roster_id"), ("section", "section_id"), ("grading score", "grade_score_id")):
        (n,) = con.execute(f"select count(distinct {column}) from {sca}").fetchone()
        assert totals[("il_sca", "Student Course Assignment", kind)][1] == n, kind
    con.close()
    return totals


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    from sis_extracts.generate import generate

    home = tmp_path_factory.mktemp("accounting_400")
    raw = home / "raw"
    generate(raw, students=400, seed=7)
    statuses = build_and_test(home, raw)
    return home / "db.duckdb", raw, statuses


def test_audit_data_tests_pass_on_a_generated_district(generated):
    """The singular tests of tests/audit (candidates = staging rows, candidates = reported + set aside
    per report and reason, rows agree with the rules and the files) and the model tests pass."""
    _, _, statuses = generated
    assert AUDIT_TESTS <= set(statuses), sorted(statuses)
    assert {statuses[t] for t in AUDIT_TESTS} == {"pass"}
    assert all(s == "pass" for s in statuses.values()), {k: v for k, v in statuses.items() if v != "pass"}


def test_accounting_adds_up_and_matches_the_raw_files(generated):
    db, raw, _ = generated
    totals = check_accounting(db, raw)
    # the generated district has something on and something off every report
    for key, (cand, rep, aside) in totals.items():
        assert cand > 0 and rep > 0, key


def test_every_reason_in_the_catalog_is_documented_in_trust_md(generated):
    """docs/trust.md has one table row per reason of the catalog (seed reason_catalog, read as
    audit__reasons): rule, reason, code and Issues number as the catalog has them."""
    db, _, _ = generated
    con = duckdb.connect(str(db), read_only=True)
    reasons = con.execute("select rule_id, reason, reason_code, issue_number from audit.audit__reasons").fetchall()
    con.close()
    doc = (ROOT / "docs" / "trust.md").read_text("utf-8")
    rows = re.findall(r"^\| ([^|]+) \| `([^`]+)` \| `([a-z0-9_]+)` \| ([0-9]+|-) \|", doc, re.MULTILINE)
    documented = {code: (rule, reason, None if issue == "-" else int(issue)) for rule, reason, code, issue in rows}
    missing = [r for rule, r, code, issue in reasons if documented.get(code) != (rule, r, issue)]
    assert not missing, f"docs/trust.md does not list (rule, reason, code, Issues as in the catalog): {missing}"
    assert len(documented) == len(reasons), set(documented) - {code for _, _, code, _ in reasons}


def test_reasons_name_a_rule_of_the_documents(generated):
    """Every rule ID the catalog uses is a rule of the KECS document, an SCA rule, RAW or AUDIT, or an
    option of the run (Select Calendars, the KECS editor's; Student Selection, --students: the
    Illinois editor's Ad hoc Filter, offered on the Kentucky extract too)."""
    db, _, _ = generated
    con = duckdb.connect(str(db), read_only=True)
    rules = {r for (r,) in con.execute("select distinct rule_id from audit.audit__reasons").fetchall()}
    con.close()
    spec = Path(ROOT.parent / "shared" / "spec" / "kecs_lead_extract_kentucky.txt")
    text = spec.read_text("utf-8") if spec.is_file() else ""
    kecs_ids = set(re.findall(r"^(R\d+(?:\.BR\d+)?)\t", text, re.MULTILINE))
    for rule in rules:
        ok = rule in {"RAW", "AUDIT", "Select Calendars", "Student Selection"} or rule.startswith("SCA ")
        ok = ok or (rule in kecs_ids if kecs_ids else re.fullmatch(r"R\d+(\.BR\d+)?", rule) is not None)
        assert ok, rule


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("SIS_SLOW_TESTS") != "1", reason="slow: set SIS_SLOW_TESTS=1")
def test_accounting_on_a_100k_student_district(tmp_path):
    from sis_extracts.generate import generate

    raw = tmp_path / "raw"
    generate(raw, students=100_000, seed=7)
    statuses = build_and_test(tmp_path, raw)
    assert {statuses[t] for t in AUDIT_TESTS} == {"pass"}
    check_accounting(tmp_path / "db.duckdb", raw)
