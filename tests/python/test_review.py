"""The review overview index.html, rendered from a database and a summary.json built in the test:
the overview (options, records per report linking each file, Issues by number with what to fix
in the SIS, set-aside reasons, students on no report), the charts (inline SVG with a title, axis
labels and one mark per category), self-contained and under 2 MB; and the top-level index of
`sis-extracts all`."""

from __future__ import annotations

import json
import re
import stat
from collections import Counter

import pytest
from conftest import Col, MartDef
from test_export_html import read_tables

from sis_extracts.export.writer import FileResult
from sis_extracts.review import ExtractLink, write_review, write_run_index
from sis_extracts.review import page as page_module
from sis_extracts.review.page import PAGE_LIMIT

DETAIL = [Col("school_name"), Col("school_number"), Col("grade"), Col("student_person_id")]
CLASSES = [Col("school_name"), Col("school_number"), Col("section_id"), Col("total_students")]
ISSUES = [Col("issue_number", "integer"), Col("severity"), Col("issue_name"), Col("affects_report")]
CATALOG = [Col("issue_number", "integer"), Col("severity"), Col("issue_name"), Col("fix_in_sis")]

SCHOOLS = ["North <Elementary>", "South High"]
DETAIL_ROWS = (
    # North: grades K and 01; student 1 is on two sections (one student)
    [("North <Elementary>", "010", "K", "1"), ("North <Elementary>", "010", "K", "1")]
    + [("North <Elementary>", "010", "K", str(p)) for p in range(2, 5)]
    + [("North <Elementary>", "010", "01", str(p)) for p in range(10, 12)]
    + [("South High", "020", g, str(100 + i)) for i, g in enumerate(["09", "09", "10", "12", "12", "12"])]
)
CLASSES_ROWS = [
    ("North <Elementary>", "010", "1", "4"),
    ("North <Elementary>", "010", "2", "2"),
    ("South High", "020", "3", "3"),
    ("South High", "020", "4", "3"),
    ("South High", "020", "5", "0"),
]
ISSUE_ROWS = [
    (3, "Error", "Section Missing Teacher of Record", "Detail, Classes"),
    (3, "Error", "Section Missing Teacher of Record", "Detail, Classes"),
    (12, "Warning", "Student Missing Grade", "Detail"),
    (2, "Warning", "Staff Missing Employee Type", "Staff"),
    (2, "Warning", "Staff Missing Employee Type", "Staff"),
    (2, "Warning", "Staff Missing Employee Type", "Staff"),
]
CATALOG_ROWS = [
    (2, "Warning", "Staff Missing Employee Type", "Fill in Type on the District Assignment."),
    (
        3,
        "Error",
        "Section Missing Teacher of Record",
        "Add a primary teacher to the section's staff history.",
    ),
    (12, "Warning", "Student Missing Grade", "Set the enrollment's grade."),
]

SUMMARY = {
    "extract": "kecs_lead",
    "title": "KECS LEAD Extract (Kentucky)",
    "generated": "06/30/2025 17:00",
    "options": {"End Year": "2025", "Format": "CSV", "Report(s)": "Detail, Classes"},
    "files": [{"report": "Detail", "file": "KECS_LEAD_Detail.csv", "records": 13}],
    "reports": [
        {
            "report": "Detail",
            "candidates": [
                {"kind": "enrollment", "considered": 30, "reported": 12, "set_aside": 18},
                {"kind": "roster", "considered": 50, "reported": 13, "set_aside": 37},
            ],
            "top_set_aside": [
                {
                    "kind": "roster",
                    "rule_id": "R5.BR1",
                    "reason_code": "kecs_r5_br1_roster_not_on_last_day",
                    "reason": "roster ends before the section's last day",
                    "count": 30,
                },
                {
                    "kind": "enrollment",
                    "rule_id": "R5.BR7",
                    "reason_code": "kecs_r5_br7_no_primary",
                    "reason": "enrollment is not primary",
                    "count": 18,
                },
            ],
        },
        {
            "report": "Classes",
            "candidates": [{"kind": "section", "considered": 9, "reported": 5, "set_aside": 4}],
            "top_set_aside": [
                {
                    "kind": "section",
                    "rule_id": "R6.BR2",
                    "reason_code": "kecs_r6_br2_not_scheduled",
                    "reason": "section is not scheduled in the term",
                    "count": 4,
                },
            ],
        },
    ],
    "students_on_no_report": {
        "enrolled": 20,
        "on_a_report": 12,
        "on_no_report": 8,
        "by_reason": [
            {
                "rule_id": "R5.BR7",
                "reason_code": "kecs_r5_br7_no_primary",
                "reason": "not a primary enrollment",
                "count": 5,
            },
            {
                "rule_id": "R5.BR1",
                "reason_code": "kecs_r5_br1_roster_not_on_last_day",
                "reason": "no roster on the last day",
                "count": 3,
            },
        ],
    },
    # as export/summary.py counts ISSUE_ROWS with CATALOG_ROWS' fixes
    "issues": {
        "by_severity": {"Error": 2, "Warning": 4},
        "by_number": [
            {
                "issue_number": n,
                "severity": sev,
                "issue_name": name,
                "affects_report": report,
                "fix_in_sis": next(c[3] for c in CATALOG_ROWS if c[0] == n),
                "count": sum(1 for r in ISSUE_ROWS if r[0] == n),
            }
            for n, sev, name, report in sorted(set(ISSUE_ROWS))
        ],
    },
}


