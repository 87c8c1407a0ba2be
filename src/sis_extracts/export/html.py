"""The HTML review format: one self-contained page per report (no external CSS, no JavaScript).

A coordinator reads it before submitting. The records come first, with the key columns (person,
name, section, counts; `KEY_COLUMNS`, one list per mart) leftmost and a sticky header; then the
Issues whose `affects_report` names this report, summarised by issue number, with a link to the
full list; then the options used. A page shows at most `ROW_LIMIT` records and stays under
`PAGE_BUDGET` bytes: a longer report shows its first rows and links the full CSV, written beside
the page by the caller's writer (the same writer the CSV format uses). Rows are streamed from
DuckDB in batches and escaped; a mart is never loaded whole into Python.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from sis_extracts.export.marts import Column, MartSpec, quote_ident
from sis_extracts.export.writer import FILE_MODE, FileResult, atomic_file, select_sql, sha256_file, sql_str

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BATCH_ROWS = 5000
ROW_LIMIT = 2000  # records shown on a page; the full report is the CSV beside it
PAGE_LIMIT = 2 * 1024 * 1024  # no page over 2 MB
PAGE_BUDGET = PAGE_LIMIT - 256 * 1024  # bytes of record rows a page may hold (the rest: header, Issues)

# the key columns of both Issues reports (the Illinois Issues have the Kentucky Issues' columns)
_ISSUES_KEYS = ("issue_number", "severity", "issue_name", "person_id", "last_name", "first_name", "section_id")
# The key columns of each report, shown leftmost on its page (mart column names, in this order;
# the other columns follow in the file's order). One place for every report page.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "kecs_lead__detail": (
        "student_person_id",
        "state_id",
        "last_name",
        "first_name",
        "grade",
        "section_id",
        "course_number",
        "course_name",
        "section_number",
        "teacher_last_name",
    ),
    "kecs_lead__staff": ("person_id", "last_name", "first_name", "school_name", "employee_type", "title"),
    "kecs_lead__classes": (
        "section_id",
        "course_number",
        "course_name",
        "section_number",
        "teacher_person_id",
        "teacher_last_name",
        "teacher_first_name",
        "total_students",
    ),
    "kecs_lead__schoolwide": (
        "school_number",
        "school_name",
        "section_count",
        "teacher_count",
        "total_students",
    ),
    "kecs_lead__caseload": (
        "case_manager_person_id",
        "case_manager_last_name",
        "case_manager_first_name",
        "total_students",
    ),
    "kecs_lead__issues": _ISSUES_KEYS,
    "il_sca__student_course_assignment": (
        "student_id",
        "sap_id",
        "legal_last_name",
        "legal_first_name",
        "local_course_id",
        "local_course_title",
        "section_number",
        "term",
        "course_final_letter_grade",
    ),
    "il_sca__issues": _ISSUES_KEYS,  # the same columns as the Kentucky Issues
}


def template_env() -> Environment:
    """The Jinja2 environment of the project's HTML pages (templates/, autoescaped): report pages
    and the review pages (review/page.py)."""
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def iter_rows(con: duckdb.DuckDBPyConnection, sql: str, batch: int = BATCH_ROWS) -> Iterator[tuple]:
    reader = con.execute(sql).to_arrow_reader(batch)
    for rb in reader:
        cols = [c.to_pylist() for c in rb.columns]
        yield from zip(*cols)


def count_rows(con: duckdb.DuckDBPyConnection, spec: MartSpec, where: str | None = None) -> int:
    sql = f"select count(*) from {spec.relation} as _mart" + (f" where {where}" if where else "")
    return int(con.execute(sql).fetchone()[0])


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", s.lower())


def affects_where(issues: MartSpec, report_names: Sequence[str]) -> str | None:
    """SQL condition: the Issues row's affects_report (a list separated by , ; or |) names one of
    `report_names` (compared case-, space- and punctuation-insensitively) or 'All'."""
    col = next((c for c in issues.all_columns if c.lower() == "affects_report"), None)
    if col is None:
        return None
    names = sorted({_norm(n) for n in report_names if _norm(n)} | {"all"})
    items = ", ".join(sql_str(n) for n in names)
    return (
        "list_has_any(list_transform(string_split_regex(lower(coalesce(cast(_mart."
        f"{quote_ident(col)} as varchar), '')), '[,;|]'), x -> regexp_replace(x, '[^a-z0-9]', '', 'g')), "
        f"[{items}])"
    )


@dataclass
class IssueGroup:
    number: str
    severity: str
    name: str
    rows: int


@dataclass
class IssuesView:
    """The Issues bearing on one report, grouped by issue number (the full rows are the Issues
    report of the run)."""

    count: int
    by_severity: list[tuple[str, int]]
    by_number: list[IssueGroup]


def _col(spec: MartSpec, name: str) -> str | None:
    return next((c for c in spec.all_columns if c.lower() == name), None)


def issues_view(
    con: duckdb.DuckDBPyConnection, issues: MartSpec | None, report_names: Sequence[str]
) -> IssuesView | None:
    if issues is None:
        return None
    where = affects_where(issues, report_names)
    if where is None:
        return None
    n = count_rows(con, issues, where)

    def text(name: str) -> str:
        c = _col(issues, name)
        return f"coalesce(cast(_mart.{quote_ident(c)} as varchar), '')" if c else "''"

    by_sev: list[tuple[str, int]] = []
    groups: list[IssueGroup] = []
    if n:
        sev = text("severity")
        by_sev = [
            (str(s) or "(none)", int(k))
            for s, k in con.execute(
                f"select {sev} as s, count(*) from {issues.relation} as _mart where {where} group by 1 order by 1"
            ).fetchall()
        ]
        groups = [
            IssueGroup(str(a), str(b), str(c), int(k))
            for a, b, c, k in con.execute(
                f"select {text('issue_number')} as num, {sev} as sev, {text('issue_name')} as nm, count(*) "
                f"from {issues.relation} as _mart where {where} group by 1, 2, 3 "
                "order by try_cast(num as integer) nulls last, num, sev, nm"
            ).fetchall()
        ]
    return IssuesView(n, by_sev, groups)


def _key_names(spec: MartSpec) -> list[str]:
    exported = {c.name for c in spec.columns}
    return [k for k in KEY_COLUMNS.get(spec.model, ()) if k in exported]


def _key_count(spec: MartSpec) -> int:
    return len(_key_names(spec))


def review_columns(spec: MartSpec) -> list[Column]:
    """The exported columns with the report's key columns (KEY_COLUMNS) first."""
    keys = _key_names(spec)
    by_name = {c.name: c for c in spec.columns}
    return [by_name[k] for k in keys] + [c for c in spec.columns if c.name not in keys]


