"""Runs `dbt build` in-process for the marts a run needs, with a private database, target and log.

dbt's own log goes to `<work>/logs/dbt.log`; the console shows only our progress lines (all of
dbt's output with --debug). Failures are turned into errors a coordinator can act on.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sis_extracts.export import parse_cache
from sis_extracts.export.errors import (
    DataTestError,
    ExtractError,
    InternalError,
    RawInputError,
    redact_examples,
    redact_quoted,
    translate_reader_error,
)
from sis_extracts.export.progress import DbtProgress, Progress

DB_FILE_NAME = "sis_extracts.duckdb"


@dataclass
class BuildOutcome:
    work: Path
    db_path: Path
    target: Path
    log_file: Path
    tests: dict[str, int] = field(default_factory=dict)
    warned_tests: list[tuple[str, int]] = field(default_factory=list)
    forced_failures: list[tuple[str, int]] = field(default_factory=list)
    target_name: str = "duckdb"  # the profiles.yml output dbt built on

    @property
    def failing_rows_at(self) -> str:
        """Where a data test's failing rows are kept (dbt_project.yml: store_failures_as)."""
        if self.target_name == "duckdb":
            return f"{self.db_path} (schema audit, one view per test: select from it to see them)"
        return (
            f"the {self.target_name} database (schema audit, one table per test: select from it to see them)"
        )

    @property
    def manifest_path(self) -> Path:
        return self.target / "manifest.json"


def model_files_missing(project_dir: Path, models: list[str]) -> list[str]:
    """Models that the project does not define (no models/**/<name>.sql)."""
    present = {p.stem for p in (project_dir / "models").rglob("*.sql")}
    return [m for m in models if m not in present]


@contextlib.contextmanager
def run_environment(work: Path) -> Iterator[Path]:
    """The run's own database file (SIS_EXTRACTS_DB, always in the work folder, recreated; DuckDB
    spills beyond its memory limit to `<database>.tmp` beside it), plus DO_NOT_TRACK, set for the
    dbt invocation and restored afterwards (so that callers in the same process, such as tests,
    keep their own environment)."""
    db = work / DB_FILE_NAME
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)  # every run starts from an empty database: no stale marts
    shutil.rmtree(db.with_name(db.name + ".tmp"), ignore_errors=True)
    wanted = {
        "SIS_EXTRACTS_DB": str(db),
        "DO_NOT_TRACK": "1",
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield db
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def build_args(
    project_dir: Path,
    work: Path,
    models: list[str],
    dbt_vars: dict,
    *,
    debug: bool,
    command: str = "build",
    target: str = "duckdb",
) -> list[str]:
    excluded = ["unit_test", "test"] if command == "run" else ["unit_test"]
    return [
        "build" if command in ("build", "run") else command,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir / "profiles"),
        "--target",
        target,
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
        "--select",
        *[f"+{m}" for m in models],
        # tests run only when every model they read is built here (no relationship test on a
        # model another report needs), and unit tests are for developers (scripts/test), not runs
        "--indirect-selection",
        "cautious",
        "--exclude-resource-type",
        *excluded,
        # the tests of the project's own intermediate models and seeds run in scripts/test, not here
        "--exclude",
        "tag:model_invariant",
        "--vars",
        json.dumps(dbt_vars),
        "--no-use-colors",
        "--log-level",
        "info" if debug else "none",
        # the file log at debug level (every statement) only with --debug: writing it costs ~10% of a
        # small district's run
        "--log-level-file",
        "debug" if debug else "info",
    ]


def run_build(
    project_dir: Path,
    work: Path,
    models: list[str],
    dbt_vars: dict,
    progress: Progress,
    *,
    debug: bool = False,
    force: bool = False,
    target: str = "duckdb",
) -> BuildOutcome:
    """Build the marts with their data tests. A failed error-level test stops the run (dbt skips
    what depends on it and no file is written), unless `force`: then the models are built first
    and the tests run after them, their failures recorded in `outcome.forced_failures`."""
    from dbt.cli.main import dbtRunner  # slow import: only when a build runs

    cb = DbtProgress(progress)
    progress.step(f"dbt build: {', '.join(models)} and their parents, with their data tests")
    key = parse_cache.cache_key(project_dir, dbt_vars, f"{DB_FILE_NAME}:{target}")

    def invoke(command: str):
        # start from the manifest an earlier run parsed when the project is the same (parse_cache)
        manifest = parse_cache.load(key)
        res = dbtRunner(manifest=manifest, callbacks=[cb]).invoke(
            build_args(project_dir, work, models, dbt_vars, debug=debug, command=command, target=target)
        )
        if manifest is None and res.exception is None:
            parse_cache.store(key, outcome.target)
        return res

    with run_environment(work) as db:
        outcome = BuildOutcome(
            work=work,
            db_path=db,
            target=work / "target",
            log_file=work / "logs" / "dbt.log",
            target_name=target,
        )
        try:
            res = invoke("run" if force else "build")
            if force and res.exception is None:
                _raise_for_results(getattr(res.result, "results", None) or [], outcome)
                progress.step("--force: running the data tests after the models")
                res = invoke("test")
                for r in getattr(res.result, "results", None) or []:
                    if str(r.node.resource_type) == "test" and str(r.status) == "fail":
                        outcome.forced_failures.append((r.node.name, int(r.failures or 0)))
                if outcome.forced_failures:
                    progress.warn(
                        f"--force: {len(outcome.forced_failures)} data test(s) at error level failed; "
                        "writing the files anyway (marked in manifest.json)"
                    )
        except ExtractError:
            raise
        except Exception as exc:  # noqa: BLE001 - dbt raised instead of returning a result: classify it
            raise _classify_exception(exc, outcome) from (exc if debug else None)
    outcome.tests = dict(cb.tests)
    if res.exception is not None:
        raise _classify_exception(res.exception, outcome)
    results = getattr(res.result, "results", None) or []
    if force:
        results = [
            r for r in results if not (str(r.node.resource_type) == "test" and str(r.status) == "fail")
        ]
    _raise_for_results(results, outcome)
    if not res.success and not outcome.forced_failures:
        raise InternalError("dbt build did not succeed.", hint=f"See {outcome.log_file}.")
    for r in results:
        if r.node.resource_type == "test" and str(r.status) == "warn":
            outcome.warned_tests.append((r.node.name, int(r.failures or 0)))
    return outcome


