"""The engine plumbing that runs without an engine: the file comparison of scripts/engines, the
local copy of a warehouse run (engines/mirror.py) with a stand-in engine, the profile's outputs, and
the CLI's --target/--raw rules. scripts/engines runs the real engines (CI: PostgreSQL)."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from sis_extracts.engines import target_settings
from sis_extracts.engines.compare import compare
from sis_extracts.engines.mirror import copy_relation, relations
from sis_extracts.engines.postgres import _copy_text

REPO = Path(__file__).resolve().parents[2]


def _run(folder: Path, files: dict[str, bytes], manifest: dict) -> Path:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    (folder / ".sis-extracts").mkdir(exist_ok=True)
    (folder / ".sis-extracts" / "sis_extracts.duckdb").write_bytes(folder.name.encode())  # never compared
    return folder


def _manifest(written_at: str, sha: str = "abc") -> dict:
    return {
        "written_at": written_at,
        "command": "x",
        "files": [{"name": "A.csv", "report": "A", "format": "csv", "records": 1, "bytes": 4, "sha256": sha}],
    }


def test_compare_same_files_and_manifests_that_differ_only_in_time_are_identical(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", {"A.csv": b"x,y\n"}, _manifest("2025-01-01"))
    b = _run(tmp_path / "b", {"A.csv": b"x,y\n"}, _manifest("2026-01-01"))
    out = io.StringIO()
    assert compare(a, b, "postgres", out) == (2, 0)
    assert "A.csv" in out.getvalue() and "sis_extracts.duckdb" not in out.getvalue()


def test_compare_one_byte_a_checksum_or_a_missing_file_differs(tmp_path: Path) -> None:
    a = _run(tmp_path / "a", {"A.csv": b"x,y\n", "B.csv": b"1\n"}, _manifest("t"))
    b = _run(tmp_path / "b", {"A.csv": b"x,z\n"}, _manifest("t", sha="def"))
    out = io.StringIO()
    same, differ = compare(a, b, "spark", out)
    assert (same, differ) == (0, 3)
    text = out.getvalue()
    assert "A.csv" in text and "DIFFERS" in text and "only in the duckdb run" in text


def test_copy_text_escapes_what_copy_reads_as_structure() -> None:
    assert _copy_text(None) == "\\N"
    assert _copy_text("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"
    assert _copy_text("") == ""


class _StandIn:
    """An engine with one relation, served two rows per batch."""

    def __init__(self, cols: list[tuple[str, str]], rows: list[tuple]) -> None:
        self.cols, self.rows, self.batch_sizes = cols, rows, []

    def columns(self, schema: str, table: str) -> list[tuple[str, str]]:
        return self.cols

    def batches(self, schema: str, table: str, columns: list[str]):
        for i in range(0, len(self.rows), 2):
            self.batch_sizes.append(len(self.rows[i : i + 2]))
            yield self.rows[i : i + 2]


def test_mirror_copies_a_relation_batch_by_batch_with_its_types(tmp_path: Path) -> None:
    rows = [
        ("001", 1, Decimal("1.5000"), date(2024, 8, 14), True),
        (None, None, None, None, None),
        ("", 3, Decimal("-0.2500"), date(2025, 6, 30), False),
    ]
    engine = _StandIn(
        [
            ("code", "VARCHAR"),
            ("n", "BIGINT"),
            ("credit", "DECIMAL(12, 4)"),
            ("d", "DATE"),
            ("ok", "BOOLEAN"),
        ],
        rows,
    )
    con = duckdb.connect(str(tmp_path / "run.duckdb"))
    assert copy_relation(engine, con, "marts", "m") == 3
    assert engine.batch_sizes == [2, 1]
    assert con.execute("select * from marts.m").fetchall() == rows
    types = con.execute("select data_type from information_schema.columns where table_name = 'm'").fetchall()
    assert [t[0] for t in types] == ["VARCHAR", "BIGINT", "DECIMAL(12,4)", "DATE", "BOOLEAN"]
    # the text of a decimal is DuckDB's, as in a DuckDB run
    assert con.execute("select cast(credit as varchar) from marts.m where n = 1").fetchone()[0] == "1.5000"


def test_mirror_takes_the_models_of_the_run_the_seeds_and_the_schools() -> None:
    manifest = {
        "nodes": {
            "model.a": {"resource_type": "model", "name": "kecs_lead__detail", "schema": "marts"},
            "model.b": {"resource_type": "model", "name": "int_x", "schema": "intermediate"},
            "model.c": {"resource_type": "model", "name": "stg_ic__school", "schema": "staging"},
            "seed.d": {"resource_type": "seed", "name": "kecs_issue_catalog", "schema": "reference"},
        }
    }
    assert relations(manifest, ["kecs_lead__detail"]) == [
        ("marts", "kecs_lead__detail"),
        ("reference", "kecs_issue_catalog"),
        ("staging", "stg_ic__school"),
    ]
    # a seed or the schools that the build did not make are not asked for
    assert relations(manifest, ["kecs_lead__detail"], built={"model.a", "model.c"}) == [
        ("marts", "kecs_lead__detail"),
        ("staging", "stg_ic__school"),
    ]


def test_profile_outputs_read_their_connection_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SIS_EXTRACTS_PG_PORT", "6543")
    monkeypatch.setenv("SIS_EXTRACTS_PG_DBNAME", "district_warehouse")
    pg = target_settings(REPO, "postgres")
    assert (pg["type"], pg["port"], pg["dbname"]) == ("postgres", 6543, "district_warehouse")
    assert target_settings(REPO, "duckdb")["type"] == "duckdb"


def test_raw_is_required_on_duckdb_and_load_refuses_duckdb(cli_run, tmp_path: Path) -> None:
    res = cli_run(["kecs-lead", "--out", tmp_path / "out"])
    assert res.code == 2 and "--raw DIR is required" in res.stderr
    assert not (tmp_path / "out").exists()
    res = cli_run(["load", "--target", "duckdb", "--raw", tmp_path])
    assert res.code == 2 and "postgres" in res.stderr


class _Recorder:
    """An engine that keeps what `load` sends it."""

    def __init__(self) -> None:
        self.tables: dict[str, tuple[list[str], list[tuple]]] = {}

    def load(self, schema: str, table: str, columns: list[str], batches) -> int:
        rows = [r for b in batches for r in zip(*(c.to_pylist() for c in b.columns), strict=True)]
        self.tables[f"{schema}.{table}"] = (columns, rows)
        return len(rows)


def test_load_sends_every_contract_table_as_landed_text(raw_district: Path) -> None:
    import csv

    from sis_extracts.engines.load import load_raw
    from sis_extracts.export.progress import Progress

    engine = _Recorder()
    loaded = load_raw(engine, REPO, raw_district, "district_raw", Progress("load", quiet=True))
    assert loaded.schema == "district_raw" and len(loaded.tables) >= 20
    cols, rows = engine.tables["district_raw.person"]
    with (raw_district / "person.csv").open(newline="", encoding="utf-8-sig") as fh:
        records = list(csv.DictReader(fh))
    assert len(rows) == len(records) == loaded.tables["person"]
    # values arrive as the file's text, by column name (leading zeros, dates as written)
    first = dict(zip(cols, rows[0], strict=True))
    assert first["personID"] == records[0]["personID"]


def test_load_stops_on_a_bad_folder_with_the_message_of_a_duckdb_run(
    raw_district: Path, tmp_path: Path, cli_run
) -> None:
    import shutil

    from sis_extracts.engines.load import load_raw
    from sis_extracts.export.errors import RawInputError
    from sis_extracts.export.progress import Progress

    bad = tmp_path / "raw"
    shutil.copytree(raw_district, bad)
    lines = (bad / "person.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    drop = header.index("currentIdentityID")
    (bad / "person.csv").write_text(
        "\n".join(",".join(v for i, v in enumerate(ln.split(",")) if i != drop) for ln in lines) + "\n",
        encoding="utf-8",
    )
    with pytest.raises(RawInputError) as err:
        load_raw(_Recorder(), REPO, bad, "raw", Progress("load", quiet=True))
    assert "currentIdentityID" in str(err.value)
    duck = cli_run(["kecs-lead", "--raw", bad, "--out", tmp_path / "out", "--quiet"])
    assert duck.code == 3 and str(err.value).splitlines()[0] in duck.stderr


def test_a_failed_gate_says_where_its_rows_are_on_each_engine(tmp_path: Path) -> None:
    from sis_extracts.export.dbt_runner import BuildOutcome

    def outcome(target: str) -> BuildOutcome:
        return BuildOutcome(
            tmp_path, tmp_path / "run.duckdb", tmp_path, tmp_path / "dbt.log", target_name=target
        )

    assert str(tmp_path / "run.duckdb") in outcome("duckdb").failing_rows_at
    assert "one view per test" in outcome("duckdb").failing_rows_at
    on_pg = outcome("postgres").failing_rows_at
    assert "postgres database" in on_pg and "one table per test" in on_pg and "run.duckdb" not in on_pg


def test_spark_column_types_read_as_the_duckdb_types_of_a_duckdb_run() -> None:
    from sis_extracts.engines.spark_engine import duckdb_type

    class _T:  # a pyspark DataType answers simpleString()
        def __init__(self, s: str) -> None:
            self.s = s

        def simpleString(self) -> str:  # pyspark's name
            return self.s

    got = {
        s: duckdb_type(_T(s)) for s in ("string", "int", "bigint", "decimal(12,4)", "decimal(38,4)", "date")
    }
    assert got == {
        "string": "VARCHAR",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "decimal(12,4)": "DECIMAL(12, 4)",
        "decimal(38,4)": "DECIMAL(38, 4)",
        "date": "DATE",
    }
    assert duckdb_type("boolean") == "BOOLEAN"
