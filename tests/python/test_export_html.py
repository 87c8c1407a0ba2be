"""The HTML report page, rendered from a DuckDB database and a manifest built in the test:
self-contained, escaped, the options, generation time, record count, the records first (key
columns leftmost, rows in the file's order), only the Issues whose affects_report names the
report (summarised by number, linking the full list), and a long report cut to its first rows
with the full CSV beside the page (no page over 2 MB)."""

from __future__ import annotations

import csv
import io
import re
import stat
from collections import Counter
from html.parser import HTMLParser

import pytest
from conftest import Col, MartDef

from sis_extracts.export.html import (
    KEY_COLUMNS,
    PAGE_LIMIT,
    ROW_LIMIT,
    affects_where,
    issues_view,
    write_html,
)
from sis_extracts.export.marts import mart_spec
from sis_extracts.export.writer import write_mart_file

REPORT_COLS = [
    Col("end_year", header="End Year"),
    Col("last_name", header="Last Name"),
    Col("first_name", header="First Name"),
    Col("k", "integer", export=False),
]
REPORT_ROWS = [
    ("2025", "<script>alert(1)</script>", "Zoë", 2),
    ("2025", 'O\'Neil, "Jr" & Co', "Muñoz", 1),
    ("2025", "Plain", None, 3),
]
ISSUE_COLS = [
    Col("issue_number", "integer", header="Issue Number"),
    Col("severity", header="Severity"),
    Col("message", header="Message"),
    Col("affects_report", header="Affects Report"),
]
ISSUE_ROWS = [
    (1, "Warning", "Warning 1: staff only", "Staff"),
    (3, "Error", "Error 3: detail and classes", "Detail, Classes"),
    (5, "Error", "Error 5: schoolwide; caseload", "Schoolwide; Caseload"),
    (7, "Warning", "Warning 7: everything", "All"),
    (9, "Warning", "Warning 9: staff detail", "Staff (Detail)"),
]


