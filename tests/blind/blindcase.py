"""Blind cases: small raw districts and the report rows a reader of the state document expects.

A blind case (tests/blind/kecs/*.yml, tests/blind/il/*.yml, format in tests/blind/README.md) is
written by someone who has read only the requirement document, never the models. This module
checks cases, runs them through the `sis-extracts` command and compares the files it writes with
the rows the case expects.

Cases are run in groups so that the suite stays fast: every case has its own district(s) and its
own id block, so cases with the same editor options share one raw folder and one run (a District
Edition folder with many districts, R2), and each case reads back only the rows of its own
districts. A Kentucky group and an Illinois group share one `sis-extracts all` run.

    python tests/blind/blindcase.py check [CASE.yml ...]   # validate cases (no models are run)
    python tests/blind/blindcase.py run   [CASE.yml ...]   # run them and print disagreements
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BLIND = ROOT / "tests" / "blind"
CASE_DIRS = {"kecs-lead": BLIND / "kecs", "il-sca": BLIND / "il"}
EXTRACTS = tuple(CASE_DIRS)
STATE_OF = {"kecs-lead": "KY", "il-sca": "IL"}

# The school years every grouped case shares (a case that needs others gives its own `schoolyear`
# rows and then runs alone).
SCHOOL_YEARS = [
    {"endYear": "2024", "label": "23-24", "active": "0", "startDate": "2023-07-01", "endDate": "2024-06-30"},
    {"endYear": "2025", "label": "24-25", "active": "1", "startDate": "2024-07-01", "endDate": "2025-06-30"},
    {"endYear": "2026", "label": "25-26", "active": "0", "startDate": "2025-07-01", "endDate": "2026-06-30"},
]
DEFAULT_OPTIONS = {"kecs-lead": {"as-of": "2025-06-30 17:00"}, "il-sca": {"as-of": "2025-07-15"}}
# Options whose values are calendarIDs (checked against the case's own calendars).
ID_OPTIONS = {"calendar"}
BOOL_OPTIONS = {
    "kecs-lead": {"include-cross-site"},
    "il-sca": {"in-progress", "records-99-only", "include-no-state-id", "strip-apostrophes", "protected-identities"},
}


class CaseError(Exception):
    pass


# --- the raw contract, read from the project's own definition --------------------------------------


# what every run writes beside the report files for the coordinator (not state reports)
RUN_FILES = {"manifest.json", "summary.json", "index.html"}


def load_contract() -> dict:
    text = (ROOT / "macros" / "raw" / "sis_raw_contract.sql").read_text(encoding="utf-8")
    start = text.index("return(") + len("return(")
    end = text.rindex(") }}")
    body = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", text[start:end]))
    return ast.literal_eval(body)


def load_layouts() -> dict:
    return yaml.safe_load((BLIND / "layouts.yml").read_text(encoding="utf-8"))


# Primary keys of the raw tables (what must be unique across all cases of a run).
KEYS = {
    "district": ["districtID"], "school": ["schoolID"], "schoolyear": ["endYear"],
    "calendar": ["calendarID"], "day": ["calendarID", "structureID", "date"],
    "gradelevel": ["calendarID", "name"], "schedulestructure": ["structureID"], "trial": ["trialID"],
    "termschedule": ["termScheduleID"], "term": ["termID"], "person": ["personID"],
    "identity": ["identityID"], "enrollment": ["enrollmentID"], "lep": ["personID", "programStatus", "identifiedDate"],
    "teammember": ["personID", "staffPersonID", "role", "startDate"], "course": ["courseID"],
    "section": ["sectionID"], "sectionplacement": ["sectionID", "trialID", "termID", "periodID"],
    "sectionstaffhistory": ["sectionID", "personID", "staffType", "startDate"], "roster": ["rosterID"],
    "gradingtask": ["taskID"], "coursegradingtask": ["courseID", "taskID"], "scoregroup": ["scoreGroupID"],
    "scorelistitem": ["scoreGroupID", "score"], "gradingscore": ["scoreID"], "employment": ["employmentID"],
    "employmentassignment": ["assignmentID"],
}


# --- cases --------------------------------------------------------------------------------------


@dataclass
class Case:
    path: Path
    id: str
    extract: str
    rules: list[str]
    quote: str
    reading: str
    options: dict
    tables: dict[str, list[dict]]
    expect: list[dict]
    isolated: bool
    expect_exit: int = 0
    districts: list[dict] = field(default_factory=list)
    decided: str = ""

    @property
    def state(self) -> str:
        return STATE_OF[self.extract]

    def option_key(self) -> str:
        return json.dumps(self.merged_options(), sort_keys=True)

    def merged_options(self) -> dict:
        return {**DEFAULT_OPTIONS[self.extract], **self.options}


def _text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def _expand_days(spec: dict) -> list[dict]:
    """`days` shorthand: every date from `first` to `through` (default last_instruction) of one
    calendar and structure; instruction and attendance on Monday-Friday from `first` to
    `last_instruction`, except the dates in `no_instruction`."""
    try:
        first = dt.date.fromisoformat(_text(spec["first"]))
        last = dt.date.fromisoformat(_text(spec["last_instruction"]))
        through = dt.date.fromisoformat(_text(spec.get("through", spec["last_instruction"])))
    except (KeyError, ValueError) as exc:
        raise CaseError(f"days: needs first, last_instruction (and optional through) as YYYY-MM-DD ({exc})") from None
    off = {_text(d) for d in spec.get("no_instruction", [])}
    unknown = set(spec) - {"calendarID", "structureID", "first", "last_instruction", "through", "no_instruction"}
    if unknown:
        raise CaseError(f"days: unknown key(s) {sorted(unknown)}")
    rows = []
    d = first
    while d <= through:
        instr = d <= last and d.weekday() < 5 and d.isoformat() not in off
        rows.append({
            "calendarID": _text(spec.get("calendarID")),
            "structureID": _text(spec.get("structureID")),
            "date": d.isoformat(),
            "instruction": "1" if instr else "0",
            "attendance": "1" if instr else "0",
        })
        d += dt.timedelta(days=1)
    return rows


def load_case(path: Path, contract: dict, layouts: dict) -> Case:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CaseError(f"{path.name}: not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise CaseError(f"{path.name}: a case is a mapping")
    allowed = {"id", "extract", "rules", "quote", "reading", "options", "raw", "days", "expect", "isolated", "expect_exit",
               "decided"}
    if set(data) - allowed:
        raise CaseError(f"{path.name}: unknown key(s) {sorted(set(data) - allowed)}")
    for k in ("id", "extract", "rules", "quote", "reading", "raw", "expect"):
        if k not in data:
            raise CaseError(f"{path.name}: missing `{k}`")
    if data["id"] != path.stem:
        raise CaseError(f"{path.name}: id `{data['id']}` must be the file name without .yml")
    extract = data["extract"]
    if extract not in EXTRACTS:
        raise CaseError(f"{path.name}: extract must be one of {EXTRACTS}")
    if path.parent != CASE_DIRS[extract]:
        raise CaseError(f"{path.name}: a {extract} case belongs in {CASE_DIRS[extract].relative_to(ROOT)}")
    tables: dict[str, list[dict]] = {}
    for table, rows in (data["raw"] or {}).items():
        if table not in contract:
            raise CaseError(f"{path.name}: raw table `{table}` is not in the raw contract")
        cols = {c["name"] for c in contract[table]["columns"]}
        out_rows = []
        for i, row in enumerate(rows or []):
            if not isinstance(row, dict):
                raise CaseError(f"{path.name}: {table} row {i + 1} is not a mapping of column: value")
            bad = set(row) - cols
            if bad:
                raise CaseError(f"{path.name}: {table} row {i + 1}: unknown column(s) {sorted(bad)}; "
                                f"columns are {sorted(cols)}")
            out_rows.append({k: _text(v) for k, v in row.items()})
        tables[table] = out_rows
    for spec in data.get("days") or []:
        tables.setdefault("day", []).extend(_expand_days(spec))
    options = {str(k): v for k, v in (data.get("options") or {}).items()}
    for bad in ("raw", "out", "kecs-end-year", "il-start"):
        if bad in options:
            raise CaseError(f"{path.name}: option `{bad}` is set by the runner or is not an option of {extract}")
    if extract == "il-sca":
        for req in ("start", "end"):
            if req not in options:
                raise CaseError(f"{path.name}: Illinois cases give options.{req} (the editor's required dates)")
    expect = data["expect"] or []
    reports = layouts[extract]
    for e in expect:
        rep = e.get("report")
        if rep == "files":
            if not isinstance(e.get("names"), list):
                raise CaseError(f"{path.name}: expect files: give `names: [file names]`")
            continue
        if rep not in reports:
            raise CaseError(f"{path.name}: expect report `{rep}`; choose from {sorted(reports) + ['files']}")
        cols = e.get("columns")
        if not cols or not isinstance(cols, list):
            raise CaseError(f"{path.name}: expect {rep}: give `columns` (headers of the file)")
        unknown = [c for c in cols if c not in reports[rep]["headers"]]
        if unknown:
            raise CaseError(f"{path.name}: expect {rep}: unknown column(s) {unknown}; see tests/blind/layouts.yml")
        if not isinstance(e.get("rows"), list):
            raise CaseError(f"{path.name}: expect {rep}: give `rows` (a list, [] for none)")
        for r in e["rows"]:
            if not isinstance(r, list) or len(r) != len(cols):
                raise CaseError(f"{path.name}: expect {rep}: each row is a list of {len(cols)} values")
        if set(e) - {"report", "columns", "rows", "ordered", "note"}:
            raise CaseError(f"{path.name}: expect {rep}: unknown key(s) {sorted(set(e) - {'report', 'columns', 'rows', 'ordered', 'note'})}")
    districts = tables.get("district", [])
    if not districts:
        raise CaseError(f"{path.name}: give at least one district row (each case has its own districts)")
    isolated = bool(data.get("isolated", False)) or "schoolyear" in tables or int(data.get("expect_exit", 0)) != 0
    return Case(path, data["id"], extract, list(data["rules"]), str(data["quote"]), str(data["reading"]),
                options, tables, expect, isolated, int(data.get("expect_exit", 0)), districts)


def load_cases(paths: list[Path] | None = None) -> list[Case]:
    contract, layouts = load_contract(), load_layouts()
    if not paths:
        paths = sorted(p for d in CASE_DIRS.values() for p in d.glob("*.yml"))
    cases, errors = [], []
    for p in paths:
        try:
            cases.append(load_case(Path(p).resolve(), contract, layouts))
        except CaseError as exc:
            errors.append(str(exc))
    if errors:
        raise CaseError("\n".join(errors))
    return cases


def check_cases(cases: list[Case], contract: dict | None = None) -> list[str]:
    """Problems that would make cases interfere or fail to load: keys repeated within a case or
    across cases, district numbers shared by two cases, required columns missing."""
    contract = contract or load_contract()
    problems = []
    owners: dict[tuple, str] = {}
    dnum: dict[tuple, str] = {}
    for c in cases:
        for table, rows in c.tables.items():
            spec = contract[table]
            required = [col["name"] for col in spec["columns"] if not col["optional"]]
            for i, row in enumerate(rows):
                missing = [r for r in required if r not in row]
                if missing and table != "day":
                    problems.append(f"{c.id}: {table} row {i + 1} has no value for required column(s) {missing} "
                                    "(give them, empty string allowed)")
                key = (table, *(row.get(k, "") for k in KEYS[table]))
                if table == "schoolyear":
                    continue
                if key in owners and owners[key] != c.id:
                    problems.append(f"{c.id}: {table} key {key[1:]} is also used by case {owners[key]}")
                elif key in owners:
                    problems.append(f"{c.id}: {table} key {key[1:]} appears twice")
                owners[key] = c.id
        for d in c.districts:
            k = (d.get("state", ""), d.get("number", ""))
            if k in dnum and dnum[k] != c.id:
                problems.append(f"{c.id}: district number {k[1]} ({k[0]}) is also used by case {dnum[k]}")
            dnum[k] = c.id
        cal_ids = {r.get("calendarID") for r in c.tables.get("calendar", [])}
        for name in ID_OPTIONS:
            for v in _as_list(c.options.get(name)):
                if _text(v) not in cal_ids:
                    problems.append(f"{c.id}: option {name} {v} is not a calendarID of the case")
    return problems


def _as_list(v: object) -> list:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


# --- running ------------------------------------------------------------------------------------


@dataclass
class Run:
    kecs: list[Case]
    il: list[Case]

    @property
    def cases(self) -> list[Case]:
        return self.kecs + self.il

    @property
    def name(self) -> str:
        return "+".join(c.id for c in self.cases)[:80]


def plan_runs(cases: list[Case]) -> list[Run]:
    groups: dict[str, dict[str, list[Case]]] = {e: {} for e in EXTRACTS}
    alone: list[Run] = []
    for c in cases:
        if c.isolated:
            alone.append(Run([c], []) if c.extract == "kecs-lead" else Run([], [c]))
        else:
            groups[c.extract].setdefault(c.option_key(), []).append(c)
    kecs = list(groups["kecs-lead"].values())
    il = list(groups["il-sca"].values())
    runs = [Run(kecs[i] if i < len(kecs) else [], il[i] if i < len(il) else []) for i in range(max(len(kecs), len(il)))]
    return runs + alone


def write_raw(cases: list[Case], folder: Path, contract: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    merged: dict[str, list[dict]] = {t: [] for t in contract}
    own_years = [c for c in cases if "schoolyear" in c.tables]
    for c in cases:
        for t, rows in c.tables.items():
            merged[t].extend(rows)
    if not own_years:
        merged["schoolyear"] = list(SCHOOL_YEARS)
    for table, spec in contract.items():
        cols = [c["name"] for c in spec["columns"]]
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(cols)
            for row in merged[table]:
                w.writerow([row.get(col, "") for col in cols])


def _option_args(opts: dict, extract: str, prefix: str) -> list[str]:
    args: list[str] = []
    for name, value in opts.items():
        flag = f"--{prefix}{name}"
        if name in BOOL_OPTIONS[extract] or isinstance(value, bool):
            if value:
                args.append(flag)
            continue
        vals = [_text(v) for v in _as_list(value)]
        args += [flag, *vals]
    return args


def command_for(run: Run, raw: Path, out: Path, exe: str) -> list[str]:
    base = [exe]
    if run.kecs and run.il:
        base += ["all", "--raw", str(raw), "--out", str(out), "--quiet"]
        base += _option_args(run.kecs[0].merged_options(), "kecs-lead", "kecs-")
        base += _option_args(run.il[0].merged_options(), "il-sca", "il-")
    elif run.kecs:
        base += ["kecs-lead", "--raw", str(raw), "--out", str(out), "--quiet"]
        base += _option_args(run.kecs[0].merged_options(), "kecs-lead", "")
    else:
        base += ["il-sca", "--raw", str(raw), "--out", str(out), "--quiet"]
        base += _option_args(run.il[0].merged_options(), "il-sca", "")
    return base


@dataclass
class RunResult:
    run: Run
    command: list[str]
    code: int
    output: str
    kecs_dir: Path | None
    il_dir: Path | None


def execute(run: Run, work: Path, contract: dict, exe: str) -> RunResult:
    raw, out = work / "raw", work / "out"
    write_raw(run.cases, raw, contract)
    cmd = command_for(run, raw, out, exe)
    env = dict(os.environ, DO_NOT_TRACK="1", SIS_EXTRACTS_PROJECT_DIR=str(ROOT))
    # runs go two at a time on small districts: one dbt thread each is faster than two
    env.setdefault("SIS_EXTRACTS_THREADS", "1")
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=900, check=False)
    both = bool(run.kecs and run.il)
    kdir = (out / "kecs_lead" if both else out) if run.kecs else None
    idir = (out / "il_sca" if both else out) if run.il else None
    return RunResult(run, cmd, proc.returncode, proc.stdout + proc.stderr, kdir, idir)


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def case_rows(case: Case, res: RunResult, layouts: dict) -> dict[str, list[dict]]:
    """The rows of each report that belong to the case's own districts, in file order."""
    out: dict[str, list[dict]] = {}
    if case.extract == "kecs-lead":
        nums = {d.get("number", "").zfill(3) for d in case.districts if d.get("state", "").upper() == "KY"}
        nums |= {d.get("number", "") for d in case.districts}
        for rep, lay in layouts["kecs-lead"].items():
            f = res.kecs_dir / lay["file"] if res.kecs_dir else None
            if f is None or not f.exists():
                continue
            rows = _read_csv(f)
            header, body = rows[0], rows[1:]
            recs = [dict(zip(header, r)) for r in body]
            out[rep] = [r for r in recs if r.get("District Number") in nums]
        # the report files the document names: not the run's own record and review (manifest.json,
        # summary.json, index.html)
        out["files"] = sorted(p.name for p in res.kecs_dir.iterdir() if p.is_file() and p.name not in RUN_FILES) \
            if res.kecs_dir and res.kecs_dir.exists() else []
    else:
        rcdts = {
            d.get("region", "") + d.get("county", "") + d.get("number", "") + d.get("type", "")
            for d in case.districts
        }
        files = sorted(p for p in res.il_dir.iterdir() if p.is_file() and any(r and r in p.name for r in rcdts)) \
            if res.il_dir and res.il_dir.exists() else []
        headers = layouts["il-sca"]["records"]["headers"]
        recs, heads = [], []
        for f in files:
            if f.suffix not in (".csv", ".txt"):
                continue
            delim = "\t" if f.suffix == ".txt" else ","
            with f.open(newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.reader(fh, delimiter=delim))
            heads.append(dict(zip(layouts["il-sca"]["header"]["headers"], rows[0])))
            body = rows[1:]
            if body and body[0] == headers:  # the tab format repeats the column names
                body = body[1:]
            recs += [dict(zip(headers, r)) for r in body]
        out["records"] = recs
        out["header"] = heads
        out["files"] = [f.name for f in files]
    return out


