"""Gates before submission: a data test at error level that fails stops the export (exit 4, no
file, the test named with its row count); `--force` writes the files anyway and marks the
manifest with every failed gate."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("sis-extracts"))
ARGS = ["kecs-lead", "--end-year", "2025", "--as-of", "2025-06-30 17:00", "--report", "classes"]


@pytest.fixture(scope="module")
def raw_with_duplicate_course(tmp_path_factory) -> Path:
    from sis_extracts.generate import generate

    raw = tmp_path_factory.mktemp("raw_dup")
    generate(raw, students=150, seed=5, fmt="csv")
    lines = (raw / "course.csv").read_text(encoding="utf-8").splitlines()
    (raw / "course.csv").write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    return raw


def run(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, ARGS[0], "--raw", str(raw), "--out", str(out), *ARGS[1:], *extra],
        capture_output=True, text=True, check=False, timeout=600,
    )


def test_failed_gate_stops_the_export(raw_with_duplicate_course, tmp_path):
    out = tmp_path / "out"
    proc = run(raw_with_duplicate_course, out)
    assert proc.returncode == 4, proc.stderr[-3000:]
    assert "unique_stg_ic__course_course_id" in proc.stderr
    assert "failing row" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list(out.glob("KECS_LEAD_*"))


def test_force_writes_and_marks_the_manifest(raw_with_duplicate_course, tmp_path):
    out = tmp_path / "out"
    proc = run(raw_with_duplicate_course, out, "--force")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (out / "KECS_LEAD_Classes.csv").is_file()
    man = json.loads((out / "manifest.json").read_text())
    assert man["forced"] is True
    gates = {g["test"]: g["rows"] for g in man["forced_past_failed_gates"]}
    assert gates.get("unique_stg_ic__course_course_id", 0) >= 1


ALL_ARGS = ["--kecs-end-year", "2025", "--kecs-as-of", "2025-06-30 17:00", "--kecs-report", "classes",
            "--il-start", "2024-07-01", "--il-end", "2025-06-30", "--il-as-of", "2025-07-15"]


def test_all_stops_both_extracts_on_a_failed_gate(raw_with_duplicate_course, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [EXE, "all", "--raw", str(raw_with_duplicate_course), "--out", str(out), *ALL_ARGS],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.returncode == 4, proc.stderr[-3000:]
    assert "unique_stg_ic__course_course_id" in proc.stderr
    assert not [p for p in out.rglob("*") if p.is_file() and ".sis-extracts" not in p.parts]
    assert (out / ".sis-extracts" / "all" / "sis_extracts.duckdb").is_file()
