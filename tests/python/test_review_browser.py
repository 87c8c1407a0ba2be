"""The review pages in a real headless browser (Debian Chromium): a screenshot of the overview
and of the KECS Classes page, the charts drawn (inline <svg> with path/rect marks, no script),
and the tables read back from the DOM the browser builds.

Skipped when chromium is absent, unless SIS_REQUIRE_BROWSER=1 (CI), then it fails."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest
from PIL import Image
from test_export_html import read_tables
from test_html_browser import chromium, dump_dom

from sis_extracts.export.html import KEY_COLUMNS
from sis_extracts.export.options import KECS_REPORTS

KECS_MARTS = tuple(r.mart for r in KECS_REPORTS.values())
AS_OF = "2025-06-30 17:00"
CSV_ARGS = ("--end-year", "2025", "--as-of", AS_OF)  # the runs of test_export_kecs_lead
HTML_ARGS = ("--end-year", "2025", "--as-of", AS_OF, "--format", "html", "--report", "classes,staff")
WINDOW = (1400, 1000)


def screenshot(page, png, profile):
    cmd = [
        chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
        f"--screenshot={png}",
        page.resolve().as_uri(),
    ]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and png.is_file(), proc.stderr[-2000:]
    with Image.open(png) as im:
        assert im.size == WINDOW
        colors = im.convert("RGB").getcolors(maxcolors=1 << 16)
    # a drawn page, not a blank one: many colors (text, table lines, chart marks)
    assert colors is None or len(colors) > 50


@pytest.fixture(scope="module")
def runs(extract_run):
    html = extract_run("kecs-lead", *HTML_ARGS, marts=KECS_MARTS)
    csv_run = extract_run("kecs-lead", *CSV_ARGS, marts=KECS_MARTS)
    for r in (html, csv_run):
        assert r.result.code == 0, r.result.stderr[-4000:]
    return html, csv_run


def test_overview_in_browser(runs, tmp_path):
    html_run, _ = runs
    page = html_run.out / "index.html"
    screenshot(page, tmp_path / "overview.png", tmp_path / "profile")
    dom = dump_dom(page, tmp_path / "profile")
    assert "<script" not in page.read_text("utf-8")
    svgs = re.findall(r"<svg\b.*?</svg>", dom, flags=re.DOTALL)
    assert len(svgs) >= 3  # students by grade, class sizes, Issues by type
    for svg in svgs:
        assert len(re.findall(r"<(path|rect)\b", svg)) >= 3
    r = read_tables(dom)
    assert r.tables["files"]["rows"] == [
        [f["report"], f["name"], str(f["records"])] for f in html_run.manifest["files"]
    ]
    assert r.tables["issues-by-number"]["rows"], "the district has Issues"


def test_classes_page_in_browser(runs, tmp_path):
    html_run, csv_run = runs
    page = html_run.out / "KECS_LEAD_Classes.html"
    screenshot(page, tmp_path / "classes.png", tmp_path / "profile")
    t = read_tables(dump_dom(page, tmp_path / "profile")).tables
    rows = list(
        csv.reader(io.StringIO((csv_run.out / "KECS_LEAD_Classes.csv").read_text("utf-8"), newline=""))
    )
    header = rows[0]
    assert t["records"]["header"][:2] == ["Section ID", "Course Number"]  # key columns leftmost
    assert len(KEY_COLUMNS["kecs_lead__classes"]) >= 4
    assert sorted(t["records"]["header"]) == sorted(header)
    perm = [header.index(h) for h in t["records"]["header"]]
    assert t["records"]["rows"] == [[row[i] for i in perm] for row in rows[1:]]
    assert [row[0] for row in t["issues"]["rows"]], "Issues bearing on Classes, by number"
