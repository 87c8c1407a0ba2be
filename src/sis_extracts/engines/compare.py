"""The files of a run on another engine against DuckDB's, byte for byte (scripts/engines).

    python -m sis_extracts.engines.compare DUCKDB_OUT ENGINE_OUT --engine postgres

Prints one line per file (`identical` or `DIFFERS`), then `N identical, M differ`; exits 1 on any
difference or on a file that only one run wrote. manifest.json records when, where and how each
run was made (time, folders, command, target), so it is compared by what it says of the files:
the same names, record counts and sha256 checksums.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

WORK_FOLDER = ".sis-extracts"  # each run's database and logs: not a file of the run
MANIFEST = "manifest.json"


def run_files(out: Path) -> set[str]:
    return {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and WORK_FOLDER not in p.relative_to(out).parts
    }


def _manifest_files(path: Path) -> list:
    data = json.loads(path.read_text("utf-8"))
    return [
        {k: f.get(k) for k in ("name", "report", "format", "records", "bytes", "sha256")}
        for f in data["files"]
    ]


def compare(reference: Path, other: Path, engine: str, stream=sys.stdout) -> tuple[int, int]:
    ref, oth = run_files(reference), run_files(other)
    same = differ = 0
    for name in sorted(ref | oth):
        if name not in oth or name not in ref:
            status = f"only in the {'duckdb' if name in ref else engine} run"
        elif Path(name).name == MANIFEST:
            equal = _manifest_files(reference / name) == _manifest_files(other / name)
            status = (
                "identical (file names, records, bytes, sha256)"
                if equal
                else "DIFFERS (file names, records, bytes or sha256)"
            )
        else:
            status = (
                "identical" if (reference / name).read_bytes() == (other / name).read_bytes() else "DIFFERS"
            )
        if status.startswith("identical"):
            same += 1
        else:
            differ += 1
        print(f"{engine:9} {name:55} {status}", file=stream)
    return same, differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference", type=Path, help="the DuckDB run's output folder")
    ap.add_argument("other", type=Path, help="the other engine's output folder")
    ap.add_argument("--engine", required=True)
    a = ap.parse_args(argv)
    same, differ = compare(a.reference, a.other, a.engine)
    print(f"{a.engine}: {same} identical, {differ} differ")
    return 1 if differ or not same else 0


if __name__ == "__main__":
    sys.exit(main())
