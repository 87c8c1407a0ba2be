"""End to end on a small generated district (conftest.raw_district): `sis-extracts kecs-lead` writes the six documented files
(R4.BR1 KECS_LEAD_<ReportName>.csv), each exactly its mart: header text from meta.header, field
order, row order, RFC 4180 quoting, CRLF, UTF-8, leading zeros, MM/DD/YYYY dates; the manifest's
counts and checksums; and the HTML pages hold the same table (read back in Chromium)."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import stat

import duckdb
import pytest

from sis_extracts.export.marts import load_manifest, mart_spec
from sis_extracts.export.options import KECS_REPORTS
from sis_extracts.export.writer import select_sql

KECS_MARTS = tuple(r.mart for r in KECS_REPORTS.values())
AS_OF = "2025-06-30 17:00"
CSV_ARGS = ("--end-year", "2025", "--as-of", AS_OF)
HTML_ARGS = ("--end-year", "2025", "--as-of", AS_OF, "--format", "html", "--report", "classes,staff")
FILES = [f"KECS_LEAD_{n}.csv" for n in ("Detail", "Staff", "Caseload", "Classes", "Schoolwide", "Issues")]


@pytest.fixture(scope="module")
def run(extract_run):
    r = extract_run("kecs-lead", *CSV_ARGS, marts=KECS_MARTS)
    assert r.result.code == 0, r.result.stderr[-4000:]
    return r


@pytest.fixture(scope="module")
def db(run):
    work = run.out / ".sis-extracts" / "kecs_lead"
    # same configuration as the run (dbt-duckdb may still hold the file open in this process)
    con = duckdb.connect(str(work / "sis_extracts.duckdb"))
    yield con, load_manifest(work / "target" / "manifest.json")
    con.close()


def parse(path):
    text = path.read_bytes().decode("utf-8")  # UTF-8 or this fails
    return text, list(csv.reader(io.StringIO(text, newline=""), strict=True))


def test_files_named_per_r4_br1(run):
    names = sorted(p.name for p in run.out.iterdir() if not p.name.startswith("."))
    # index.html: the review overview
    assert names == sorted([*FILES, "manifest.json", "summary.json", "index.html"])
    assert not list(run.out.glob(".*.partial-*"))
    for name in [*FILES, "manifest.json", "summary.json"]:
        assert stat.S_IMODE((run.out / name).stat().st_mode) == 0o600


@pytest.mark.parametrize("report", list(KECS_REPORTS))
def test_file_is_the_mart(run, db, report):
    con, manifest = db
    r = KECS_REPORTS[report]
    spec = mart_spec(manifest, r.mart, con)
    text, rows = parse(run.out / spec.file_name)
    assert not text.startswith("\ufeff")
    assert rows[0] == [c.header for c in spec.columns]  # header text and field order
    expected = [["" if v is None else v for v in row] for row in con.execute(select_sql(spec)).fetchall()]
    assert rows[1:] == expected  # every value, in export order
    n = con.execute(f"select count(*) from {spec.relation}").fetchone()[0]
    assert len(rows) - 1 == n
    assert_crlf(text, rows)


def assert_crlf(text, rows):
    """CRLF ends every line; a bare LF may only sit inside a (quoted) field."""
    assert text.endswith("\r\n")
    bare_lf = len(re.findall(r"(?<!\r)\n", text))
    assert bare_lf == sum(f.count("\n") - f.count("\r\n") for r in rows for f in r)


def test_common_columns_and_formats(run):
    _, rows = parse(run.out / "KECS_LEAD_Detail.csv")
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Date Time Generated", "End Year"]
    assert body, "the district reports sections"
    assert {r[0] for r in body} == {"06/30/2025 17:00"}  # --as-of fixes Date Time Generated
    assert {r[1] for r in body} == {"2025"}
    for col, values in zip(header, zip(*body, strict=True), strict=True):
        if col == "District Number" or col == "School Number":
            assert all(re.fullmatch(r"\d{3}", v) for v in values if v), col  # leading zeros kept
        if "Date" in col and col != "Date Time Generated":
            assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in values if v), col


def test_quoting_survives_commas_quotes_and_accents(run):
    """Whatever names the demo holds: a field with a comma or quote is quoted, quotes doubled."""
    text, rows = parse(run.out / "KECS_LEAD_Detail.csv")
    fields = [f for r in rows for f in r]
    tricky = [f for f in fields if "," in f or '"' in f]
    for f in tricky:
        assert '"' + f.replace('"', '""') + '"' in text
    assert all(f.isprintable() or "\n" in f for f in fields)


def test_manifest(run):
    m = run.manifest
    assert m["extract"] == "kecs_lead" and m["as_of"] == AS_OF
    assert m["dbt_vars"]["kecs_end_year"] == 2025 and m["dbt_vars"]["kecs_exclude_cross_site"] is True
    assert m["dbt_vars"]["kecs_as_of"] == AS_OF
    assert [f["name"] for f in m["files"]] == FILES
    for f in m["files"]:
        data = (run.out / f["name"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest()
        assert f["bytes"] == len(data)
        assert f["records"] == len(parse(run.out / f["name"])[1]) - 1
    for k in ("sis_extracts", "dbt_core", "dbt_duckdb", "duckdb", "dbt_project"):
        assert m["versions"][k]
    assert isinstance(m["issues_by_severity"], dict)


def test_summary_and_progress(run):
    out = run.result.stdout
    assert "KECS LEAD Extract (Kentucky): 6 file(s) written to" in out
    for name in FILES:
        assert name in out
    assert "Issues" in out and "Data tests:" in out and "manifest.json" in out
    assert "Traceback" not in run.result.stderr


def test_run_environment_restored(run):
    """The run's SIS_EXTRACTS_DB is set for dbt only; the calling process keeps its environment."""
    assert os.environ.get("SIS_EXTRACTS_DB", "") != str(
        run.out / ".sis-extracts" / "kecs_lead" / "sis_extracts.duckdb"
    )


