"""Issue 13 items 1 and 2, through the documented commands on the generated district:
- the run summary (console and summary.json beside manifest.json): per report the candidates
  considered, reported and set aside with the five largest set-aside reasons and their rule IDs, and
  the students enrolled in the selected calendars who are on no report, by reason;
- the Illinois Issues file beside the state file, in the Kentucky Issues report's columns.
"""

from __future__ import annotations

import csv
import io
import json
import shutil

import duckdb
import pytest

KECS_ARGS = ("--end-year", "2025", "--as-of", "2025-06-30 17:00")
ALL_ARGS = (
    "--kecs-end-year",
    "2025",
    "--kecs-as-of",
    "2025-06-30 17:00",
    "--il-start",
    "2024-07-01",
    "--il-end",
    "2025-06-30",
    "--il-as-of",
    "2025-07-15",
    "--il-file-id",
    "001",
    "--il-end-year",
    "2025",
)
IL_HTML_ARGS = ("--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15", "--format", "html")


@pytest.fixture(scope="module")
def all_run(extract_run):
    r = extract_run("all", *ALL_ARGS)
    assert r.result.code == 0, r.result.stderr[-4000:]
    return r


def _db(out, folder):
    # same configuration as the run (dbt-duckdb may still hold the file open in this process)
    return duckdb.connect(str(out / ".sis-extracts" / folder / "sis_extracts.duckdb"))


def _summary(folder):
    return json.loads((folder / "summary.json").read_text("utf-8"))


@pytest.mark.parametrize("extract", ["kecs_lead", "il_sca"])
def test_summary_json_beside_manifest_matches_the_accounting(all_run, extract):
    folder = all_run.out / extract
    summary = _summary(folder)
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    assert summary["extract"] == extract
    assert [(f["file"], f["records"]) for f in summary["files"]] == [
        (f["name"], f["records"]) for f in manifest["files"]
    ]
    con = _db(all_run.out, "all")
    try:
        assert summary["reports"], "no report figures"
        for rep in summary["reports"]:
            totals = con.execute(
                "select candidate_kind, candidates, reported, set_aside from audit.audit__accounting_summary "
                "where extract = ? and report = ? and line_type = 'total'",
                [extract, rep["report"]],
            ).fetchall()
            assert sorted(
                (k["kind"], k["considered"], k["reported"], k["set_aside"]) for k in rep["candidates"]
            ) == (sorted(totals))
            for k in rep["candidates"]:
                assert k["considered"] == k["reported"] + k["set_aside"]
            # the five largest reasons of the report, largest first, each with its rule ID
            reasons = con.execute(
                "select set_aside from audit.audit__accounting_summary where extract = ? and report = ? "
                "and line_type = 'reason' order by set_aside desc",
                [extract, rep["report"]],
            ).fetchall()
            top = [r["count"] for r in rep["top_set_aside"]]
            assert top == [n for (n,) in reasons[:5]]
            assert all(r["rule_id"] for r in rep["top_set_aside"])
        students = summary["students_on_no_report"]
        n, on = con.execute(
            "select count(*), count(*) filter (where is_on_a_report) from audit.audit__students_on_no_report "
            "where extract = ?",
            [extract],
        ).fetchone()
        assert (students["enrolled"], students["on_a_report"]) == (n, on)
        assert students["on_no_report"] == n - on == sum(r["count"] for r in students["by_reason"])
        assert students["on_no_report"] > 0, (
            "the generated district has students on no report (no-shows, ...)"
        )
    finally:
        con.close()


def test_console_shows_reasons_and_students_on_no_report(all_run):
    out = all_run.result.stdout
    for extract in ("kecs_lead", "il_sca"):
        s = _summary(all_run.out / extract)
        st = s["students_on_no_report"]
        assert (
            f"Students enrolled in the selected calendars: {st['enrolled']:,}; on a report {st['on_a_report']:,}; "
            f"on no report {st['on_no_report']:,}"
        ) in out
        for r in st["by_reason"]:
            assert f"{r['rule_id']} " in out and f": {r['count']:,} student(s)" in out
        biggest = s["reports"][0]["top_set_aside"][0]
        assert f"{biggest['count']:,} {biggest['kind']}" in out
    assert "Summary: " in out


def test_a_no_show_moves_a_student_to_no_report_with_r5_br7(all_run, raw_copy, cli_run, tmp_path):
    """Mark the only enrollment of a reported Kentucky student as a no-show: the next run counts
    one more student on no report, under R5.BR7."""
    con = _db(all_run.out, "all")
    try:
        reported = {
            p
            for (p,) in con.execute(
                "select person_id from audit.audit__students_on_no_report where extract = 'kecs_lead' and is_on_a_report"
            ).fetchall()
        }
    finally:
        con.close()
    text = (raw_copy / "enrollment.csv").read_text("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    per_person: dict[str, list[dict]] = {}
    for row in rows:
        per_person.setdefault(row["personID"], []).append(row)
    person = next(p for p in sorted(per_person, key=int) if int(p) in reported and len(per_person[p]) == 1)
    per_person[person][0]["noShow"] = "1"
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()), lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    (raw_copy / "enrollment.csv").write_text(buf.getvalue(), "utf-8")
    before = _summary(all_run.out / "kecs_lead")["students_on_no_report"]
    out = tmp_path / "out"
    res = cli_run(["kecs-lead", "--raw", raw_copy, "--out", out, "--quiet", *KECS_ARGS])
    assert res.code == 0, res.stderr[-4000:]
    after = _summary(out)["students_on_no_report"]
    assert after["enrolled"] == before["enrolled"]
    assert after["on_no_report"] == before["on_no_report"] + 1

    def br7(s):
        return sum(r["count"] for r in s["by_reason"] if r["reason_code"] == "kecs_r5_br7_no_show")

    assert br7(after) == br7(before) + 1
    shutil.rmtree(out)