@pytest.fixture
def kecs_db(mart_db):
    return mart_db(
        [
            MartDef("kecs_lead__detail", DETAIL, DETAIL_ROWS),
            MartDef("kecs_lead__classes", CLASSES, CLASSES_ROWS),
            MartDef("kecs_lead__issues", ISSUES, ISSUE_ROWS),
            MartDef("kecs_issue_catalog", CATALOG, CATALOG_ROWS, schema="reference"),
        ]
    )


def _files(out):
    out.mkdir(parents=True, exist_ok=True)
    res = []
    for report, name, n in [
        ("Detail", "KECS_LEAD_Detail.html", 13),
        ("Classes (Aggregate)", "KECS_LEAD_Classes.csv", 5),
    ]:
        (out / name).write_text("x", encoding="utf-8")
        res.append(FileResult(name, out / name, n, "0" * 64, 1, report, name.rsplit(".", 1)[1]))
    (out / "KECS_LEAD_Detail.csv").write_text("x", encoding="utf-8")  # the full CSV beside a cut page
    return res


def _review(db, out, summary: dict | None):
    files = _files(out)
    summary_path = out / "summary.json"
    if summary is not None:
        summary_path.write_text(json.dumps(summary), encoding="utf-8")
    page = write_review(
        db.con,
        out,
        summary_path,
        files,
        extract="kecs_lead",
        title="Fallback title",
        options=[("Fallback", "option")],
        generated="fallback",
        version="0.1.0",
        issues_link="KECS_LEAD_Issues.csv",
    )
    return page, page.read_text("utf-8")


def svgs(html: str) -> dict[str, str]:
    """The inline SVG of each figure, by the figure's id."""
    return dict(re.findall(r'<figure id="chart-([\w-]+)">\s*(<svg.*?</svg>)', html, flags=re.DOTALL))


def svg_texts(svg: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", t).strip() for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.DOTALL)
    ]


def test_overview_from_summary_and_database(kecs_db, tmp_path):
    page, html = _review(kecs_db, tmp_path / "out", SUMMARY)
    assert page.name == "index.html"
    assert stat.S_IMODE(page.stat().st_mode) == 0o600
    r = read_tables(html)
    assert r.external == [] and "<script" not in html
    # options and title come from summary.json
    assert dict(map(tuple, r.tables["options"]["rows"])) == SUMMARY["options"]
    assert "Review: KECS LEAD Extract (Kentucky)" in html and "Fallback" not in html
    # records per report, linking each file and the full CSV beside a cut page
    assert r.tables["files"]["rows"] == [
        ["Detail", "KECS_LEAD_Detail.html (first rows; all: KECS_LEAD_Detail.csv)", "13"],
        ["Classes (Aggregate)", "KECS_LEAD_Classes.csv", "5"],
    ]
    assert {
        "KECS_LEAD_Detail.html",
        "KECS_LEAD_Detail.csv",
        "KECS_LEAD_Classes.csv",
        "KECS_LEAD_Issues.csv",
    } <= set(r.links)
    # Issues grouped by number, counted from the mart, with the catalog's fix
    counts = Counter((n, sev, name) for n, sev, name, _ in ISSUE_ROWS)
    fixes = {n: fix for n, _, _, fix in CATALOG_ROWS}
    assert r.tables["issues-by-number"]["rows"] == [
        [str(n), sev, name, str(k), fixes[n]] for (n, sev, name), k in sorted(counts.items())
    ]
    assert 'id="issue-errors" data-count="2"' in html and 'id="issue-warnings" data-count="4"' in html
    # set aside, and students on no report: the summary's numbers
    nr = SUMMARY["students_on_no_report"]
    assert [row[1] for row in r.tables["students-on-no-report"]["rows"]] == [
        str(nr["enrolled"]),
        str(nr["on_a_report"]),
        str(nr["on_no_report"]),
    ]
    assert r.tables["no-report-reasons"]["rows"] == [
        [x["rule_id"], x["reason"], str(x["count"])] for x in nr["by_reason"]
    ]
    assert f'id="on-no-report" data-count="{nr["on_no_report"]}"' in html
    expected = [
        [rep["report"], t["rule_id"], t["reason"], str(t["count"])]
        for rep in SUMMARY["reports"]
        for t in rep["top_set_aside"]
    ]
    assert r.tables["set-aside-reasons"]["rows"] == expected
    assert r.tables["candidates"]["rows"][1] == ["Detail", "roster", "50", "13", "37"]
    assert len(html.encode()) < PAGE_LIMIT


