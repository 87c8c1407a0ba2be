"""`sis-extracts load --target postgres|spark --raw DIR`: a raw folder into the engine's raw schema.

The folder is landed exactly as a DuckDB run lands it (the macro land_raw_files, run by dbt on a
throw-away DuckDB database: the same checks and the same messages for a missing file, a missing
column, a wrong delimiter, an empty file), then each raw table of the contract is streamed, a batch
at a time, into `<schema>.<table>` on the engine as text columns named as the contract. The value
checks (dates, numbers, codes, keys) run on the engine, in the staging models, as on DuckDB.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sis_extracts.engines import BATCH_ROWS, Engine
from sis_extracts.export.dbt_runner import clean_message, run_environment
from sis_extracts.export.errors import InternalError, RawInputError
from sis_extracts.export.preflight import check_raw_folder
from sis_extracts.export.progress import Progress


@dataclass
class Loaded:
    schema: str
    tables: dict[str, int]  # table -> rows


def land(project_dir: Path, raw: Path, work: Path, schema: str) -> Path:
    """The raw folder as views in `schema` of a DuckDB database under `work` (land_raw_files)."""
    from dbt.cli.main import dbtRunner

    errors: list[str] = []

    def on_event(event) -> None:  # dbt reports a failed operation as an error event, not an exception
        if event.info.level == "error":
            errors.append(event.info.msg)

    with run_environment(work) as db:
        res = dbtRunner(callbacks=[on_event]).invoke(
            [
                "run-operation",
                "land_raw_files",
                "--project-dir",
                str(project_dir),
                "--profiles-dir",
                str(project_dir / "profiles"),
                "--target",
                "duckdb",
                "--target-path",
                str(work / "target"),
                "--log-path",
                str(work / "logs"),
                "--vars",
                json.dumps({"raw_path": str(raw.resolve()), "raw_schema": schema}),
                "--no-use-colors",
                "--log-level",
                "none",
            ]
        )
    if res.exception is not None or not res.success:
        text = "\n".join(
            clean_message(m.replace("Encountered an error while running operation: ", "")) for m in errors
        )
        raise RawInputError(
            text or clean_message(str(res.exception or "")) or "the raw folder could not be read.",
            hint="Fix the SIS export and run again.",
        )
    return db


def load_raw(engine: Engine, project_dir: Path, raw: Path, schema: str, progress: Progress) -> Loaded:
    raw = check_raw_folder(raw)
    with tempfile.TemporaryDirectory(prefix="sis-extracts-load-") as tmp:
        work = Path(tmp)
        progress.step(f"checking the raw folder {raw}")
        db = land(project_dir, raw, work, schema)
        con = duckdb.connect(str(db))
        try:
            tables = [
                r[0]
                for r in con.execute(
                    "select table_name from information_schema.tables where table_schema = ? order by 1",
                    [schema],
                ).fetchall()
            ]
            if not tables:
                raise InternalError(f"the landing made no table in schema {schema}.")
            loaded: dict[str, int] = {}
            for t in tables:
                cols = [r[0] for r in con.execute(f'describe {schema}."{t}"').fetchall()]
                reader = con.execute(f'select * from {schema}."{t}"').to_arrow_reader(BATCH_ROWS)
                loaded[t] = engine.load(schema, t, cols, iter(reader))
                progress.step(f"loaded {schema}.{t}: {loaded[t]:,} row(s)")
        finally:
            con.close()
    return Loaded(schema, loaded)