def compare(case: Case, got: dict[str, list[dict]]) -> list[str]:
    problems = []
    for e in case.expect:
        rep = e["report"]
        if rep == "files":
            want = sorted(_text(n) for n in e["names"])
            have = sorted(got.get("files", []))
            if want != have:
                problems.append(f"files: expected {want}, got {have}")
            continue
        cols = e["columns"]
        want = [tuple(_text(v) for v in r) for r in e["rows"]]
        have = [tuple(r.get(c, "<missing>") for c in cols) for r in got.get(rep, [])]
        if e.get("ordered"):
            if want != have:
                problems.append(f"{rep} (ordered) by {cols}:\n    expected {want}\n    got      {have}")
        elif Counter(want) != Counter(have):
            missing = list((Counter(want) - Counter(have)).elements())
            extra = list((Counter(have) - Counter(want)).elements())
            problems.append(f"{rep} by {cols}:\n    expected but not written: {missing}\n    written but not expected: {extra}")
    return problems


def run_cases(cases: list[Case], work: Path, exe: str | None = None, workers: int = 2) -> dict[str, list[str]]:
    """Run every case; returns case id -> disagreements (empty = agrees)."""
    contract, layouts = load_contract(), load_layouts()
    problems = check_cases(cases, contract)
    if problems:
        raise CaseError("\n".join(problems))
    exe = exe or str(Path(sys.executable).with_name("sis-extracts"))
    runs = plan_runs(cases)
    results: dict[str, list[str]] = {}

    def one(i_run: tuple[int, Run]) -> RunResult:
        i, run = i_run
        return execute(run, work / f"run_{i:02d}", contract, exe)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for res in pool.map(one, enumerate(runs)):
            for case in res.run.cases:
                if case.expect_exit:
                    results[case.id] = [] if res.code == case.expect_exit else [
                        f"expected exit {case.expect_exit}, got {res.code}: {res.output[-1500:]}"]
                    continue
                if res.code != 0:
                    results[case.id] = [f"run failed (exit {res.code}): {' '.join(res.command)}\n{res.output[-3000:]}"]
                    continue
                results[case.id] = compare(case, case_rows(case, res, layouts))
    return results


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("check", "run"):
        print(__doc__)
        return 2
    paths = [Path(a) for a in argv[1:]] or None
    try:
        cases = load_cases(paths)
        if argv[0] == "check":
            problems = check_cases(cases)
            for p in problems:
                print(p)
            print(f"{len(cases)} case(s) checked, {len(problems)} problem(s); "
                  f"{len(plan_runs(cases))} run(s) would be made")
            return 1 if problems else 0
        import tempfile

        work = Path(tempfile.mkdtemp(prefix="blind_"))
        results = run_cases(cases, work)
    except CaseError as exc:
        print(exc)
        return 1
    bad = {k: v for k, v in results.items() if v}
    for k, v in sorted(bad.items()):
        print(f"--- {k}")
        for p in v:
            print("  " + p)
    print(f"{len(results)} case(s) run in {work}: {len(results) - len(bad)} agree, {len(bad)} disagree")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