# --- turning dbt failures into messages ----------------------------------------------------------

_RAW_MARKERS = (
    "does not match the raw contract",
    "Bad values in the raw",
    "raw folder",
    "Raw folder",
    "CSV Error",
    "Invalid unicode",
    "Invalid Input Error",
)


def clean_message(message: str) -> str:
    """dbt's error text without its 'X Error in model ...' line, the macro call stack, and any
    echoed raw line; personal example values withheld. A dump of DuckDB's CSV reader becomes the
    project's message (file and problem)."""
    translated = translate_reader_error(str(message))
    if translated:
        return translated
    lines = []
    for line in str(message).splitlines():
        s = line.strip()
        if re.match(r"^(Compilation|Runtime|Database|Parsing) Error( in .*)?$", s):
            continue
        if s.startswith(">") or s.lower().startswith("original line"):
            continue
        lines.append(line.rstrip())
    text = textwrap.dedent("\n".join(lines)).strip()
    return redact_examples(text)


def _is_raw_message(text: str) -> bool:
    return any(m in text for m in _RAW_MARKERS)


def _classify_exception(exc: BaseException, outcome: BuildOutcome) -> ExtractError:
    text = clean_message(str(exc))
    if _is_raw_message(text):
        return RawInputError(text, hint="Fix the SIS export and run again.")
    return InternalError(
        f"dbt stopped: {redact_quoted(text.splitlines()[0] if text else type(exc).__name__)}",
        hint=f"The full message is in {outcome.log_file} (run again with --debug to see it here).",
    )


def _raise_for_results(results: list, outcome: BuildOutcome) -> None:
    raw_errors: list[str] = []
    model_errors: list[str] = []
    failed_tests: list[tuple[str, int, str]] = []
    errored_tests: list[str] = []
    for r in results:
        status = str(r.status)
        node = r.node
        rtype = str(node.resource_type)
        if rtype == "test":
            if status == "fail":
                desc = (getattr(node, "description", "") or "").strip().split("\n")[0]
                failed_tests.append((node.name, int(r.failures or 0), desc))
            elif status == "error":
                errored_tests.append(node.name)
        elif status == "error":
            text = clean_message(r.message or "")
            path = str(getattr(node, "original_file_path", "") or getattr(node, "path", ""))
            is_staging = node.name.startswith("stg_") or "/staging/" in f"/{path}"
            if rtype == "operation" or is_staging or _is_raw_message(text):
                raw_errors.append(text)
            else:
                first = redact_quoted(text.splitlines()[0]) if text else "failed"
                model_errors.append(f"{node.name}: {first}")
    if raw_errors:
        # one message per raw table; several tables fail at once, show them all
        seen: list[str] = []
        for t in raw_errors:
            if t not in seen:
                seen.append(t)
        raise RawInputError("\n".join(seen), hint="Fix the SIS export and run again.")
    if failed_tests:
        n = len(failed_tests)
        lines = [
            f"  - {name}: {count} failing row(s)" + (f" — {desc}" if desc else "")
            for name, count, desc in failed_tests
        ]
        raise DataTestError(
            f"{n} data test(s) at error level failed, so no file was written:\n" + "\n".join(lines),
            hint=(
                f"The failing rows are stored in {outcome.failing_rows_at}. "
                "Fix the data in the SIS and run again."
            ),
        )
    if model_errors or errored_tests:
        lines = [f"  - {e}" for e in model_errors] + [f"  - test {t} could not run" for t in errored_tests]
        raise InternalError(
            "dbt could not build what the extract needs:\n" + "\n".join(lines),
            hint=f"The full messages are in {outcome.log_file}. Please report this with that file.",
        )
