"""Shared pytest fixtures (generic; no test logic here).

- `mart_db`: build a small DuckDB database of mart-shaped tables plus the dbt manifest entries
  that describe them (column meta.header / meta.export, model meta.export_order_by), so the
  exporter can be tested without dbt.
- `cli_run`: run the `sis-extracts` CLI in-process, capturing exit code, stdout and stderr.
- `raw_district`: session-scoped small generated district (data/demo without the generator);
  `raw_copy`: a private copy of it that a test may break.
- `extract_run`: session-scoped; runs an extract once per distinct argument list on that
  district and reuses the result in every test that asks for the same run.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_RAW = REPO / "data" / "demo"

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("SIS_EXTRACTS_PROJECT_DIR", str(REPO))


# --- a mart database built in the test ----------------------------------------------------------


@dataclass
class Col:
    name: str
    type: str = "varchar"
    header: str | None = None  # None: no meta.header
    export: bool = True


@dataclass
class MartDef:
    name: str
    columns: list[Col]
    rows: list[tuple]
    order_by: list[str] | None = None
    schema: str = "marts"


@dataclass
class MartDb:
    path: Path
    manifest: dict
    manifest_path: Path
    con: duckdb.DuckDBPyConnection
    specs: dict = field(default_factory=dict)


def build_mart_db(folder: Path, marts: list[MartDef], db_name: str = "marts_test") -> MartDb:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{db_name}.duckdb"
    path.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    nodes = {}
    for m in marts:
        con.execute(f'create schema if not exists "{m.schema}"')
        cols_sql = ", ".join(f'"{c.name}" {c.type}' for c in m.columns)
        con.execute(f'create or replace table "{m.schema}"."{m.name}" ({cols_sql})')
        if m.rows:
            marks = ", ".join("?" for _ in m.columns)
            con.executemany(f'insert into "{m.schema}"."{m.name}" values ({marks})', m.rows)
        columns = {}
        for c in m.columns:
            meta: dict = {}
            if c.header is not None:
                meta["header"] = c.header
            if not c.export:
                meta["export"] = False
            columns[c.name] = {"name": c.name, "data_type": c.type, "meta": meta, "config": {"meta": meta}}
        model_meta = {"export_order_by": m.order_by} if m.order_by else {}
        nodes[f"model.sis_extracts.{m.name}"] = {
            "resource_type": "model",
            "unique_id": f"model.sis_extracts.{m.name}",
            "name": m.name,
            "database": db_name,
            "schema": m.schema,
            "alias": m.name,
            "relation_name": f'"{db_name}"."{m.schema}"."{m.name}"',
            "columns": columns,
            "meta": model_meta,
            "config": {"meta": model_meta},
        }
    manifest = {"metadata": {"dbt_version": "test"}, "nodes": nodes}
    manifest_path = folder / "manifest.json"
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return MartDb(path, manifest, manifest_path, con)


@pytest.fixture
def mart_db(tmp_path: Path) -> Callable[..., MartDb]:
    made: list[MartDb] = []

    def make(marts: list[MartDef], db_name: str = "marts_test") -> MartDb:
        db = build_mart_db(tmp_path / f"db_{len(made)}", marts, db_name)
        made.append(db)
        return db

    yield make
    for db in made:
        with contextlib.suppress(Exception):
            db.con.close()


# --- running the CLI ----------------------------------------------------------------------------


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


def run_cli(args: list[str]) -> CliResult:
    from sis_extracts.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    return CliResult(int(code), out.getvalue(), err.getvalue())


@pytest.fixture
def cli_run() -> Callable[[list], CliResult]:
    return run_cli


# --- a small district, and runs of the extracts on it ----------------------------------------
# A 300-student district made by the project's generator (seed 7): every documented edge case
# exists in it (the generator's showcase students), and both extracts build in seconds. Without
# the generator, data/demo is used.

GENERATED_STUDENTS, GENERATED_SEED = 300, 7


def marts_ready(*models: str) -> bool:
    present = {p.stem for p in (REPO / "models").rglob("*.sql")}
    return all(m in present for m in models)


@pytest.fixture(scope="session")
def raw_district(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        from sis_extracts.generate import generate
    except ImportError:
        generate = None
    if generate is not None:
        raw = tmp_path_factory.mktemp("raw_district")
        generate(raw, GENERATED_STUDENTS, GENERATED_SEED, "csv")
        return raw
    if DEMO_RAW.is_dir() and any(DEMO_RAW.glob("calendar.*")):
        return DEMO_RAW
    pytest.skip("neither the generator nor data/demo is available")


@pytest.fixture
def raw_copy(raw_district: Path, tmp_path: Path) -> Path:
    """A private copy of the district's raw folder that a test may break."""
    dest = tmp_path / "raw"
    shutil.copytree(raw_district, dest)
    return dest


@dataclass
class ExtractRun:
    result: CliResult
    out: Path
    manifest: dict
    raw: Path


@pytest.fixture(scope="session")
def extract_run(tmp_path_factory: pytest.TempPathFactory, raw_district: Path) -> Callable[..., ExtractRun]:
    """extract_run("kecs-lead", "--end-year", "2025", ...): run once per distinct arguments on the
    small district, into a session temp folder; later calls with the same arguments reuse it."""
    cache: dict[tuple, ExtractRun] = {}

    def run(command: str, *args: str, marts: tuple[str, ...] = ()) -> ExtractRun:
        if marts and not marts_ready(*marts):
            pytest.skip(f"the marts {', '.join(marts)} are not written yet")
        key = (command, *args)
        if key not in cache:
            out = tmp_path_factory.mktemp(command.replace("-", "_"))
            res = run_cli([command, "--raw", str(raw_district), "--out", str(out), "--quiet", *args])
            mpath = out / "manifest.json"
            manifest = json.loads(mpath.read_text("utf-8")) if mpath.exists() else {}
            cache[key] = ExtractRun(res, out, manifest, raw_district)
        return cache[key]

    return run
