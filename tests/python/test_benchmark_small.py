"""A small benchmark run (2,000 students) completes, and the files it produced (`sis-extracts all`,
one build for both extracts) are the same bytes as a run of the same raw data through the normal
commands, one per extract. No timing is asserted: figures belong to BENCHMARKS.md, not to tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sis_extracts import benchmark

EXE = str(Path(sys.executable).with_name("sis-extracts"))


def test_small_benchmark_matches_normal_command(tmp_path):
    work = tmp_path / "bench"
    assert benchmark.main(["--sizes", "2000", "--work", str(work), "--no-markdown", "--no-demo"]) == 0
    rows = json.loads((work / "benchmark.json").read_text())["sizes"]
    assert len(rows) == 1
    row = rows[0]
    assert row["students"] == 2000
    assert row["records_out"] > 0 and row["raw_rows"] > 0
    assert row["floor_s"] > 0 and row["pipeline_s"] > 0 and row["peak_rss_gib"] > 0
    stages = ("startup_parse", "staging", "intermediate", "marts", "tests", "dbt_between", "export")
    for stage in stages:
        assert row[stage] >= 0
    # the stages are wall time and add up to the pipeline's wall time (up to the clocks' skew)
    assert abs(sum(row[s] for s in stages) - row["pipeline_s"]) < 0.05 * row["pipeline_s"] + 0.5

    raw = work / "raw_2000"
    for name, (sub, extra) in benchmark.EXTRACTS.items():
        out = tmp_path / "normal" / name
        proc = subprocess.run(
            [EXE, name, "--raw", str(raw), "--out", str(out), *extra],
            capture_output=True, text=True, check=False,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        bench_files = json.loads((work / "out_2000" / sub / "manifest.json").read_text())["files"]
        normal_files = json.loads((out / "manifest.json").read_text())["files"]
        assert [(f["name"], f["records"], f["sha256"]) for f in bench_files] == [
            (f["name"], f["records"], f["sha256"]) for f in normal_files
        ]
        assert len(normal_files) >= 1
