"""manifest.json beside the files: what was asked, what was written, and with what."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sis_extracts.export.writer import FileResult, atomic_file

MANIFEST_NAME = "manifest.json"


def write_manifest(
    out: Path,
    *,
    extract: str,
    title: str,
    command: str,
    options: dict,
    editor_options: list[tuple[str, str]],
    dbt_vars: dict,
    as_of: str,
    files: list[FileResult],
    issues_by_severity: dict[str, int] | None,
    tests: dict[str, int],
    warned_tests: list[tuple[str, int]],
    versions: dict[str, str],
    work: Path,
    forced_failures: list[tuple[str, int]] | None = None,
) -> Path:
    doc = {
        "extract": extract,
        "title": title,
        "command": command,
        "as_of": as_of,
        "written_at": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "options": options,
        "editor_options": dict(editor_options),
        "dbt_vars": dbt_vars,
        "files": [
            {
                "name": f.name,
                "report": f.report,
                "format": f.fmt,
                "records": f.records,
                "bytes": f.bytes,
                "sha256": f.sha256,
            }
            for f in files
        ],
        "issues_by_severity": issues_by_severity,
        "data_tests": {**tests, "warned": [{"test": n, "rows": k} for n, k in warned_tests]},
        "forced": bool(forced_failures),
        "forced_past_failed_gates": [{"test": n, "rows": k} for n, k in (forced_failures or [])],
        "versions": versions,
        "work_folder": str(work),
    }
    final = out / MANIFEST_NAME
    with atomic_file(final) as tmp:
        tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return final
