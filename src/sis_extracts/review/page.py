"""The review overview `index.html`, written beside the files of every run and every format.

It opens on an overview (options, record counts per report linking each file, Issues grouped by
number with what to fix in the SIS, the set-aside reasons and the students on no report), then
the charts. The counts of set-aside rows and of students on no report come from the run's
`summary.json`; the rest is aggregated in SQL from the run's database (`data`). For
`sis-extracts all`, `write_run_index` links the two extracts' overviews from `<out>/index.html`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment

from sis_extracts.export.errors import InternalError
from sis_extracts.export.html import template_env
from sis_extracts.export.writer import FILE_MODE, FileResult, atomic_file
from sis_extracts.review import charts, data

INDEX_NAME = "index.html"
# where `--previous DIR` puts the changes since that run into a written review page
CHANGES_MARKER = "<!-- changes-since-previous -->"
PAGE_LIMIT = 2 * 1024 * 1024  # no page over 2 MB
SEVERITY_COLORS = {"Error": "#c0392b", "Warning": "#e0a030"}
# a chart per school draws at most this many schools (the largest); a district edition of hundreds of
# schools would make a page of megabytes. The others are named in a note under the charts.
MAX_SCHOOLS = 30
REPORT_COLORS = ("#4c78a8", "#f58518", "#54a24b", "#b279a2", "#9d755d", "#72b7b2", "#e45756")


def _env() -> Environment:
    return template_env()


@dataclass
class FileLink:
    report: str
    name: str
    records: int
    fmt: str
    csv: str | None = None  # the full CSV beside a page that shows only the first records


@dataclass
class Review:
    extract: str
    title: str
    generated: str
    version: str
    options: list[tuple[str, str]]
    files: list[FileLink]
    issues: list[data.IssueRow] | None
    issues_link: str | None
    summary: dict[str, Any] | None
    summary_note: str | None
    charts: list[charts.Chart] = field(default_factory=list)
    chart_notes: list[str] = field(default_factory=list)


def load_summary(path: Path | None) -> tuple[dict[str, Any] | None, str | None]:
    """The run's summary.json (its schema: see the module docstring of the run summary), or None
    and the reason it cannot be shown."""
    if path is None or not path.is_file():
        name = path.name if path is not None else "summary.json"
        return (
            None,
            f"{name} was not found beside the files, so the set-aside reasons and the students on no report are not shown.",
        )
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        return None, f"{path.name} could not be read ({exc}), so the set-aside reasons are not shown."
    if not isinstance(doc, dict):
        return None, f"{path.name} does not hold an object, so the set-aside reasons are not shown."
    return doc, None


def _file_links(out: Path, files: list[FileResult]) -> list[FileLink]:
    links = []
    for f in files:
        csv = Path(f.name).with_suffix(".csv").name
        beside = f.fmt == "html" and (out / csv).is_file()
        links.append(FileLink(f.report, f.name, f.records, f.fmt, csv if beside else None))
    return links


def _set_aside_rows(summary: dict[str, Any]) -> list[tuple[str, str, str, int]]:
    """(report, rule ID, reason, count) of every report's largest set-aside reasons."""
    rows = []
    for rep in summary.get("reports") or []:
        for t in rep.get("top_set_aside") or []:
            rows.append(
                (
                    str(rep.get("report", "")),
                    str(t.get("rule_id", "")),
                    str(t.get("reason", "")),
                    int(t.get("count", 0)),
                )
            )
    return rows


def _note_cut(note, chart: str, n_schools: int, where: str) -> None:
    """Say under the charts that a per-school chart draws only the MAX_SCHOOLS largest schools."""
    if n_schools > MAX_SCHOOLS:
        note(
            f"{chart}: the {MAX_SCHOOLS} largest of {n_schools:,} schools are drawn; "
            f"the other {n_schools - MAX_SCHOOLS:,} are in {where}."
        )


