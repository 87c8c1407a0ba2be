"""The HTML review page in a real headless browser (Debian Chromium): the table the browser
builds from the page must be the data, cell for cell.

Skipped when chromium is absent, unless SIS_REQUIRE_BROWSER=1 (CI), then it fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import Col, MartDef
from test_export_html import ISSUE_COLS, read_tables  # the Issues mart's columns

from sis_extracts.export.html import issues_view, write_html
from sis_extracts.export.marts import mart_spec
from sis_extracts.export.writer import select_sql

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium() -> str:
    for c in CHROMIUM_CANDIDATES:
        if os.access(c, os.X_OK):
            return c
    found = shutil.which("chromium")
    if found:
        return found
    if os.environ.get("SIS_REQUIRE_BROWSER") == "1":
        pytest.fail("chromium is not installed and SIS_REQUIRE_BROWSER=1 (apt-get install -y chromium)")
    pytest.skip("chromium is not installed (apt-get install -y chromium)")


def dump_dom(page: Path, profile: Path) -> str:
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        page.resolve().as_uri(),
    ]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "<table" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


COLS = [
    Col("date_time_generated", header="Date Time Generated"),
    Col("school_number", header="School Number"),
    Col("last_name", header="Last Name"),
    Col("first_name", header="First Name"),
    Col("course_credit", header="Course Credit"),
    Col("k", "integer", export=False),
]
ROWS = [
    ("06/30/2025 17:00", "007", 'O\'Neil, "Jr"', "Zoë", "1.00", 1),
    ("06/30/2025 17:00", "045", "Muñoz & <Sons>", "Ñandú", "0.50", 2),
    ("06/30/2025 17:00", "120", "Ö Ò Ó Ô", None, "1.125", 3),
    ("06/30/2025 17:00", "001", "</td></tr><tr><td>injected", "a\tb", "2.00", 4),
]
ISSUE_ROWS = [
    (3, "Error", "Error 3: a", "Detail, Classes", "Section <b>not bold</b>"),
    (3, "Error", "Error 3: b", "Detail", "Section <b>not bold</b>"),
    (4, "Warning", "Warning 4: staff", "Staff", "Staff thing"),
]


def test_browser_reads_back_the_data(mart_db, tmp_path):
    db = mart_db(
        [
            MartDef("report_mart", COLS, ROWS, order_by=["k"]),
            MartDef(
                "issues_mart",
                [*ISSUE_COLS, Col("issue_name", header="Issue Name")],
                ISSUE_ROWS,
                order_by=["issue_number"],
            ),
        ]
    )
    spec = mart_spec(db.manifest, "report_mart", db.con)
    issues = mart_spec(db.manifest, "issues_mart", db.con)
    page = tmp_path / "KECS_LEAD_Detail.html"
    write_html(
        db.con,
        spec,
        page,
        title="KECS LEAD Extract (Kentucky)",
        report_label="Detail",
        options=[("Format", "HTML")],
        generated="06/30/2025 17:00",
        version="0.1.0",
        issues=issues_view(db.con, issues, ["Detail"]),
        report="Detail",
    )
    dom = dump_dom(page, tmp_path / "profile")
    tables = read_tables(dom)

    expected = [["" if v is None else v for v in row] for row in db.con.execute(select_sql(spec)).fetchall()]
    assert tables.tables["records"]["header"] == [c.header for c in spec.columns]
    assert tables.tables["records"]["rows"] == expected
    assert len(expected) == 4
    assert expected[1][2] == "Muñoz & <Sons>"  # the page shows the mart's values, escaped
    # the Issues bearing on the report, by number, escaped
    assert tables.tables["issues"]["header"] == ["Issue Number", "Severity", "Issue Name", "Rows"]
    assert tables.tables["issues"]["rows"] == [["3", "Error", "Section <b>not bold</b>", "2"]]
    run = {r[0]: r[1] for r in tables.tables["run"]["rows"]}
    assert run["Records"] == "4"
    assert run["Generated"] == "06/30/2025 17:00"
