"""A diff as the coordinator reads it: a console table, changes.csv and changes.html.

The console shows IDs (the user asked for the diff) but never a name or a birth date: a changed
name is said to have changed, without its values. The two files hold what the state files hold.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from jinja2 import Environment, FileSystemLoader, select_autoescape

from sis_extracts.diff.compare import DiffResult, ExtractDiff
from sis_extracts.diff.records import Change, ReportDiff
from sis_extracts.export.writer import atomic_file

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CSV_NAME, HTML_NAME = "changes.csv", "changes.html"
# the page stays small (under 2 MB): at most HTML_ROWS changes per report and HTML_TOTAL in all,
# each detail cut at HTML_DETAIL characters; every change is in changes.csv
HTML_ROWS, HTML_TOTAL, HTML_DETAIL = 1000, 3000, 400
# mart columns holding a person's name or birth date: never on the console
PERSONAL = re.compile(r"(first|last|middle)_name|birth")
KINDS = ("added", "removed", "changed")


def is_personal(column: str) -> bool:
    return bool(PERSONAL.search(column))


def key_text(rd: ReportDiff, c: Change) -> str:
    return ", ".join(f"{rd.layout.header_of(k)} {v or '(blank)'}" for k, v in zip(rd.layout.key, c.key))


def fields_text(rd: ReportDiff, c: Change, *, private: bool) -> str:
    parts = []
    for col, old, new in c.fields:
        header = rd.layout.header_of(col)
        if private and is_personal(col):
            parts.append(f"{header} changed")
        else:
            parts.append(f"{header}: {old or '(blank)'} -> {new or '(blank)'}")
    return "; ".join(parts)


def print_console(result: DiffResult, stream: TextIO, *, limit: int = 10) -> None:
    for i, ex in enumerate(result.extracts):
        if i:
            print(file=stream)
        print(f"Changes, {ex.title}: {ex.previous} -> {ex.new}", file=stream)
        print_counts(ex, stream)
        for rd in ex.reports:
            shown = rd.changes[:limit]
            for c in shown:
                detail = c.reason if c.kind == "removed" else fields_text(rd, c, private=True)
                print(
                    f"  {rd.label}: {c.kind} {key_text(rd, c)}" + (f" - {detail}" if detail else ""),
                    file=stream,
                )
            if len(rd.changes) > len(shown):
                print(f"  {rd.label}: ... {len(rd.changes) - len(shown):,} more (changes.csv)", file=stream)
        for note in ex.notes:
            print(f"  {note}", file=stream)
    for note in result.notes:
        print(note, file=stream)


def print_counts(ex: ExtractDiff, stream: TextIO) -> None:
    w = max([len(r.label) for r in ex.reports] + [6])
    print(
        f"  {'report':<{w}}  {'before':>8}  {'after':>8}  {'added':>7}  {'removed':>7}  {'changed':>7}",
        file=stream,
    )
    for r in ex.reports:
        counts = "  ".join(f"{r.count(k):>7,}" for k in KINDS)
        print(f"  {r.label:<{w}}  {r.before:>8,}  {r.after:>8,}  {counts}", file=stream)


# --- changes.csv ----------------------------------------------------------------------------------


def _key_headers(result: DiffResult) -> list[str]:
    return list(
        dict.fromkeys(
            rd.layout.header_of(k) for ex in result.extracts for rd in ex.reports for k in rd.layout.key
        )
    )


def csv_rows(result: DiffResult) -> Iterator[list[str]]:
    keys = _key_headers(result)
    yield ["extract", "report", "change", *keys, "field", "old", "new", "reason"]
    for ex in result.extracts:
        for rd in ex.reports:
            for c in rd.changes:
                by_header = {rd.layout.header_of(k): v for k, v in zip(rd.layout.key, c.key)}
                head = [ex.extract, rd.label, c.kind, *(by_header.get(h, "") for h in keys)]
                if c.kind == "changed":
                    for col, old, new in c.fields:
                        yield [*head, rd.layout.header_of(col), old, new, ""]
                else:
                    yield [*head, "", "", "", c.reason]


def write_csv(result: DiffResult, folder: Path) -> Path:
    final = folder / CSV_NAME
    with atomic_file(final) as tmp, open(tmp, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(csv_rows(result))
    return final


# --- changes.html ---------------------------------------------------------------------------------


def _cut(text: str) -> str:
    return text if len(text) <= HTML_DETAIL else text[: HTML_DETAIL - 1] + "…"


def write_html(result: DiffResult, folder: Path) -> Path:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    extracts = []
    left = HTML_TOTAL
    for ex in result.extracts:
        reports = []
        for rd in ex.reports:
            rows = [
                {
                    "kind": c.kind,
                    "key": key_text(rd, c),
                    "detail": _cut(c.reason if c.kind == "removed" else fields_text(rd, c, private=False)),
                }
                for c in rd.changes[: min(HTML_ROWS, left)]
            ]
            left -= len(rows)
            reports.append({"diff": rd, "counts": {k: rd.count(k) for k in KINDS}, "rows": rows})
        extracts.append({"diff": ex, "reports": reports})
    html = env.get_template("changes.html.j2").render(
        result=result, extracts=extracts, kinds=KINDS, csv_name=CSV_NAME
    )
    final = folder / HTML_NAME
    with atomic_file(final) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return final


def changes_fragment(extracts: list[ExtractDiff], href: str) -> str:
    """The review page's section on the changes since the previous run: per report the records
    before and after and how many were added, removed and changed, and a link to changes.html."""
    from html import escape

    rows = []
    for ex in extracts:
        for r in ex.reports:
            counts = "".join(f'<td class="num">{r.count(k):,}</td>' for k in KINDS)
            rows.append(
                f"<tr><td>{escape(ex.title)}</td><td>{escape(r.label)}</td>"
                f'<td class="num">{r.before:,}</td><td class="num">{r.after:,}</td>{counts}</tr>'
            )
    previous = escape(extracts[0].previous.name) if extracts else ""
    return (
        '<section id="changes">\n<h3>Changes since the previous run'
        + (f" ({previous})" if previous else "")
        + "</h3>\n"
        + '<table id="changes-table"><thead><tr><th>Extract</th><th>Report</th><th class="num">before</th>'
        + '<th class="num">after</th><th class="num">added</th><th class="num">removed</th>'
        + '<th class="num">changed</th></tr></thead>\n<tbody>'
        + "".join(rows)
        + "</tbody></table>\n"
        + f'<p>Every record, field and reason: <a href="{escape(href)}">changes.html</a></p>\n</section>'
    )