def _charts(con: duckdb.DuckDBPyConnection, extract: str, review: Review) -> None:
    rel = data.MARTS.get(extract, {})
    add, note = review.charts.append, review.chart_notes.append
    if extract == "kecs_lead":
        grades = data.students_by_grade(con, rel["detail"])
        if grades and grades[0]:
            schools, series, counts = grades
            size = {sc: sum(n for (school, _), n in counts.items() if school == sc) for sc in schools}
            kept = set(sorted(schools, key=lambda sc: (-size[sc], sc))[:MAX_SCHOOLS])
            _note_cut(note, "Students by grade per school", len(schools), "the Detail file")
            schools = [sc for sc in schools if sc in kept]
            counts = {k: n for k, n in counts.items() if k[0] in kept}
            add(
                charts.stacked_bars(
                    "students-by-grade",
                    "Students by grade per school (Detail)",
                    groups=schools,
                    series=series,
                    counts=counts,
                    xlabel="Students (distinct Student Person ID)",
                    ylabel="School",
                    legend_title="Grade",
                )
            )
        else:
            note("Students by grade per school: the Detail report has no students in this run.")
        sizes = data.class_sizes(con, rel["classes"])
        if sizes:
            kept = {id(b) for b in sorted(sizes, key=lambda b: (-b.n, b.label))[:MAX_SCHOOLS]}
            _note_cut(note, "Class sizes per school", len(sizes), "the Classes file")
            sizes = [b for b in sizes if id(b) in kept]
            add(
                charts.box_chart(
                    "class-sizes",
                    "Class sizes per school (Classes)",
                    stats=sizes,
                    xlabel="Total Students per section",
                    ylabel="School (number of sections)",
                    caption="Box: the middle half of the sections; line: median; diamond: mean; "
                    "whiskers: the smallest and the largest section.",
                )
            )
        else:
            note("Class sizes per school: the Classes report has no sections in this run.")
    issues = review.issues or []
    if issues:
        add(
            charts.bar_chart(
                "issues-by-type",
                "Issues by type",
                labels=[f"{i.severity} {i.number}: {i.name}" for i in issues],
                values=[i.count for i in issues],
                colors=[SEVERITY_COLORS.get(i.severity, "#777777") for i in issues],
                legend=[(s, c) for s, c in SEVERITY_COLORS.items() if any(i.severity == s for i in issues)],
                xlabel="Issues rows",
                ylabel="Issue",
            )
        )
    else:
        note("Issues by type: no Issues rows in this run.")
    if review.summary is not None:
        rows = _set_aside_rows(review.summary)
        if rows:
            reports = list(dict.fromkeys(r[0] for r in rows))
            color = {r: REPORT_COLORS[i % len(REPORT_COLORS)] for i, r in enumerate(reports)}
            add(
                charts.bar_chart(
                    "set-aside-by-reason",
                    "Set-aside rows by reason (largest per report)",
                    labels=[f"{r[1]} {r[2]}" for r in rows],
                    values=[r[3] for r in rows],
                    colors=[color[r[0]] for r in rows],
                    legend=[(r, color[r]) for r in reports],
                    xlabel="Candidate rows set aside",
                    ylabel="Rule ID and reason",
                )
            )
        else:
            note("Set-aside rows by reason: nothing was set aside.")
        no_report = (review.summary.get("students_on_no_report") or {}).get("by_reason") or []
        if no_report:
            add(
                charts.bar_chart(
                    "students-on-no-report",
                    "Students on no report, by reason",
                    labels=[f"{r.get('rule_id', '')} {r.get('reason', '')}" for r in no_report],
                    values=[int(r.get("count", 0)) for r in no_report],
                    colors=["#7f7f7f"] * len(no_report),
                    xlabel="Students",
                    ylabel="Rule ID and reason",
                )
            )
    if extract == "il_sca":
        terms = data.il_records_by_term(con, rel["records"])
        if terms:
            add(
                charts.bar_chart(
                    "records-by-term",
                    "Records per term",
                    labels=[t for t, _ in terms],
                    values=[n for _, n in terms],
                    xlabel="Term",
                    ylabel="Records",
                    horizontal=False,
                )
            )
            grades = data.il_final_grades(con, rel["records"], rel["scores"]) or []
            add(
                charts.bar_chart(
                    "final-grades",
                    "Final-grade distribution (Course Final Letter Grade)",
                    labels=[g for g, _ in grades],
                    values=[n for _, n in grades],
                    xlabel="Records",
                    ylabel="State course score",
                )
            )
            schools = data.il_students_by_school(con, rel["records"]) or []
            _note_cut(note, "Students per serving school", len(schools), "the state file")
            kept = set(sorted(schools, key=lambda x: (-x[1], x[0]))[:MAX_SCHOOLS])
            schools = [x for x in schools if x in kept]
            add(
                charts.bar_chart(
                    "students-by-school",
                    "Students per serving school",
                    labels=[s for s, _ in schools],
                    values=[n for _, n in schools],
                    xlabel="Students with records",
                    ylabel="Serving School RCDTS",
                )
            )
        else:
            note("Records per term and final grades: no Illinois records in this run.")


