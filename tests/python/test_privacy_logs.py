"""Privacy: a full run of both extracts on the bundled demo district writes no student name,
birthdate or state ID into its console output or its logs (dbt.log included). Only the state files
themselves, and `explain` when asked, carry them. Output files are readable only by their owner."""

from __future__ import annotations

import csv
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo"
EXE = str(Path(sys.executable).with_name("sis-extracts"))
RUNS = {
    "kecs-lead": ["--end-year", "2025", "--as-of", "2025-06-30 17:00"],
    "il-sca": ["--end-year", "2025", "--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15"],
}


def _students() -> tuple[set[str], set[str], set[str]]:
    with (DEMO / "enrollment.csv").open(encoding="utf-8") as f:
        students = {r["personID"] for r in csv.DictReader(f)}
    names, dates, ids = set(), set(), set()
    with (DEMO / "identity.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["personID"] not in students:
                continue
            for col in ("lastName", "firstName", "legalLastName", "legalFirstName"):
                if len(r.get(col) or "") >= 4:  # shorter names collide with ordinary words
                    names.add(r[col])
            if r["birthdate"]:
                y, m, d = r["birthdate"].split("-")
                dates |= {r["birthdate"], f"{m}/{d}/{y}"}
    with (DEMO / "person.csv").open(encoding="utf-8") as f:
        ids = {r["stateID"] for r in csv.DictReader(f) if r["personID"] in students and r["stateID"]}
    return names, dates, ids


@pytest.fixture(scope="module")
def demo_runs(tmp_path_factory) -> dict[str, tuple[str, Path]]:
    runs = {}
    for name, extra in RUNS.items():
        out = tmp_path_factory.mktemp(name)
        proc = subprocess.run(
            [EXE, name, "--raw", str(DEMO), "--out", str(out), *extra],
            capture_output=True, text=True, check=False, timeout=900,
        )
        assert proc.returncode == 0, proc.stderr[-3000:]
        runs[name] = (proc.stdout + proc.stderr, out)
    return runs


def _project_words() -> set[str]:
    """Words of the project's own SQL, yml and seeds (compiled SQL lands in dbt.log): a first name
    that is also a word there ("Mark the course active") is not a leak."""
    words: set[str] = set()
    for folder in ("models", "macros", "seeds", "tests"):
        for p in (ROOT / folder).rglob("*"):
            if p.suffix in (".sql", ".yml", ".csv", ".md"):
                words |= set(p.read_text(errors="replace").replace(",", " ").replace("'", " ").split())
    return words


def test_no_student_name_birthdate_or_state_id_in_console_or_logs(demo_runs):
    names, dates, ids = _students()
    names -= _project_words()
    assert len(names) > 1000 and len(dates) > 1000 and len(ids) > 1000
    for name, (console, out) in demo_runs.items():
        logs = [p for p in out.rglob("*.log")]
        assert logs, f"{name}: no log written"
        texts = {"console": console, **{str(p.relative_to(out)): p.read_text(errors="replace") for p in logs}}
        for where, text in texts.items():
            words = set(text.replace(",", " ").replace("'", " ").replace('"', " ").split())
            leaked = sorted((names | dates | ids) & words)
            assert not leaked, f"{name} {where}: {len(leaked)} personal value(s), e.g. {leaked[:1]}"


def test_output_files_are_readable_only_by_their_owner(demo_runs):
    for name, (_, out) in demo_runs.items():
        files = [p for p in out.iterdir() if p.is_file()]
        assert files, name
        for p in files:
            mode = stat.S_IMODE(p.stat().st_mode)
            assert mode & 0o077 == 0, f"{p.name}: mode {oct(mode)}"
