"""The HTML review page, rendered from a DuckDB database and a manifest built in the test:
self-contained, escaped, the options, generation time, record count, the records, and only the
Issues whose affects_report names the report."""

from __future__ import annotations

import re
import stat
from html.parser import HTMLParser

import pytest
from conftest import Col, MartDef

from sis_extracts.export.html import affects_where, issues_view, write_html
from sis_extracts.export.marts import mart_spec

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

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("link", "script", "img", "iframe") or (tag == "a" and "href" in a):
            self.external.append(tag)
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
    rows = read_tables(html).tables["issues"]["rows"]
    assert [r[0] for r in rows] == ["3", "7"]  # Detail, Classes + All
    assert 'id="issue-count" data-count="2"' in html


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
