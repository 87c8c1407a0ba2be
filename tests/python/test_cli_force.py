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
ARGS = ["il-sca", "--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15"]


def blank_section_numbers(raw: Path) -> None:
    """Empty every section.number: the Illinois record's Section Number is required, and its
    error-level not_null test (a gate) fails. (Raw values that do not parse, blank or duplicated
    keys stop the run earlier, as bad raw input, exit 3.)"""
    import csv

    path = raw / "section.csv"
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    col = rows[0].index("number")
    for r in rows[1:]:
        r[col] = ""
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


GATE = "not_null_il_sca__student_course_assignment_section_number"


@pytest.fixture(scope="module")
def raw_with_blank_section_numbers(tmp_path_factory) -> Path:
    from sis_extracts.generate import generate

    raw = tmp_path_factory.mktemp("raw_gate")
    generate(raw, students=150, seed=5, fmt="csv")
    blank_section_numbers(raw)
    return raw


def run(raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, ARGS[0], "--raw", str(raw), "--out", str(out), *ARGS[1:], *extra],
        capture_output=True, text=True, check=False, timeout=600,
    )


def test_failed_gate_stops_the_export(raw_with_blank_section_numbers, tmp_path):
    out = tmp_path / "out"
    proc = run(raw_with_blank_section_numbers, out)
    assert proc.returncode == 4, proc.stderr[-3000:]
    assert GATE in proc.stderr
    assert "failing row" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not list(out.glob("SCA*"))


def test_force_writes_and_marks_the_manifest(raw_with_blank_section_numbers, tmp_path):
    out = tmp_path / "out"
    proc = run(raw_with_blank_section_numbers, out, "--force")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert list(out.glob("SCA12_*.csv"))
    man = json.loads((out / "manifest.json").read_text())
    assert man["forced"] is True
    gates = {g["test"]: g["rows"] for g in man["forced_past_failed_gates"]}
    assert gates.get(GATE, 0) >= 1


ALL_ARGS = ["--kecs-end-year", "2025", "--kecs-as-of", "2025-06-30 17:00", "--kecs-report", "classes",
            "--il-start", "2024-07-01", "--il-end", "2025-06-30", "--il-as-of", "2025-07-15"]


def test_all_stops_both_extracts_on_a_failed_gate(raw_with_blank_section_numbers, tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run(
        [EXE, "all", "--raw", str(raw_with_blank_section_numbers), "--out", str(out), *ALL_ARGS],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.returncode == 4, proc.stderr[-3000:]
    assert GATE in proc.stderr
    assert not [p for p in out.rglob("*") if p.is_file() and ".sis-extracts" not in p.parts]
    assert (out / ".sis-extracts" / "all" / "sis_extracts.duckdb").is_file()