def test_illinois_issues_file_beside_the_state_file(all_run):
    il = all_run.out / "il_sca"
    issues = il / "IL_SCA_Issues.csv"
    assert issues.exists(), sorted(p.name for p in il.iterdir())
    kecs_header = (all_run.out / "kecs_lead" / "KECS_LEAD_Issues.csv").read_text("utf-8").splitlines()[0]
    rows = list(csv.reader(io.StringIO(issues.read_text("utf-8"), newline="")))
    assert ",".join(rows[0]) == kecs_header
    summary = _summary(il)
    assert len(rows) - 1 == sum(summary["issues"]["by_severity"].values()) > 0
    assert sum(i["count"] for i in summary["issues"]["by_number"]) == len(rows) - 1
    assert all(i["fix_in_sis"] for i in summary["issues"]["by_number"])
    manifest = json.loads((il / "manifest.json").read_text("utf-8"))
    assert "IL_SCA_Issues.csv" in [f["name"] for f in manifest["files"]]


def test_illinois_issues_page_with_the_html_format(extract_run):
    r = extract_run("il-sca", *IL_HTML_ARGS)
    assert r.result.code == 0, r.result.stderr[-4000:]
    page = r.out / "IL_SCA_Issues.html"
    assert page.exists(), sorted(p.name for p in r.out.iterdir())
    assert "<table" in page.read_text("utf-8")


def test_students_file_restricts_both_extracts_and_lists_unknown_ids(all_run, cli_run, tmp_path):
    """--students FILE (item 5): a Kentucky student named by person ID and an Illinois student
    named by state ID are the only students on the reports; an unknown ID is listed; every other
    enrollment is set aside as not in the student selection."""
    con = _db(all_run.out, "all")
    try:
        kecs_person = con.execute(
            "select min(person_id) from audit.audit__students_on_no_report where extract = 'kecs_lead' "
            "and is_on_a_report"
        ).fetchone()[0]
        il_person, il_state_id = con.execute(
            "select s.person_id, p.state_id from audit.audit__students_on_no_report as s "
            "inner join staging.stg_ic__person as p on s.person_id = p.person_id "
            "where s.extract = 'il_sca' and s.is_on_a_report and p.state_id is not null "
            "order by s.person_id limit 1"
        ).fetchone()
    finally:
        con.close()
    ids = tmp_path / "students.txt"
    ids.write_text(
        f"# the students to check\n{kecs_person}\n\n  {il_state_id}  \n999999999\n{kecs_person}\n", "utf-8"
    )
    out = tmp_path / "out"
    res = cli_run(["all", "--raw", all_run.raw, "--out", out, "--students", ids, *ALL_ARGS])
    assert res.code == 0, res.stderr[-4000:]
    assert "3 ID(s) given, 2 name a student; unknown IDs: 999999999" in res.stdout
    for extract in ("kecs_lead", "il_sca"):
        sel = _summary(out / extract)["student_selection"]
        assert sel == {"given": 3, "known": 2, "unknown": ["999999999"]}
    con = _db(out, "all")
    try:
        detail = {
            p
            for (p,) in con.execute(
                # a section with none of the selected students stays, as a section without
                # students (R6.BR2): the selection restricts students, not sections or teachers
                "select distinct student_person_id from marts.kecs_lead__detail where student_person_id is not null"
            ).fetchall()
        }
        assert detail == {kecs_person}
        records = {
            p
            for (p,) in con.execute(
                "select distinct person_id from marts.il_sca__student_course_assignment"
            ).fetchall()
        }
        assert records == {il_person}
        reasons = dict(
            con.execute(
                "select extract, count(*) from audit.audit__students_on_no_report where not is_on_a_report "
                "and reason_code in ('kecs_student_not_selected', 'sca_student_not_selected') group by extract"
            ).fetchall()
        )
        assert reasons.get("kecs_lead", 0) > 0 and reasons.get("il_sca", 0) > 0
        on_report = con.execute(
            "select extract, person_id from audit.audit__students_on_no_report where is_on_a_report order by 1"
        ).fetchall()
        assert on_report == [("il_sca", il_person), ("kecs_lead", kecs_person)]
    finally:
        con.close()


def test_students_file_with_a_bad_line_names_the_file_and_line(cli_run, raw_district, tmp_path):
    ids = tmp_path / "students.txt"
    ids.write_text("12345\n678, 910\n", "utf-8")
    res = cli_run(
        ["kecs-lead", "--raw", raw_district, "--out", tmp_path / "out", "--students", ids, *KECS_ARGS]
    )
    assert res.code != 0
    assert f"{ids}, line 2: '678, 910' is not one state ID or person ID" in res.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").glob("*.csv"))
