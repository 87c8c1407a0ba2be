"""The two output folders a diff compares: each extract's folder, its manifest.json, and the run's
work folder (dbt's target/manifest.json and the run's database).

An output folder is the --out of `kecs-lead` or `il-sca` (files + manifest.json), or of `all`
(kecs_lead/ and il_sca/ subfolders, each with its manifest.json; work folder .sis-extracts/all).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sis_extracts.export.errors import UsageError
from sis_extracts.export.run_manifest import MANIFEST_NAME

EXTRACTS = ("kecs_lead", "il_sca")  # the subfolders of an `all` run, in its order
DB_NAME = "sis_extracts.duckdb"
WHAT_TO_GIVE = (
    "Give the --out folder of a kecs-lead, il-sca or all run of sis-extracts (it holds manifest.json)."
)


@dataclass
class ExtractFolder:
    extract: str  # kecs_lead | il_sca
    folder: Path
    manifest: dict
    work: Path | None  # the run's work folder, when it is still there

    @property
    def title(self) -> str:
        return str(self.manifest.get("title") or self.extract)

    @property
    def dbt_manifest(self) -> Path | None:
        p = self.work / "target" / "manifest.json" if self.work else None
        return p if p and p.is_file() else None

    @property
    def database(self) -> Path | None:
        p = self.work / DB_NAME if self.work else None
        return p if p and p.is_file() else None


def _read_manifest(path: Path, role: str) -> dict:
    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{role} folder: cannot read {path} ({exc}).", hint=WHAT_TO_GIVE) from None
    if (
        not isinstance(doc, dict)
        or doc.get("extract") not in EXTRACTS
        or not isinstance(doc.get("files"), list)
    ):
        raise UsageError(
            f"{role} folder: {path} is not a sis-extracts manifest (no extract kecs_lead/il_sca with files).",
            hint=WHAT_TO_GIVE,
        )
    return doc


def _work_folder(folder: Path, manifest: dict) -> Path | None:
    """The run's work folder: the one the manifest names, else where a run puts it under the
    output folder (the folders may have been moved or copied)."""
    named = manifest.get("work_folder")
    candidates = [Path(named)] if named else []
    candidates += [folder / ".sis-extracts" / manifest["extract"], folder.parent / ".sis-extracts" / "all"]
    for c in candidates:
        if (c / "target" / "manifest.json").is_file() or (c / DB_NAME).is_file():
            return c
    return None


def resolve(path: Path, role: str) -> dict[str, ExtractFolder]:
    """The extract folders of an output folder, by extract. `role` names it in messages
    (PREVIOUS_OUT, NEW_OUT, --previous)."""
    path = Path(path).expanduser()
    if not path.is_dir():
        what = "is a file, not a folder" if path.exists() else "does not exist"
        raise UsageError(f"{role} folder {path} {what}.", hint=WHAT_TO_GIVE)
    folders = [path] if (path / MANIFEST_NAME).is_file() else [path / e for e in EXTRACTS]
    out: dict[str, ExtractFolder] = {}
    for f in folders:
        if not (f / MANIFEST_NAME).is_file():
            continue
        doc = _read_manifest(f / MANIFEST_NAME, role)
        out[doc["extract"]] = ExtractFolder(doc["extract"], f.resolve(), doc, _work_folder(f.resolve(), doc))
    if not out:
        raise UsageError(
            f"{role} folder {path} holds no {MANIFEST_NAME} (nor kecs_lead/ or il_sca/ with one): it is not "
            "an output folder of sis-extracts.",
            hint=WHAT_TO_GIVE,
        )
    return out


def pair(
    previous: Path, new: Path, *, previous_role: str = "PREVIOUS_OUT"
) -> list[tuple[ExtractFolder, ExtractFolder]]:
    """(previous, new) folders of each extract both hold; an error when they share none."""
    old, cur = resolve(previous, previous_role), resolve(new, "NEW_OUT")
    common = [e for e in EXTRACTS if e in old and e in cur]
    if not common:
        raise UsageError(
            f"{previous_role} folder {previous} holds {', '.join(sorted(old))} and NEW_OUT folder {new} "
            "holds "
            f"{', '.join(sorted(cur))}: not the same extract, so there is nothing to compare.",
            hint="Compare two output folders of the same extract (kecs-lead with kecs-lead, il-sca with "
            "il-sca, all with all).",
        )
    return [(old[e], cur[e]) for e in common]


def unpaired(previous: Path, new: Path) -> list[str]:
    """Notes on extracts only one of the two folders holds."""
    old, cur = resolve(previous, "PREVIOUS_OUT"), resolve(new, "NEW_OUT")
    notes = [
        f"{e}: only in the previous folder; not compared." for e in EXTRACTS if e in old and e not in cur
    ]
    notes += [f"{e}: only in the new folder; not compared." for e in EXTRACTS if e in cur and e not in old]
    return notes
