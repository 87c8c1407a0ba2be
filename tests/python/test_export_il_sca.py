"""End to end on a small generated district (conftest.raw_district): `sis-extracts il-sca` writes one state file per district
(il_sca__file_header row), named <file_name>.csv: the header line (FileType, Total Records, File
Name, File Date, RCDTS) whose Total Records equals the record lines, then the records in the
state's field order without a column-header line. Tab and HTML formats and Strip Apostrophes
are checked on the same marts."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import stat
import unicodedata

import duckdb
import pytest
from test_export_kecs_lead import assert_crlf

from sis_extracts.export.marts import load_manifest, mart_spec
from sis_extracts.export.writer import select_sql

SCA_MARTS = ("il_sca__file_header", "il_sca__student_course_assignment")
STATE_ARGS = ("--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15", "--file-id", "001")
# the editor's date forms, Tab Delimited, Strip Apostrophes: same records, other bytes
TAB_ARGS = (
    "--start",
    "070124",
    "--end",
    "06302025",
    "--as-of",
    "071525",
    "--format",
    "tab",
    "--strip-apostrophes",
)
HTML_ARGS = ("--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15", "--format", "html")

# the state's field order (spec README, ISBE SIS layout): the file's column headers
STATE_FIELDS = [
    "Student ID",
    "SAP ID",
    "Legal Last Name",
    "Legal First Name",
    "Birth Date",
    "Home RCDTS",
    "Serving School RCDTS",
    "School Year",
    "Term",
    "State Course Code",
    "Local Course ID",
    "Local Course Title",
    "Student Course Start Date",
    "Section Number",
    "Course Level",
    "Course Credit",
    "Articulated Credit",
    "Dual Credit",
    "Course Setting",
    "Actual Attendance",
    "Total Attendance",
    "Single Parent",
    "Displaced Homemaker",
    "Course Numeric Grade",
    "Maximum Numeric Grade",
    "Course End Date",
    "Course Final Letter Grade",
    "Language Course Was Taught In",
    "Competency Based Education",
]


_MARKS = {"\u0300", "\u0301", "\u0302", "\u0303", "\u0308"}  # grave, acute, circumflex, tilde, umlaut
_DELETED = set("'\u2018\u2019\u02bc,.`\u00b4^\u02c6~\u02dc\u00a8")


def py_strip(v: str) -> str:
    """Strip Apostrophes as the document lists it, written apart from the SQL macro: apostrophes,
    commas and periods go, and exactly the umlaut, tilde, grave, acute and circumflex marks
    (cedilla, ring, stroke and others stay)."""
    v = "".join(c for c in unicodedata.normalize("NFD", v) if c not in _MARKS)
    return "".join(c for c in unicodedata.normalize("NFC", v) if c not in _DELETED)


# the record fields Strip Apostrophes applies to (names, Local Course ID / Title, Section Number)
STRIPPED_FIELDS = {"Legal Last Name", "Legal First Name", "Local Course ID", "Local Course Title", "Section Number"}


def _run(extract_run, args):
    r = extract_run("il-sca", *args, marts=SCA_MARTS)
    assert r.result.code == 0, r.result.stderr[-4000:]
    return r


@pytest.fixture(scope="module")
def run(extract_run):
    return _run(extract_run, STATE_ARGS)


@pytest.fixture(scope="module")
def db(run):
    work = run.out / ".sis-extracts" / "il_sca"
    # same configuration as the run (dbt-duckdb may still hold the file open in this process)
    con = duckdb.connect(str(work / "sis_extracts.duckdb"))
    manifest = load_manifest(work / "target" / "manifest.json")
    header = mart_spec(manifest, "il_sca__file_header", con)
    files = con.execute(
        f"select file_type, total_records, file_name, file_date, rcdts from {header.relation} order by file_name"
    ).fetchall()
    yield con, manifest, files
    con.close()


def parse(path, delimiter=","):
    text = path.read_bytes().decode("utf-8")
    return text, list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))


def test_one_state_file_per_district(run, db):
    _, _, files = db
    assert files, "the district has Illinois records"
    # beside the state files: the Illinois Issues file, the manifest, the run summary, the review overview
    expected = sorted(
        [f"{f[2]}.csv" for f in files] + ["IL_SCA_Issues.csv", "manifest.json", "summary.json", "index.html"]
    )
    assert sorted(p.name for p in run.out.iterdir() if not p.name.startswith(".")) == expected
    for f in files:
        assert re.fullmatch(r"SCA\w*_001", f[2]), f[2]  # ..._<File Identifier>
        assert stat.S_IMODE((run.out / f"{f[2]}.csv").stat().st_mode) == 0o600


def test_state_file_layout(run, db):
    con, manifest, files = db
    records = mart_spec(manifest, "il_sca__student_course_assignment", con)
    assert [c.header for c in records.columns] == STATE_FIELDS
    for file_type, total, base, file_date, rcdts in files:
        text, rows = parse(run.out / f"{base}.csv")
        head, body = rows[0], rows[1:]
        assert head == ["Student Course Assignment", str(len(body)), f"{base}.csv", "07/15/2025", rcdts]
        assert head[1] == total  # the mart agrees with what was written
        assert re.fullmatch(r"\d{15}", rcdts)
        assert body and all(len(r) == 29 for r in body)
        assert body[0] != STATE_FIELDS  # no column-header line in the state format
        where = f"_mart.file_name = '{base}'"
        expected = [
            ["" if v is None else v for v in r]
            for r in con.execute(select_sql(records, where=where)).fetchall()
        ]
        assert body == expected
        assert_crlf(text, rows)


def test_state_values_formats(run, db):
    _, _, files = db
    _, rows = parse(run.out / f"{files[0][2]}.csv")
    by = dict(zip(STATE_FIELDS, zip(*rows[1:], strict=True), strict=True))
    for col in ("Birth Date", "Student Course Start Date", "Course End Date"):
        assert all(re.fullmatch(r"\d{2}/\d{2}/\d{4}", v) for v in by[col] if v), col
    assert all(re.fullmatch(r"\d+\.\d{2,3}", v) for v in by["Course Credit"]), set(by["Course Credit"])
    assert set(by["School Year"]) == {"2025"}
    assert all(re.fullmatch(r"\d{2}", v) for v in by["Course Final Letter Grade"] if v)
    assert all(re.fullmatch(r"\d{3}", v) for v in by["Language Course Was Taught In"])
    assert all(re.fullmatch(r"\d{9}", v) for v in by["Student ID"] if v)  # leading zeros kept


def test_manifest(run, db):
    _, _, files = db
    m = run.manifest
    assert m["extract"] == "il_sca" and m["as_of"] == "2025-07-15"
    assert m["dbt_vars"]["sca_file_id"] == "001" and m["dbt_vars"]["sca_start_date"] == "2024-07-01"
    assert [f["name"] for f in m["files"]] == [f"{f[2]}.csv" for f in files] + ["IL_SCA_Issues.csv"]
    for f in m["files"]:
        data = (run.out / f["name"]).read_bytes()
        assert f["sha256"] == hashlib.sha256(data).hexdigest()
        assert f["records"] == len(parse(run.out / f["name"])[1]) - 1


def test_tab_format_with_strip_apostrophes(extract_run, run, db):
    tab = _run(extract_run, TAB_ARGS)
    _, _, files = db
    for _, _, base, _, rcdts in files:
        _, state_rows = parse(run.out / f"{base}.csv")
        text, rows = parse(tab.out / f"{base}.txt", delimiter="\t")
        assert rows[0] == [
            "Student Course Assignment",
            str(len(rows) - 2),
            f"{base}.txt",
            "07/15/2025",
            rcdts,
        ]
        assert rows[1] == STATE_FIELDS  # the tab format has a column-header line
        assert len(rows) - 2 == len(state_rows) - 1
        # the same records, marks stripped in the named fields (the order follows the stripped names)
        expected = sorted(
            [py_strip(o) if field in STRIPPED_FIELDS else o for field, o in zip(STATE_FIELDS, original, strict=True)]
            for original in state_rows[1:]
        )
        assert sorted(rows[2:]) == expected
        originals = {v for r in state_rows[1:] for v in r[2:4]}  # legal last / first names
        assert any("'" in v for v in originals) and any(not v.isascii() for v in originals)
        assert any("," in v for v in originals)  # e.g. 'Taylor, Jr.' (quoted in the state file)
        assert_crlf(text, rows)


def test_html_format(extract_run, run, db, tmp_path):
    from test_export_html import read_tables
    from test_html_browser import dump_dom

    from sis_extracts.export.html import ROW_LIMIT

    html = _run(extract_run, HTML_ARGS)
    _, _, files = db
    base = files[0][2]
    dom = dump_dom(html.out / f"{base}.html", tmp_path / "profile")
    tables = read_tables(dom).tables
    _, rows = parse(run.out / f"{base}.csv")
    # the key columns first, then the others in the file's order; at most html.ROW_LIMIT rows
    # (the state file beside the page then holds them all)
    assert sorted(tables["records"]["header"]) == sorted(STATE_FIELDS)
    perm = [STATE_FIELDS.index(h) for h in tables["records"]["header"]]
    shown = tables["records"]["rows"]
    assert shown == [[r[i] for i in perm] for r in rows[1 : 1 + len(shown)]]
    assert len(shown) == min(len(rows) - 1, ROW_LIMIT)
    assert [r[1] for r in tables["file-header"]["rows"]][:3] == [
        "Student Course Assignment",
        str(len(rows) - 1),
        f"{base}.html",
    ]
