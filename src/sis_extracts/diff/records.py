"""The records of a report, read from the files as the state gets them, and compared by key.

Which columns a file has, and their header text, come from the run's dbt manifest (each mart's
columns, `meta.header`, `meta.export: false`). A report's key is the mart's uniqueness data test
(`sis_unique_combination` or `unique`), preferring one whose columns are all in the file; a key
column that is not in the file (an SIS id kept for tracing, e.g. the Illinois record's person_id)
is replaced by the file columns that stand for it (STAND_INS). When the file key is not unique in
a file (Illinois: two grading periods of one section may give the same record), identical records
are matched first, and the rest of one key are paired in file order.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sis_extracts.export.errors import UsageError
from sis_extracts.export.marts import find_node, quote_ident, unique_keys

# The file columns standing for a key column that is not written to the file (meta.export: false).
STAND_INS: dict[str, tuple[str, ...]] = {
    "person_id": ("student_id", "sap_id"),  # Illinois: the student's state ID and local ID
    "section_id": ("serving_school_rcdts", "local_course_id", "section_number"),
    "term_id": ("term",),
    "enrollment_id": (),  # several enrollment groups of one record: paired in file order
    "school_id": ("school_number",),
}
# Columns that hold the run's own time stamp, not a record's data: never a change.
RUN_STAMP_COLUMNS = frozenset({"date_time_generated"})


@dataclass(frozen=True)
class Layout:
    """A report's file: its mart, the exported columns in file order, and its key."""

    mart: str
    report: str  # the report's name in the accounting (meta.report_name), else the manifest's
    names: tuple[str, ...]  # exported mart columns, file order
    headers: tuple[str, ...]  # their header text
    key: tuple[str, ...]  # mart columns of the file key
    hidden: tuple[str, ...] = ()  # mart columns not written to the file (SIS ids kept for tracing)
    relation: str = ""  # the mart's table in the run's database

    def header_of(self, name: str) -> str:
        return self.headers[self.names.index(name)]


def _meta(d: dict) -> dict:
    out = dict(d.get("meta") or {})
    out.update((d.get("config") or {}).get("meta") or {})
    return out


def _exported(node: dict) -> list[tuple[str, str]]:
    cols = []
    for name, col in (node.get("columns") or {}).items():
        meta = _meta(col)
        if meta.get("export", True) is False or str(meta.get("export", "")).lower() == "false":
            continue
        cols.append((name, str(meta.get("header") or name)))
    return cols


def _file_key(manifest: dict, node: dict, names: list[str]) -> tuple[str, ...]:
    tests = unique_keys(manifest, node)
    in_file = [cols for _, cols in tests if all(c in names for c in cols)]
    if in_file:
        return tuple(in_file[0])
    for _, cols in tests:
        key: list[str] = []
        for c in cols:
            parts = (c,) if c in names else STAND_INS.get(c)
            if parts is None or any(p not in names for p in parts):
                break
            key += [p for p in parts if p not in key]
        else:
            if key:
                return tuple(key)
    raise UsageError(
        f"{node['name']}: no uniqueness data test gives a key the file holds, so its records cannot be "
        "matched between the two runs.",
        hint="Give the mart a sis_unique_combination test on its file's columns.",
    )


def layouts(manifest: dict, extract: str) -> list[Layout]:
    """Every mart of the extract (models/marts/<extract>/) with its file layout and key."""
    out = []
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") != "model":
            continue
        path = str(node.get("original_file_path") or node.get("path") or "").replace("\\", "/")
        if f"marts/{extract}/" not in path:
            continue
        cols = _exported(node)
        if not cols:
            continue
        names = [n for n, _ in cols]
        report = str(_meta(node).get("report_name") or "")
        out.append(
            Layout(
                node["name"],
                report,
                tuple(names),
                tuple(h for _, h in cols),
                _file_key(manifest, find_node(manifest, node["name"]), names),
                tuple(c for c in (node.get("columns") or {}) if c not in names),
                # schema.name: resolves in a run's database whatever engine built it (marts.mart_spec)
                f'{quote_ident(node["schema"])}.{quote_ident(node.get("alias") or node["name"])}',
            )
        )
    return sorted(out, key=lambda layout: layout.mart)


# --- reading a file ------------------------------------------------------------------------------


class UnknownLayout(UsageError):
    """A file whose columns are those of no mart of the extract."""


@dataclass(frozen=True)
class FileSource:
    """Where a file's records are: its report, delimiter and the lines before the first record."""

    path: Path
    layout: Layout
    delimiter: str
    skip: int  # lines before the records (column-header line, Illinois header record)


def _first_lines(path: Path, delimiter: str, n: int = 2) -> list[list[str]]:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=delimiter)
            return [ln for _, ln in zip(range(n), reader)]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(
            f"cannot read {path} ({exc}).",
            hint="Give output folders whose files are as sis-extracts wrote them.",
        ) from None


def probe_file(path: Path, fmt: str, candidates: list[Layout]) -> FileSource | None:
    """Which report a file holds, from its first lines (None for HTML pages, not compared).

    csv: a column-header line, then records; tab: the Illinois header record, the column-header
    line, then records (tab separated); state: the Illinois header record, then records without a
    column-header line (their columns are the mart's, in order)."""
    if fmt == "html" or path.suffix.lower() in (".html", ".htm", ".json"):
        return None
    delimiter = "\t" if fmt == "tab" or path.suffix.lower() == ".txt" else ","
    lines = _first_lines(path, delimiter)
    by_headers = {layout.headers: layout for layout in candidates}
    for skip in (0, 1):  # a column-header line first, or after the Illinois header record
        if len(lines) > skip and tuple(lines[skip]) in by_headers:
            return FileSource(path, by_headers[tuple(lines[skip])], delimiter, skip + 1)
    if len(lines) > 1:  # the state format: the header record, then records of the report's width
        fits = [layout for layout in candidates if len(layout.names) == len(lines[1])]
        if len(fits) == 1:
            return FileSource(path, fits[0], delimiter, 1)
    raise UnknownLayout(
        f"{path}: its columns are those of no report of this extract (first line: "
        f"{len(lines[0]) if lines else 0} field(s)), so it cannot be compared.",
        hint="Compare output folders as sis-extracts wrote them, with the run's .sis-extracts work folder.",
    )


# --- the result -------------------------------------------------------------------------------------


@dataclass
class Change:
    kind: str  # added | removed | changed
    key: tuple[str, ...]  # values of layout.key
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # changed: (column, old, new)
    reason: str = ""  # removed: the new run's accounting says why


@dataclass
class ReportDiff:
    layout: Layout
    label: str  # the report as the manifests name it
    before: int
    after: int
    changes: list[Change]
    ambiguous_keys: int = 0  # keys with several differing records in a run (paired in file order)

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)
