"""The Spark engine module (sis_extracts.engines.spark): its settings are the profile's, and the loader
and the streaming reader work on a real local Spark session (skipped when pyspark or Java is missing;
`scripts/engines spark` installs both).

The session test runs two processes, as the CLI does (`load` then a build): the first loads tables,
the second opens the same folder and reads them back, so it proves that the catalog (Hive metastore
in Derby) and the tables (parquet) live in the folder and outlive the process that wrote them."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import jinja2
import pyarrow as pa
import pytest
import yaml

from sis_extracts.engines import spark as engine

REPO = Path(__file__).resolve().parents[2]


def _profile_spark_parameters(env: dict[str, str]) -> dict[str, str]:
    """The `spark` output's server_side_parameters of profiles/profiles.yml, its env_var() calls read
    from `env` (with their defaults), as dbt renders them."""

    def env_var(name: str, default: str | None = None) -> str:
        if name in env:
            return env[name]
        if default is None:
            raise KeyError(name)
        return default

    text = jinja2.Environment().from_string((REPO / "profiles" / "profiles.yml").read_text()).render(
        env_var=env_var
    )
    outputs = yaml.safe_load(text)["sis_extracts"]["outputs"]
    spark = outputs["spark"]
    assert spark["type"] == "spark" and spark["method"] == "session"
    return {str(k): str(v) for k, v in spark["server_side_parameters"].items()}


def test_profile_and_module_open_the_same_session(tmp_path, monkeypatch):
    """Every setting of the profile is the module's, and the other way round (except the ANSI switch,
    which dbt-spark sets itself): the loader, dbt and the exporter share one catalog."""
    env = {
        "SIS_EXTRACTS_SPARK_WAREHOUSE": str(tmp_path / "spark"),
        "SIS_EXTRACTS_SPARK_DRIVER_MEMORY": "3g",
        "SIS_EXTRACTS_SPARK_SHUFFLE_PARTITIONS": "7",
        "SIS_EXTRACTS_SPARK_MASTER": "local[3]",
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    from_module = engine.spark_conf()
    assert from_module.pop("spark.sql.ansi.enabled") == "false"
    assert _profile_spark_parameters(env) == from_module
    assert from_module["spark.sql.warehouse.dir"] == f"{tmp_path}/spark/warehouse"
    assert f"databaseName={tmp_path}/spark/metastore_db;" in from_module[
        "spark.hadoop.javax.jdo.option.ConnectionURL"
    ]
    assert from_module["spark.driver.memory"] == "3g"
    assert from_module["spark.sql.shuffle.partitions"] == "7"


def test_defaults_live_under_target(monkeypatch):
    for key in list(os.environ):
        if key.startswith("SIS_EXTRACTS_SPARK_"):
            monkeypatch.delenv(key)
    conf = engine.spark_conf()
    assert conf["spark.sql.warehouse.dir"] == f"{Path('target/spark').absolute()}/warehouse"
    assert engine.warehouse_folder("x") == Path("x").absolute()
    # the profile's defaults, rendered without any variable, are the module's (relative to the
    # working directory, where dbt runs)
    profile = _profile_spark_parameters({})
    assert profile["spark.sql.warehouse.dir"] == "target/spark/warehouse"
    assert profile["spark.master"] == conf["spark.master"]


def test_batches_are_gathered_into_writes():
    def batch(n: int) -> pa.RecordBatch:
        return pa.record_batch([pa.array([str(i) for i in range(n)])], names=["a"])

    groups = list(engine._gathered([batch(3), batch(0), batch(4), batch(2), batch(5)], rows=6))
    assert [[b.num_rows for b in g] for g in groups] == [[3, 4], [2, 5]]
    assert list(engine._gathered([], rows=6)) == []
    assert list(engine._gathered([batch(0)], rows=6)) == []


def test_identifiers_are_quoted_for_spark():
    assert engine.quote("districtID") == "`districtID`"
    assert engine.quote("we`ird") == "`we``ird`"


_HAVE_SPARK = importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None

_LOAD = """
import json, sys
import pyarrow as pa
from sis_extracts.engines import spark as engine
spark = engine.session()
columns = ["personID", "lastName", "date"]
batches = [
    pa.record_batch([pa.array(["2", "1"]), pa.array(["O'Neil", None]), pa.array(["2024-08-14", ""])],
                    names=["a", "b", "c"]),
    pa.record_batch([pa.array(["3"]), pa.array(["back\\\\slash"]), pa.array([None])], names=["a", "b", "c"]),
]
n = engine.load_table(spark, "raw", "person", columns, iter(batches))
# loading again replaces the table
n = engine.load_table(spark, "raw", "person", columns, iter(batches))
empty = engine.load_table(spark, "raw", "lep", ["personID", "exitDate"], iter([]))
print(json.dumps({"rows": n, "empty": empty}))
"""

_READ = """
import json
from sis_extracts.engines import spark as engine
spark = engine.session()
names, rows = engine.iter_rows(spark, "select * from raw.person order by `personID` desc")
types = [f.dataType.simpleString() for f in spark.table("raw.person").schema.fields]
lep = spark.table("raw.lep")
print(json.dumps({"names": names, "rows": [list(r) for r in rows], "types": types,
                  "lep": [lep.columns, lep.count()], "lazy": type(rows).__name__}))
"""


def _run(code: str, env: dict[str, str], cwd: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        check=False, env=env, cwd=cwd, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not _HAVE_SPARK, reason="pyspark or java not installed (scripts/engines spark)")
def test_tables_loaded_by_one_process_are_read_by_the_next(tmp_path):
    env = dict(os.environ)
    env["SIS_EXTRACTS_SPARK_WAREHOUSE"] = str(tmp_path / "spark")
    env["SIS_EXTRACTS_SPARK_MASTER"] = "local[1]"
    env["SIS_EXTRACTS_SPARK_DRIVER_MEMORY"] = "1g"
    env["PYTHONPATH"] = os.pathsep.join([str(REPO / "src"), env.get("PYTHONPATH", "")])
    # run from another folder: nothing may land in the working directory (no metastore_db, no
    # spark-warehouse, no derby.log)
    work = tmp_path / "cwd"
    work.mkdir()
    loaded = _run(_LOAD, env, work)
    assert loaded == {"rows": 3, "empty": 0}
    read = _run(_READ, env, work)
    assert read["names"] == ["personID", "lastName", "date"]
    assert read["rows"] == [["3", "back\\slash", None], ["2", "O'Neil", "2024-08-14"], ["1", None, ""]]
    assert read["types"] == ["string", "string", "string"]
    assert read["lep"] == [["personID", "exitDate"], 0]
    assert read["lazy"] == "generator"
    assert list(work.iterdir()) == []
    assert (tmp_path / "spark" / "metastore_db").is_dir()
    assert (tmp_path / "spark" / "warehouse" / "raw.db" / "person").is_dir()