def test_charts_are_svg_with_title_axes_and_marks(kecs_db, tmp_path):
    _, html = _review(kecs_db, tmp_path / "out", SUMMARY)
    charts = svgs(html)
    assert list(charts) == [
        "students-by-grade",
        "class-sizes",
        "issues-by-type",
        "set-aside-by-reason",
        "students-on-no-report",
    ]
    for key, svg in charts.items():
        assert len(svg) < 120_000, key  # small: a few aggregated points
        assert re.search(r"<(path|rect|use)\b", svg), key
        assert "<image" not in svg and "data:" not in svg, key  # drawn, not a raster

    grade = svg_texts(charts["students-by-grade"])
    assert "Students by grade per school (Detail)" in grade
    assert "Students (distinct Student Person ID)" in grade and "School" in grade
    assert "North &lt;Elementary&gt;" in grade  # escaped
    # one total per school: distinct students, counted here from the rows
    totals = Counter(s for s, _, _, p in set(DETAIL_ROWS))
    for school in SCHOOLS:
        assert str(totals[school]) in grade
    assert ["K", "01", "09", "10", "12"] == [
        t for t in grade if t in ("K", "01", "09", "10", "12")
    ]  # legend order

    issues = svg_texts(charts["issues-by-type"])
    assert {"Issues by type", "Issues rows", "Issue"} <= set(issues)
    assert [
        "Warning 2: Staff Missing Employee Type",
        "Error 3: Section Missing Teacher of Record",
        "Warning 12: Student Missing Grade",
    ] == [t for t in issues if re.match(r"(Error|Warning) \d+:", t)]
    assert ["3", "2", "1"] == [t for t in issues if t in ("1", "2", "3")][-3:]  # the bars' values, in order

    sizes = svg_texts(charts["class-sizes"])
    assert "Class sizes per school (Classes)" in sizes and "Total Students per section" in sizes
    assert "North &lt;Elementary&gt; (2)" in sizes and "South High (3)" in sizes  # sections per school

    aside = svg_texts(charts["set-aside-by-reason"])
    assert "R5.BR1 roster ends before the section's last day" in [t.replace("&#x27;", "'") for t in aside]
    assert {"30", "18", "4", "Detail", "Classes"} <= set(aside)


def test_without_summary_the_page_says_so(kecs_db, tmp_path):
    _, html = _review(kecs_db, tmp_path / "out", None)
    r = read_tables(html)
    assert "summary.json was not found" in html
    assert "set-aside-reasons" not in r.tables and "students-on-no-report" not in r.tables
    assert dict(map(tuple, r.tables["options"]["rows"])) == {"Fallback": "option"}
    # the Issues by number are the summary's: without it the page says where they come from
    assert list(svgs(html)) == ["students-by-grade", "class-sizes"]
    assert "The Issues by number come from summary.json" in html