class TableReader(HTMLParser):
    """Reads every <table id=...> into header + rows of cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, dict] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self.external: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        refs = [v or "" for k, v in a.items() if k in ("href", "src", "xlink:href")]
        # a page may link the files beside it and its own anchors; nothing with a scheme or a host
        if tag in ("link", "script", "img", "iframe") or any(
            re.match(r"[a-z][a-z0-9+.-]*:|//", v) for v in refs
        ):
            self.external.append(tag)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "table":
            self._table = a.get("id") or f"table{len(self.tables)}"
            self.tables[self._table] = {"header": [], "rows": []}
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr" and self._table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table:
            t = self.tables[self._table]
            if self._in_head:
                t["header"] = self._row
            else:
                t["rows"].append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_tables(html: str) -> TableReader:
    r = TableReader()
    r.feed(html)
    return r


@pytest.fixture
def db(mart_db):
    return mart_db(
        [
            MartDef("report_mart", REPORT_COLS, REPORT_ROWS, order_by=["k"]),
            MartDef("issues_mart", ISSUE_COLS, ISSUE_ROWS, order_by=["issue_number"]),
        ]
    )


def render(db, tmp_path, report_names, **kw):
    kw.setdefault("full_csv", None)
    spec = mart_spec(db.manifest, "report_mart", db.con)
    issues = mart_spec(db.manifest, "issues_mart", db.con)
    final = tmp_path / "KECS_LEAD_Detail.html"
    res = write_html(
        db.con,
        spec,
        final,
        title="KECS LEAD Extract (Kentucky)",
        report_label="Detail",
        options=[("Format", "HTML"), ("Date Range", "07/01/2024 - 06/30/2025")],
        generated="06/30/2025 17:00",
        version="0.1.0",
        issues=issues_view(db.con, issues, report_names),
        report="Detail",
        **kw,
    )
    return res, final.read_text("utf-8")


def test_page_content_escaped_and_self_contained(db, tmp_path):
    res, html = render(db, tmp_path, ["detail", "Detail", "KECS_LEAD_Detail", "kecs_lead__detail"])
    assert res.records == 3
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    r = read_tables(html)
    assert r.external == []  # no external CSS/JS/images/links
    assert not re.search(r"https?://", html)
    assert r.tables["records"]["header"] == ["End Year", "Last Name", "First Name"]
    assert r.tables["records"]["rows"] == [
        ["2025", 'O\'Neil, "Jr" & Co', "Muñoz"],
        ["2025", "<script>alert(1)</script>", "Zoë"],
        ["2025", "Plain", ""],
    ]
    assert 'id="record-count" data-count="3"' in html
    assert "06/30/2025 17:00" in html
    opts = dict(r.tables["options"]["rows"][i] for i in range(2))
    assert opts == {"Format": "HTML", "Date Range": "07/01/2024 - 06/30/2025"}
    assert stat.S_IMODE((tmp_path / "KECS_LEAD_Detail.html").stat().st_mode) == 0o600


def test_issues_filtered_by_affects_report(db, tmp_path):
    _, html = render(db, tmp_path, ["detail", "Detail"])
    r = read_tables(html)
    rows = r.tables["issues"]["rows"]
    assert [row[0] for row in rows] == ["3", "7"]  # Detail, Classes + All
    assert [row[1] for row in rows] == ["Error", "Warning"]
    assert 'id="issue-count" data-count="2"' in html
    assert "index.html#issues" in r.links  # no Issues file given: the overview's Issues


def test_issues_summarised_by_number_with_link(mart_db, tmp_path):
    rows = [
        (3, "Error", "Error 3: a", "Detail"),
        (3, "Error", "Error 3: b", "Detail"),
        (3, "Error", "Error 3: c", "All"),
        (12, "Warning", "Warning 12: x", "Detail"),
        (2, "Warning", "Warning 2: y", "Detail"),
        (2, "Warning", "Warning 2: not this report", "Staff"),
    ]
    db = mart_db(
        [
            MartDef("report_mart", REPORT_COLS, REPORT_ROWS, order_by=["k"]),
            MartDef("issues_mart", ISSUE_COLS, rows, order_by=["issue_number"]),
        ]
    )
    _, html = render(db, tmp_path, ["Detail"], issues_link="KECS_LEAD_Issues.html")
    r = read_tables(html)
    expected = Counter((n, sev) for n, sev, _, aff in rows if aff in ("Detail", "All"))
    got = {(int(row[0]), row[1]): int(row[3]) for row in r.tables["issues"]["rows"]}
    assert got == dict(expected)
    assert [row[0] for row in r.tables["issues"]["rows"]] == ["2", "3", "12"]  # by number, not as text
    assert "Error 3: a" not in html  # the rows themselves are in the Issues report
    assert "KECS_LEAD_Issues.html" in r.links
    assert 'id="issue-count" data-count="5"' in html


def test_issues_match_labels_with_punctuation(db):
    issues = mart_spec(db.manifest, "issues_mart", db.con)
    where = affects_where(issues, ["staff", "Staff (Detail)"])
    got = [
        r[0]
        for r in db.con.execute(
            f"select issue_number from marts.issues_mart as _mart where {where} order by 1"
        ).fetchall()
    ]
    assert got == [1, 7, 9]
    where = affects_where(issues, ["Caseload"])
    got = [
        r[0]
        for r in db.con.execute(
            f"select issue_number from marts.issues_mart as _mart where {where} order by 1"
        ).fetchall()
    ]
    assert got == [5, 7]


def test_no_issue_section_without_issues_mart(db, tmp_path):
    spec = mart_spec(db.manifest, "report_mart", db.con)
    write_html(
        db.con,
        spec,
        tmp_path / "x.html",
        title="T",
        report_label="Detail",
        options=[],
        generated="g",
        version="v",
        issues=None,
        report="Detail",
    )
    html = (tmp_path / "x.html").read_text("utf-8")
    assert 'id="issues"' not in html and "Issues that bear" not in html


def test_file_header_on_html_values_as_in_the_mart(db, tmp_path):
    _, html = render(
        db,
        tmp_path,
        ["Student Course Assignment"],
        file_header=[("FileType", "Student Course Assignment"), ("Total Records", "3")],
    )
    r = read_tables(html)
    assert r.tables["records"]["rows"][0] == ["2025", 'O\'Neil, "Jr" & Co', "Muñoz"]  # as in the mart
    assert r.tables["file-header"]["rows"] == [
        ["FileType", "Student Course Assignment"],
        ["Total Records", "3"],
    ]
    assert [row[0] for row in r.tables["issues"]["rows"]] == ["7"]  # only 'All' names this report


# --- key columns first; long reports ------------------------------------------------------------

CLASSES_COLS = [
    Col("date_time_generated", header="Date Time Generated"),
    Col("school_name", header="School Name"),
    Col("course_name", header="Course Name"),
    Col("section_id", header="Section ID"),
    Col("teacher_last_name", header="Teacher Last Name"),
    Col("total_students", header="Total Students"),
    Col("k", "integer", export=False),
]


def _csv_rows(path):
    return list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))


def _page(db, tmp_path, model, *, name, **kw):
    spec = mart_spec(db.manifest, model, db.con)
    final = tmp_path / f"{name}.html"
    res = write_html(
        db.con,
        spec,
        final,
        title="T",
        report_label=name,
        options=[],
        generated="g",
        version="v",
        report=name,
        full_csv=lambda p: write_mart_file(db.con, spec, p, report=name, fmt="csv"),
        **kw,
    )
    return spec, res, final


def test_key_columns_leftmost_rows_in_file_order(mart_db, tmp_path):
    # ties on the report order (k) are broken as in the CSV, whatever the page's column order
    rows = [
        ("06/30/2025", "B School", f"Course {i % 3}", str(700 + i), f"T{i % 4}", str(i), i // 4)
        for i in range(12)
    ]
    db = mart_db([MartDef("kecs_lead__classes", CLASSES_COLS, rows, order_by=["k"])])
    spec, res, final = _page(db, tmp_path, "kecs_lead__classes", name="KECS_LEAD_Classes")
    write_mart_file(db.con, spec, tmp_path / "file.csv", report="Classes", fmt="csv")
    header, *file_rows = _csv_rows(tmp_path / "file.csv")
    t = read_tables(final.read_text("utf-8")).tables["records"]
    keys = [c.header for c in spec.columns if c.name in KEY_COLUMNS["kecs_lead__classes"]]
    assert keys == ["Course Name", "Section ID", "Teacher Last Name", "Total Students"]
    assert t["header"][:4] == [
        "Section ID",
        "Course Name",
        "Teacher Last Name",
        "Total Students",
    ]  # listed order
    assert sorted(t["header"]) == sorted(header)
    perm = [header.index(h) for h in t["header"]]
    assert t["rows"] == [[row[i] for i in perm] for row in file_rows]
    assert res.records == 12
    assert not (tmp_path / "KECS_LEAD_Classes.csv").exists()  # every record is on the page
    assert "position: sticky" in final.read_text("utf-8")


def test_key_columns_name_columns_of_the_marts():
    # every listed key column is a column of its mart (the marts' yml)
    from pathlib import Path

    import yaml

    models = Path(__file__).resolve().parents[2] / "models" / "marts"
    for model, keys in KEY_COLUMNS.items():
        (yml,) = models.rglob(f"{model}.yml")
        doc = yaml.safe_load(yml.read_text("utf-8"))
        cols = {c["name"] for m in doc["models"] if m["name"] == model for c in m.get("columns", [])}
        assert set(keys) <= cols, f"{model}: {sorted(set(keys) - cols)}"


def test_long_report_shows_first_rows_and_links_the_csv(mart_db, tmp_path):
    n = ROW_LIMIT + 7
    rows = [("2025", f"Last{i:05d}", "F", i) for i in range(n)]
    db = mart_db([MartDef("report_mart", REPORT_COLS, rows, order_by=["k"])])
    _spec, res, final = _page(db, tmp_path, "report_mart", name="KECS_LEAD_Detail")
    html = final.read_text("utf-8")
    r = read_tables(html)
    csv_path = tmp_path / "KECS_LEAD_Detail.csv"
    _header, *all_rows = _csv_rows(csv_path)
    assert len(all_rows) == n and res.records == n
    assert r.tables["records"]["rows"] == all_rows[:ROW_LIMIT]
    assert "KECS_LEAD_Detail.csv" in r.links
    assert f'data-shown="{ROW_LIMIT}"' in html and f'data-count="{n}"' in html
    assert stat.S_IMODE(csv_path.stat().st_mode) == 0o600


def test_no_page_over_2_mb(mart_db, tmp_path):
    big = "x" * 1500  # ~1.5 KB a row: 2,000 rows would be ~3 MB
    rows = [("2025", f"{i:05d}{big}", "F", i) for i in range(ROW_LIMIT + 10)]
    db = mart_db([MartDef("report_mart", REPORT_COLS, rows, order_by=["k"])])
    _, _res, final = _page(db, tmp_path, "report_mart", name="Big")
    size = final.stat().st_size
    assert size <= PAGE_LIMIT
    shown = read_tables(final.read_text("utf-8")).tables["records"]["rows"]
    assert 100 < len(shown) < ROW_LIMIT
    assert [row[1][:5] for row in shown] == [f"{i:05d}" for i in range(len(shown))]
    assert len(_csv_rows(tmp_path / "Big.csv")) == ROW_LIMIT + 11  # header + every record


def test_long_report_without_csv_writer_is_refused(mart_db, tmp_path):
    rows = [("2025", "L", "F", i) for i in range(5)]
    db = mart_db([MartDef("report_mart", REPORT_COLS, rows, order_by=["k"])])
    spec = mart_spec(db.manifest, "report_mart", db.con)
    with pytest.raises(ValueError, match="do not fit"):
        write_html(
            db.con,
            spec,
            tmp_path / "x.html",
            title="T",
            report_label="D",
            options=[],
            generated="g",
            version="v",
            report="D",
            row_limit=3,
        )
    assert not (tmp_path / "x.html").exists()