def _review_spec(spec: MartSpec) -> MartSpec:
    """The mart with its key columns first; rows in the file's order (the ties are broken on the
    file's columns in the file's order, as the CSV's are)."""
    tiebreak = spec.unique_key if spec.unique_key is not None else [c.name for c in spec.columns]
    return dataclasses.replace(spec, columns=review_columns(spec), unique_key=tiebreak)


def _rendered_rows(rows: Iterator[tuple], limit: int, budget: int, keys: int = 0) -> list[Markup]:
    """Up to `limit` rows as escaped <tr> lines, stopping before they pass `budget` bytes; the
    first `keys` cells of a row are key cells."""
    out: list[Markup] = []
    size = 0
    key_td, td = Markup('<td class="key">{}</td>'), Markup("<td>{}</td>")
    for row in rows:
        if len(out) >= limit:
            break
        line = Markup("<tr>{}</tr>\n").format(
            Markup("").join(
                (key_td if i < keys else td).format("" if v is None else v) for i, v in enumerate(row)
            )
        )
        size += len(line.encode("utf-8"))
        if size > budget:
            break
        out.append(line)
    return out


def write_html(
    con: duckdb.DuckDBPyConnection,
    spec: MartSpec,
    final: Path,
    *,
    title: str,
    report_label: str,
    options: list[tuple[str, str]],
    generated: str,
    version: str,
    where: str | None = None,
    file_header: list[tuple[str, str]] | None = None,
    issues: IssuesView | None = None,
    issues_link: str | None = None,
    full_csv: Callable[[Path], object] | None = None,
    report: str,
    row_limit: int | None = None,
    budget: int = PAGE_BUDGET,
) -> FileResult:
    """The report's page. When not every record fits (`row_limit` rows, `budget` bytes),
    `full_csv(path)` writes the whole report to `path` (the page's name with .csv) and the page
    links it. `issues_link`: the run's Issues report file (default: the review overview)."""
    row_limit = ROW_LIMIT if row_limit is None else row_limit
    n = count_rows(con, spec, where)
    shown_spec = _review_spec(spec)
    sql = select_sql(shown_spec, where=where) + f" limit {int(row_limit) + 1}"
    keys = _key_count(spec)
    rows = _rendered_rows(iter_rows(con, sql, min(BATCH_ROWS, row_limit + 1)), row_limit, budget, keys)
    csv_name = None
    if len(rows) < n:
        if full_csv is None:
            raise ValueError(f"{final.name}: {n} records do not fit on the page and no CSV writer was given")
        csv_path = final.with_suffix(".csv")
        full_csv(csv_path)
        csv_name = csv_path.name
    template = template_env().get_template("report.html.j2")
    stream = template.generate(
        title=title,
        report_label=report_label,
        file_name=final.name,
        options=options,
        generated=generated,
        version=version,
        record_count=n,
        shown=len(rows),
        csv_name=csv_name,
        columns=[c.header for c in shown_spec.columns],
        key_count=keys,
        rows=rows,
        file_header=file_header,
        issues=issues,
        issues_link=issues_link or "index.html#issues",
    )
    with atomic_file(final) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.writelines(stream)
        tmp.chmod(FILE_MODE)
    return FileResult(final.name, final, n, sha256_file(final), final.stat().st_size, report, "html")
