"""Benchmark: both extracts end to end, exactly as a user runs them, per district size.

For each size: the generator writes the raw files (timed apart, not counted) of a district that has
rolled over into the next school year (`--rolled-over`, as a district's export looks in July), so
both extracts are given the reported year (2024-25, --end-year 2025); then
`sis-extracts all` (all six KECS reports and the Illinois state file, from one build) runs as a
subprocess while the process tree's memory is sampled. Stage times are wall time, from dbt's
run_results.json (per-node start/end) and the process clock; the I/O floor is DuckDB reading every
raw file once and writing as many output rows and bytes with a plain COPY, on the same files in
the same run. Writes BENCHMARKS.md (table, machine, command) and benchmark.json.

    scripts/benchmark [--sizes 10000,100000,1000000] [--work DIR] [--no-markdown]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

PROJECT_DIR = Path(os.environ.get("SIS_EXTRACTS_PROJECT_DIR", Path(__file__).resolve().parents[2]))
# the user's commands, one per extract, with the subfolder `sis-extracts all` writes each into
EXTRACTS = {
    "kecs-lead": ("kecs_lead", ["--end-year", "2025", "--as-of", "2025-06-30 17:00"]),
    "il-sca": (
        "il_sca",
        [
            "--start", "2024-07-01", "--end", "2025-06-30", "--as-of", "2025-07-15", "--file-id", "001",
            "--end-year", "2025",
        ],
    ),
}
# ... and both at once, as the benchmark runs them
ALL_ARGS = [
    f"--{'kecs' if name == 'kecs-lead' else 'il'}-{opt[2:]}" if opt.startswith("--") else opt
    for name, (_, args) in EXTRACTS.items()
    for opt in args
]
LAYERS = ("staging", "intermediate", "marts")
NOTES_MARKER = "<!-- notes: kept by scripts/benchmark -->"
STAGES = ("staging", "intermediate", "marts", "tests", "dbt_between")


def _tree_rss(pid: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            pages = int((d / "statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d.name))
        rss[int(d.name)] = pages * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total


def run_measured(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, int, int]:
    """Run a command; return (wall seconds, peak tree RSS bytes, exit code)."""
    t0 = time.perf_counter()
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env)
        peak = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not stop.is_set():
                peak = max(peak, _tree_rss(proc.pid))
                stop.wait(0.2)

        th = threading.Thread(target=sample, daemon=True)
        th.start()
        rc = proc.wait()
        stop.set()
        th.join()
    return time.perf_counter() - t0, peak, rc


def _iso(ts: str) -> float:
    return datetime.fromisoformat(ts).timestamp()


def _layer(uid: str) -> str:
    kind = uid.split(".")[0]
    if kind == "test":
        return "tests"
    if kind != "model":
        return "staging"  # seeds: the code lists, read with the raw files
    name = uid.rsplit(".", 1)[-1]
    if name.startswith("stg_"):
        return "staging"
    if name.startswith("int_"):
        return "intermediate"
    return "marts"  # report marts and the audit accounting


def stage_times(run_results: Path, started: float, ended: float) -> dict[str, float]:
    """Wall seconds per stage, adding up to the run's wall time: start-up and parse (process start
    to the first node, including the raw-contract check), then each instant of the dbt run shared
    among the layers of the nodes running at it (2 threads: two nodes can run at once), time with
    no node running (dbt between nodes), and export (last node to process end)."""
    data = json.loads(run_results.read_text())
    spans: list[tuple[float, float, str]] = []
    for r in data["results"]:
        times = [(_iso(t["started_at"]), _iso(t["completed_at"])) for t in r.get("timing", []) if t.get("started_at")]
        if times:
            spans.append((min(t[0] for t in times), max(t[1] for t in times), _layer(r["unique_id"])))
    out = {k: 0.0 for k in STAGES}
    if not spans:
        out.update(startup_parse=ended - started, export=0.0, dbt_nodes_wall=0.0)
        return out
    first, last = min(s for s, _, _ in spans), max(e for _, e, _ in spans)
    points = sorted({p for s, e, _ in spans for p in (s, e)})
    for lo, hi in itertools.pairwise(points):
        active = [lay for s, e, lay in spans if s <= lo and e >= hi]
        if not active:
            out["dbt_between"] += hi - lo
        for lay in active:
            out[lay] += (hi - lo) / len(active)
    out.update(startup_parse=first - started, export=ended - last, dbt_nodes_wall=last - first)
    return out


def io_floor(raw: Path, outputs: list[Path], scratch: Path) -> float:
    """Seconds for DuckDB to read every raw file once and write the same output rows/bytes with COPY."""
    scratch.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(scratch / "floor.duckdb"))
    con.execute(f"set temp_directory = '{scratch / 'tmp'}'")
    staged_out = []
    for i, f in enumerate(outputs):  # untimed: load the outputs to write them again
        if f.suffix in (".csv", ".txt") and f.stat().st_size:
            sep = "\\t" if f.suffix == ".txt" else ","
            con.execute(
                f"create table out_{i} as select * from read_csv('{f}', all_varchar=true, header=false, "
                f"delim='{sep}', null_padding=true, strict_mode=false)"
            )
            staged_out.append(f"out_{i}")
    t0 = time.perf_counter()
    for f in sorted(raw.iterdir()):
        reader = "read_parquet" if f.suffix == ".parquet" else "read_csv"
        opts = "" if f.suffix == ".parquet" else ", all_varchar=true, header=true"
        con.execute(f"create or replace temp table r as select * from {reader}('{f}'{opts})")
    for i, t in enumerate(staged_out):
        con.execute(f"copy {t} to '{scratch / f'floor_{i}.csv'}' (format csv, header false)")
    took = time.perf_counter() - t0
    con.close()
    shutil.rmtree(scratch, ignore_errors=True)
    return took


def bench_size(n: int, work: Path, seed: int, engine: str = "duckdb") -> dict:
    from sis_extracts.generate import generate

    raw = work / f"raw_{n}"
    shutil.rmtree(raw, ignore_errors=True)
    t0 = time.perf_counter()
    counts = generate(raw, students=n, seed=seed, fmt="csv", rolled_over=True)
    gen_s = time.perf_counter() - t0
    row = {"students": n, "generate_s": gen_s, "raw_rows": int(sum(counts.values())),
           "raw_bytes": sum(f.stat().st_size for f in raw.iterdir())}
    env = dict(os.environ, DO_NOT_TRACK="1")
    exe = str(Path(sys.executable).with_name("sis-extracts"))
    target: list[str] = []
    if engine != "duckdb":
        # the raw folder into the engine's raw schema (timed apart, as the generator: a district's
        # warehouse holds its raw tables already)
        t0 = time.perf_counter()
        subprocess.run([exe, "load", "--target", engine, "--raw", str(raw), "--quiet"], env=env, check=True)
        row["load_s"] = time.perf_counter() - t0
        target = ["--target", engine]
    out = work / f"out_{n}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [exe, "all", "--raw", str(raw), "--out", str(out), *target, *ALL_ARGS]
    started = time.time()
    wall, peak, rc = run_measured(cmd, env, work / f"all_{n}.log")
    ended = time.time()
    if rc != 0:
        raise SystemExit(f"sis-extracts all at {n} students exited {rc}; see {work / f'all_{n}.log'}")
    row.update(stage_times(out / ".sis-extracts" / "all" / "target" / "run_results.json", started, ended))
    records, outputs = 0, []
    for sub, _ in EXTRACTS.values():
        man = json.loads((out / sub / "manifest.json").read_text())
        for f in man.get("files", []):
            records += int(f["records"])
            outputs.append(out / sub / f["name"])
    row.update({"pipeline_s": wall, "peak_rss_gib": peak / 2**30, "records_out": records})
    row["records_per_s"] = records / wall if wall else 0.0
    row["floor_s"] = io_floor(raw, outputs, work / f"floor_{n}")
    row["pipeline_over_floor"] = wall / row["floor_s"] if row["floor_s"] else None
    row["s_per_1k_students"] = wall / n * 1000
    return row


def bench_demo(work: Path) -> list[float]:
    """Wall seconds of the bundled demo, start to finish (`scripts/demo`: both extracts on data/demo),
    run twice: the first run parses the project (or finds the parse cache filled), the second is what a
    coordinator sees each time after that."""
    walls = []
    for attempt in (1, 2):
        out = work / "demo"
        shutil.rmtree(out, ignore_errors=True)
        env = dict(os.environ, DO_NOT_TRACK="1")
        wall, _, rc = run_measured(["bash", str(PROJECT_DIR / "scripts" / "demo"), str(out)], env, work / f"demo_{attempt}.log")
        if rc != 0:
            raise SystemExit(f"scripts/demo exited {rc}; see {work / f'demo_{attempt}.log'}")
        walls.append(wall)
    return walls


def targets(rows: list[dict], demo_s: list[float] | None) -> str:
    """The issue's targets, checked against this run's figures."""
    by = {r["students"]: r for r in rows}
    lines = ["| target | measured | met |", "|---|---|---|"]

    def add(name: str, measured: str, ok: bool | None) -> None:
        lines.append(f"| {name} | {measured} | {'yes' if ok else 'no' if ok is not None else 'not run'} |")

    big, mid = by.get(1_000_000), by.get(100_000)
    if big:
        add("1,000,000 students end to end <= 5 min", f"{big['pipeline_s']:.0f} s", big["pipeline_s"] <= 300)
        add("1,000,000 students end to end <= 120 s (issue 12)", f"{big['pipeline_s']:.0f} s", big["pipeline_s"] <= 120)
        add("peak memory <= 8 GiB at 1,000,000", f"{big['peak_rss_gib']:.2f} GiB", big["peak_rss_gib"] <= 8)
        add("pipeline <= 4 x I/O floor at 1,000,000", f"{big['pipeline_over_floor']:.2f} x", big["pipeline_over_floor"] <= 4)
    if big and mid:
        ratio = big["s_per_1k_students"] / mid["s_per_1k_students"]
        add("time per student at 1M <= 1.3 x that at 100k", f"{ratio:.2f} x", ratio <= 1.3)
    if demo_s:
        add("bundled demo start to finish < 30 s (first run)", f"{demo_s[0]:.1f} s", demo_s[0] < 30)
        add("bundled demo, second run <= 12 s (issue 12)", f"{demo_s[-1]:.1f} s", demo_s[-1] <= 12)
    two = by.get(2_000_000)
    add("2,000,000 students completes without running out of memory",
        f"{two['pipeline_s']:.0f} s, {two['peak_rss_gib']:.2f} GiB" if two else "not in this run", True if two else None)
    return "\n".join(lines) + "\n"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = "unknown CPU"
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, Python {platform.python_version()}, duckdb {duckdb.__version__}"


def markdown(rows: list[dict], command: str, demo_s: list[float] | None = None) -> str:
    cols = [("students", "students", "{:,}"), ("raw_rows", "raw rows in", "{:,}"), ("records_out", "records out", "{:,}"),
            ("generate_s", "generate s (apart)", "{:.1f}"), ("load_s", "engine load s (apart)", "{:.1f}"),
            ("startup_parse", "start-up+parse s", "{:.1f}"),
            ("staging", "staging s", "{:.1f}"), ("intermediate", "intermediate s", "{:.1f}"), ("marts", "marts s", "{:.1f}"),
            ("tests", "data tests s", "{:.1f}"), ("dbt_between", "dbt between nodes s", "{:.1f}"),
            ("export", "export s", "{:.1f}"), ("pipeline_s", "pipeline s", "{:.1f}"),
            ("records_per_s", "records/s", "{:,.0f}"), ("s_per_1k_students", "s per 1k students", "{:.3f}"),
            ("peak_rss_gib", "peak memory GiB", "{:.2f}"), ("floor_s", "I/O floor s", "{:.1f}"),
            ("pipeline_over_floor", "pipeline / floor", "{:.2f}")]
    head = "| " + " | ".join(c[1] for c in cols) + " |\n|" + "---|" * len(cols) + "\n"
    body = "".join("| " + " | ".join(c[2].format(r[c[0]]) if r.get(c[0]) is not None else "" for c in cols) + " |\n" for r in rows)
    return (
        "# Benchmarks\n\n"
        f"Last full run: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n\n"
        f"Machine: {machine()}\n\n"
        f"Command: `{command}`\n\n"
        "Both extracts end to end as a user runs them: `sis-extracts all` (all six KECS LEAD reports "
        "and the Illinois state file, from one dbt build; `sis-extracts kecs-lead` and `sis-extracts "
        "il-sca` write the same bytes, as tests/python/test_benchmark_small.py checks), on districts made "
        "by `scripts/generate --rolled-over` (seed 42; the next school year is already active, so both "
        "extracts are given end year 2025). Stage columns are wall seconds and add up to the pipeline "
        "time: start-up+parse is process start to the first dbt node (Python and dbt start-up, "
        "parse, the raw-contract check); each instant of the dbt run is shared among the layers of the "
        "nodes running then (2 threads); 'dbt between nodes' is time with no node running; export is "
        "the last node to the process's exit (files, HTML, manifests). Staging includes the seeds; "
        "marts include the audit accounting. Peak memory is the resident memory of the whole process "
        "tree, sampled every 0.2 s. The I/O floor is DuckDB reading every raw file once and writing "
        "the same output rows with a plain COPY. The demo is `scripts/demo`, start to finish, run twice (the second run starts from the parse cache the first one filled).\n\n"
        + head + body
        + "\n## Targets\n\n" + targets(rows, demo_s)
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scripts/benchmark", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated student counts")
    ap.add_argument("--work", type=Path, default=PROJECT_DIR / "target" / "benchmark", help="scratch folder")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--no-markdown", action="store_true", help="do not rewrite BENCHMARKS.md")
    ap.add_argument("--no-demo", action="store_true", help="do not time the bundled demo")
    ap.add_argument(
        "--engine",
        choices=("duckdb", "postgres", "spark"),
        default="duckdb",
        help="build on this engine (scripts/benchmark starts it); writes docs/benchmarks/<engine>.md",
    )
    args = ap.parse_args(argv)
    if args.engine != "duckdb":
        args.no_demo = True
    args.work.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]:
        print(f"[benchmark] {n:,} students ...", file=sys.stderr, flush=True)
        row = bench_size(n, args.work, args.seed, args.engine)
        rows.append(row)
        print(json.dumps(row, indent=1), file=sys.stderr, flush=True)
    demo_s = None if args.no_demo else bench_demo(args.work)
    (args.work / "benchmark.json").write_text(json.dumps({"sizes": rows, "demo_s": demo_s}, indent=1))
    if not args.no_markdown:
        cmd = "scripts/benchmark --sizes " + args.sizes
        path = PROJECT_DIR / "BENCHMARKS.md"
        if args.engine != "duckdb":
            cmd += f" --engine {args.engine}"
            path = PROJECT_DIR / "docs" / "benchmarks" / f"{args.engine}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
        # the hand-written analysis below NOTES_MARKER survives a new run (its figures are dated)
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        notes = old[old.index(NOTES_MARKER):] if NOTES_MARKER in old else ""
        path.write_text(markdown(rows, cmd, demo_s) + ("\n" + notes if notes else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