def test_unreadable_summary_is_named(kecs_db, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.json").write_text("{not json", encoding="utf-8")
    page = write_review(
        kecs_db.con,
        out,
        out / "summary.json",
        [],
        extract="kecs_lead",
        title="T",
        options=[],
        generated="g",
        version="v",
    )
    html = page.read_text("utf-8")
    assert "summary.json could not be read" in html
    assert "No file was written." in html


RECORDS = [Col("term"), Col("course_final_letter_grade"), Col("serving_school_rcdts"), Col("person_id")]
SCORES = [Col("state_score"), Col("score_name"), Col("description")]


def test_illinois_charts_records_per_term_and_final_grades(mart_db, tmp_path):
    rows = [
        ("S1", "02", "A1", "1"),
        ("S1", "02", "A1", "2"),
        ("S2", "13", "A1", "1"),
        ("Q1", None, "B2", "3"),
    ]
    db = mart_db(
        [
            MartDef("il_sca__student_course_assignment", RECORDS, rows),
            MartDef("il_sca__issues", ISSUES, []),
            MartDef(
                "il_state_course_scores",
                SCORES,
                [("02", "A", "credit"), ("13", "F", "no credit")],
                schema="reference",
            ),
        ]
    )
    out = tmp_path / "il"
    out.mkdir()
    page = write_review(
        db.con, out, None, [], extract="il_sca", title="IL", options=[], generated="g", version="v"
    )
    html = page.read_text("utf-8")
    charts = svgs(html)
    assert list(charts) == ["records-by-term", "final-grades", "students-by-school"]
    term = svg_texts(charts["records-by-term"])
    assert {"Records per term", "Term", "Records"} <= set(term)
    assert [t for t in term if t in ("Q1", "S1", "S2")] == ["Q1", "S1", "S2"]
    grades = svg_texts(charts["final-grades"])
    assert [t for t in grades if t in ("02 A", "13 F", "(no final grade)")] == [
        "02 A",
        "13 F",
        "(no final grade)",
    ]
    assert "State course score" in grades
    schools = svg_texts(charts["students-by-school"])
    assert "Students per serving school" in schools
    assert "The Issues by number come from summary.json" in html


def test_run_index_links_each_extract(tmp_path):
    files = [
        FileResult("a.csv", tmp_path / "a.csv", 7, "0", 1, "Detail", "csv"),
        FileResult("b.csv", tmp_path / "b.csv", 5, "0", 1, "Staff", "csv"),
    ]
    page = write_run_index(
        tmp_path,
        [
            ExtractLink("KECS", "kecs_lead", files, {"Error": 1, "Warning": 2}),
            ExtractLink("IL", "il_sca", [], {}),
        ],
        version="v",
        generated="g",
    )
    r = read_tables(page.read_text("utf-8"))
    assert r.tables["extracts"]["rows"] == [
        ["KECS", "kecs_lead/index.html", "2", "12", "Error 1, Warning 2"],
        ["IL", "il_sca/index.html", "0", "0", "none"],
    ]
    assert r.links == ["kecs_lead/index.html", "il_sca/index.html"] and r.external == []


def test_same_run_same_page(kecs_db, tmp_path):
    # the charts' ids and metadata are stable: a page is byte-identical for the same data
    first, _ = _review(kecs_db, tmp_path / "a", SUMMARY)
    second, _ = _review(kecs_db, tmp_path / "b", SUMMARY)
    assert first.read_bytes() == second.read_bytes()
    ids = re.findall(r'\bid="([^"]+)"', first.read_text("utf-8"))
    assert len(ids) == len(set(ids)), "ids repeat between the inline SVGs"


def test_a_page_over_the_limit_is_refused(kecs_db, tmp_path, monkeypatch):
    from sis_extracts.export.errors import InternalError
    from sis_extracts.review import page

    monkeypatch.setattr(page, "PAGE_LIMIT", 10_000)
    with pytest.raises(InternalError, match="over the 10,000-byte limit"):
        _review(kecs_db, tmp_path / "out", SUMMARY)
    assert not (tmp_path / "out" / "index.html").exists()


def test_per_school_charts_draw_the_largest_schools_and_say_so(kecs_db, tmp_path, monkeypatch):
    """A district edition of hundreds of schools keeps the page small: a per-school chart draws the
    MAX_SCHOOLS largest schools and a note names how many are left out."""
    monkeypatch.setattr(page_module, "MAX_SCHOOLS", 1)
    _, html = _review(kecs_db, tmp_path / "out", SUMMARY)
    charts = svgs(html)
    grade = svg_texts(charts["students-by-grade"])
    # both have 6 students: the tie goes by name, and the SVG text is HTML-escaped
    drawn = [s for s in SCHOOLS if s.replace("<", "&lt;").replace(">", "&gt;") in grade]
    assert drawn == ["North <Elementary>"]
    assert (
        "Students by grade per school: the 1 largest of 2 schools are drawn; the other 1 are in the Detail file."
        in (html.replace("&lt;", "<").replace("&gt;", ">"))
    )
    assert "Class sizes per school: the 1 largest of 2 schools are drawn" in html