def test_same_as_of_same_bytes(run, tmp_path):
    """A second run with the same --as-of on the same files writes byte-identical files."""
    from conftest import run_cli

    res = run_cli(
        ["kecs-lead", "--raw", run.raw, "--out", tmp_path, "--quiet", *CSV_ARGS, "--report", "classes"]
    )
    assert res.code == 0, res.stderr
    assert (tmp_path / "KECS_LEAD_Classes.csv").read_bytes() == (
        run.out / "KECS_LEAD_Classes.csv"
    ).read_bytes()


# --- HTML ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def html_run(extract_run):
    r = extract_run("kecs-lead", *HTML_ARGS, marts=KECS_MARTS)
    assert r.result.code == 0, r.result.stderr[-4000:]
    return r


def test_html_files_and_issue_section(html_run):
    names = sorted(p.name for p in html_run.out.iterdir() if not p.name.startswith("."))
    assert names == [
        "KECS_LEAD_Classes.html",
        "KECS_LEAD_Staff.html",
        "index.html",
        "manifest.json",
        "summary.json",
    ]
    html = (html_run.out / "KECS_LEAD_Staff.html").read_text("utf-8")
    assert "<title>KECS LEAD Extract (Kentucky) - Staff (Detail)</title>" in html
    assert "Issues that bear on this report" in html
    assert "06/30/2025 17:00" in html
    assert not re.search(r"<(link|script)\b", html) and "http://" not in html and "https://" not in html


@pytest.mark.parametrize("report", ["Classes", "Staff"])
def test_html_table_in_browser_equals_csv(run, html_run, report, tmp_path):
    from test_export_html import read_tables
    from test_html_browser import dump_dom

    dom = dump_dom(html_run.out / f"KECS_LEAD_{report}.html", tmp_path / "profile")
    tables = read_tables(dom).tables
    _, rows = parse(run.out / f"KECS_LEAD_{report}.csv")
    # the page shows the key columns first: the same table, its columns permuted
    assert sorted(tables["records"]["header"]) == sorted(rows[0])
    perm = [rows[0].index(h) for h in tables["records"]["header"]]
    assert tables["records"]["rows"] == [[r[i] for i in perm] for r in rows[1:]]
    run_rows = {r[0]: r[1] for r in tables["run"]["rows"]}
    assert run_rows["Records"] == str(len(rows) - 1)