def _write(final: Path, html: str) -> Path:
    size = len(html.encode("utf-8"))
    if size > PAGE_LIMIT:
        raise InternalError(
            f"{final.name} would be {size:,} bytes, over the {PAGE_LIMIT:,}-byte limit of a review page; "
            "the report files were written, their manifest.json was not.",
            hint="Report this to the sis-extracts developers with the run's options.",
        )
    with atomic_file(final) as tmp:
        tmp.write_text(html, encoding="utf-8", newline="\n")
        tmp.chmod(FILE_MODE)
    return final


def write_review(
    con: duckdb.DuckDBPyConnection,
    out_folder: Path,
    summary_path: Path | None,
    files: list[FileResult],
    *,
    extract: str,
    title: str,
    options: list[tuple[str, str]],
    generated: str,
    version: str,
    issues_link: str | None = None,
) -> Path:
    """Write `<out_folder>/index.html` for one extract's run. `options`, `title` and `generated`
    are used where summary.json does not give them."""
    summary, summary_note = load_summary(summary_path)
    if summary is not None:
        title = str(summary.get("title") or title)
        generated = str(summary.get("generated") or generated)
        opts = summary.get("options")
        if isinstance(opts, dict) and opts:
            options = [(str(k), str(v)) for k, v in opts.items()]
    issues = _issue_rows(summary)
    review = Review(
        extract,
        title,
        generated,
        version,
        options,
        _file_links(out_folder, files),
        issues,
        issues_link,
        summary,
        summary_note,
    )
    _charts(con, extract, review)
    html = _env().get_template("review.html.j2").render(r=review, set_aside=_set_aside_rows(summary or {}))
    return _write(out_folder / INDEX_NAME, html)


def _issue_rows(summary: dict[str, Any] | None) -> list[data.IssueRow] | None:
    """The Issues by number of the run summary (export/summary.py); None when the run built no
    Issues report or wrote no summary."""
    by_number = ((summary or {}).get("issues") or {}).get("by_number")
    if by_number is None:
        return None
    return [
        data.IssueRow(
            str(i.get("issue_number") or ""),
            str(i.get("severity") or ""),
            str(i.get("issue_name") or ""),
            int(i.get("count") or 0),
            str(i.get("fix_in_sis") or ""),
        )
        for i in by_number
    ]


@dataclass
class ExtractLink:
    title: str
    folder: str  # relative to the top-level folder
    files: list[FileResult]
    issues_by_severity: dict[str, int] | None


def write_run_index(out: Path, extracts: list[ExtractLink], *, version: str, generated: str) -> Path:
    """`<out>/index.html` of `sis-extracts all`: a link to each extract's overview."""
    html = (
        _env()
        .get_template("run_index.html.j2")
        .render(extracts=extracts, version=version, generated=generated, index=INDEX_NAME)
    )
    return _write(out / INDEX_NAME, html)


def insert_changes(index: Path, fragment: str) -> bool:
    """Put the changes since the previous run (an HTML fragment, escaped by its maker) into the
    review page `index` at its marker. False when the page or its marker is absent."""
    if not index.is_file():
        return False
    html = index.read_text(encoding="utf-8")
    if CHANGES_MARKER not in html:
        return False
    _write(index, html.replace(CHANGES_MARKER, fragment, 1))
    return True
