"""Two output folders of one extract, compared report by report."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from sis_extracts.diff.folders import ExtractFolder, pair, unpaired
from sis_extracts.diff.reasons import Reasons, connect
from sis_extracts.diff.records import FileSource, Layout, ReportDiff, UnknownLayout, layouts, probe_file
from sis_extracts.diff.table import compare_sources
from sis_extracts.export.errors import UsageError
from sis_extracts.export.marts import load_manifest


@dataclass
class ExtractDiff:
    extract: str
    title: str
    previous: Path
    new: Path
    reports: list[ReportDiff]
    notes: list[str] = field(default_factory=list)


@dataclass
class DiffResult:
    previous: Path
    new: Path
    extracts: list[ExtractDiff]
    notes: list[str] = field(default_factory=list)


def _records(
    folder: ExtractFolder, candidates: list[Layout], notes: list[str], side: str
) -> dict[str, tuple[str, list]]:
    """mart -> (report label, the files of that report in the folder)."""
    out: dict[str, tuple[str, list]] = {}
    pages: list[str] = []
    for f in folder.manifest.get("files", []):
        name, fmt = str(f.get("name", "")), str(f.get("format", ""))
        path = folder.folder / name
        if not name or not path.is_file():
            notes.append(
                f"{side}: {name or '(a file)'} is listed in manifest.json but not in {folder.folder}; "
                "not compared."
            )
            continue
        try:
            got: FileSource | None = probe_file(path, fmt, candidates)
        except UnknownLayout:
            notes.append(f"{side}: {name} has the columns of no report of this extract; not compared.")
            continue
        if got is None:
            pages.append(name)
            continue
        label, rows = out.get(
            got.layout.mart, (str(f.get("report") or got.layout.report or got.layout.mart), [])
        )
        rows.append(got)
        out[got.layout.mart] = (label, rows)
    if pages:
        notes.append(
            f"{side}: {len(pages)} HTML page(s) not compared (only CSV, state and tab files are): "
            f"{', '.join(pages)}."
        )
    return out


def diff_extract(old: ExtractFolder, new: ExtractFolder) -> ExtractDiff:
    source = new.dbt_manifest or old.dbt_manifest
    if source is None:
        raise UsageError(
            f"neither {old.folder} nor {new.folder} has its run's work folder with dbt's "
            "target/manifest.json, "
            "which says each report's columns and key.",
            hint="Compare output folders as sis-extracts wrote them, with their .sis-extracts folder.",
        )
    candidates = layouts(load_manifest(source), new.extract)
    notes: list[str] = []
    before = _records(old, candidates, notes, "previous")
    after = _records(new, candidates, notes, "new")
    db = new.database
    if db is None:
        notes.append("The new run's database is not there: removed records have no reason.")
    reports: list[ReportDiff] = []
    with contextlib.ExitStack() as stack:
        con = stack.enter_context(contextlib.closing(connect(db))) if db else None
        prev_db = old.database if old.database != db else None
        prev = stack.enter_context(contextlib.closing(connect(prev_db))) if prev_db else None
        finder = Reasons(con, new.extract)
        for layout in candidates_in_order(candidates, after, before):
            if layout.mart not in before or layout.mart not in after:
                side = "new" if layout.mart in after else "previous"
                label = (after.get(layout.mart) or before.get(layout.mart))[0]
                notes.append(f"{label}: written only in the {side} run; not compared.")
                continue
            label = after[layout.mart][0]
            rd = compare_sources(layout, label, before[layout.mart][1], after[layout.mart][1])
            finder.explain(layout, label, rd.changes, prev)
            if rd.ambiguous_keys:
                notes.append(
                    f"{label}: {rd.ambiguous_keys} key(s) have several differing records in a run; they are "
                    "paired in file order."
                )
            reports.append(rd)
    stamps = [m.manifest.get("as_of") for m in (old, new)]
    if stamps[0] != stamps[1]:
        notes.append(
            f"Generated {stamps[0]} -> {stamps[1]} (the run's time stamp is not counted as a change)."
        )
    return ExtractDiff(new.extract, new.title, old.folder, new.folder, reports, notes)


def candidates_in_order(candidates: list[Layout], after: dict, before: dict) -> list[Layout]:
    """The reports either run wrote, in the new manifest's file order, then the previous one's."""
    order = list(dict.fromkeys([*after, *before]))
    by_mart = {layout.mart: layout for layout in candidates}
    return [by_mart[m] for m in order]


def diff_folders(previous: Path, new: Path, *, previous_role: str = "PREVIOUS_OUT") -> DiffResult:
    pairs = pair(previous, new, previous_role=previous_role)
    return DiffResult(
        Path(previous), Path(new), [diff_extract(o, n) for o, n in pairs], unpaired(previous, new)
    )
