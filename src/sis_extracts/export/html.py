"""The HTML review format: one self-contained page per report (no external CSS or JS).

A coordinator reads it before submitting: the extract's title, the options used, the generation
time, the record count, the records with their column names, and the Issues rows whose
`affects_report` names this report. Rows are streamed from DuckDB in batches into the Jinja2
template (autoescaped); a mart is never loaded whole into Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sis_extracts.export.marts import MartSpec, quote_ident
from sis_extracts.export.writer import FILE_MODE, FileResult, atomic_file, select_sql, sha256_file, sql_str

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
BATCH_ROWS = 5000


def _env() -> Environment:
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
class IssuesView:
    columns: list[str]
    count: int
    rows: Iterator[tuple]
    by_severity: list[tuple[str, int]]


def issues_view(
    con: duckdb.DuckDBPyConnection, issues: MartSpec | None, report_names: Sequence[str]
) -> IssuesView | None:
    if issues is None:
        return None
    where = affects_where(issues, report_names)
    if where is None:
        return None
    n = count_rows(con, issues, where)
    sev = next((c for c in issues.all_columns if c.lower() == "severity"), None)
    by_sev: list[tuple[str, int]] = []
    if sev and n:
        by_sev = [
            (str(s), int(k))
            for s, k in con.execute(
                f"select coalesce(cast(_mart.{quote_ident(sev)} as varchar), '(none)') as s, count(*) "
                f"from {issues.relation} as _mart where {where} group by 1 order by 1"
            ).fetchall()
        ]
    return IssuesView(
        [c.header for c in issues.columns], n, iter_rows(con, select_sql(issues, where=where)), by_sev
    )


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
    report: str,
) -> FileResult:
    n = count_rows(con, spec, where)
    template = _env().get_template("report.html.j2")
    stream = template.generate(
        title=title,
        report_label=report_label,
        file_name=final.name,
        options=options,
        generated=generated,
        version=version,
        record_count=n,
        columns=[c.header for c in spec.columns],
        rows=iter_rows(con, select_sql(spec, where=where)),
        file_header=file_header,
        issues=issues,
    )
    with atomic_file(final) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            buf: list[str] = []
            size = 0
            for chunk in stream:
                buf.append(chunk)
                size += len(chunk)
                if size > 1 << 20:
                    f.write("".join(buf))
                    buf, size = [], 0
            f.write("".join(buf))
        tmp.chmod(FILE_MODE)
    return FileResult(final.name, final, n, sha256_file(final), final.stat().st_size, report, "html")
