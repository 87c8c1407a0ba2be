"""Apache Spark through pyspark: the local session dbt-spark's `session` method runs the models in, the
raw-table loader and the streaming reader of a query.

dbt-spark (method `session`) builds its session with ``SparkSession.builder.enableHiveSupport()`` and the
profile's ``server_side_parameters`` (profiles/profiles.yml, output `spark`), then ``getOrCreate()`` for
every statement. :func:`spark_conf` is the same list of settings, read from the same environment
variables, so that the loader, dbt and the exporter open one catalog:

- tables are parquet files under ``<SIS_EXTRACTS_SPARK_WAREHOUSE>/warehouse``,
- the catalog is a Hive metastore in embedded Derby at ``<SIS_EXTRACTS_SPARK_WAREHOUSE>/metastore_db``
  (``derby.log`` beside it), so what one process loads a later process sees; Derby lets one process
  (JVM) at a time open it,
- dbt-spark sets ``spark.sql.ansi.enabled=false`` itself (it overrides the profile); the loader does the
  same so that SQL reads alike in every process.

pyspark is not a dependency of the DuckDB install: it is imported only when a session is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    from pyspark.sql import SparkSession

DEFAULT_WAREHOUSE = "target/spark"

# rows sent to Spark in one write: the arrow batches are gathered up to this many rows, so that a
# large table is neither one write per small batch nor held whole in memory
ROWS_PER_WRITE = 500_000


def warehouse_folder(warehouse_dir: Path | str | None = None) -> Path:
    """The folder of the Spark catalog: `warehouse_dir`, else SIS_EXTRACTS_SPARK_WAREHOUSE, else
    target/spark, made absolute (the profile's relative default is read from the working directory)."""
    chosen = warehouse_dir if warehouse_dir is not None else os.environ.get(
        "SIS_EXTRACTS_SPARK_WAREHOUSE", DEFAULT_WAREHOUSE
    )
    return Path(chosen).expanduser().absolute()


def spark_conf(warehouse_dir: Path | str | None = None) -> dict[str, str]:
    """The Spark settings of the profile's `spark` output (server_side_parameters), plus the ANSI
    setting dbt-spark forces."""
    folder = warehouse_folder(warehouse_dir)
    env = os.environ.get
    return {
        "spark.master": env("SIS_EXTRACTS_SPARK_MASTER", "local[2]"),
        "spark.driver.memory": env("SIS_EXTRACTS_SPARK_DRIVER_MEMORY", "4g"),
        "spark.sql.warehouse.dir": f"{folder}/warehouse",
        "spark.hadoop.javax.jdo.option.ConnectionURL": (
            f"jdbc:derby:;databaseName={folder}/metastore_db;create=true"
        ),
        "spark.driver.extraJavaOptions": f"-Dderby.system.home={folder}",
        "spark.sql.shuffle.partitions": env("SIS_EXTRACTS_SPARK_SHUFFLE_PARTITIONS", "4"),
        "spark.sql.files.maxPartitionBytes": "32m",
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.log.level": "ERROR",
        "spark.sql.ansi.enabled": "false",
    }


def session(warehouse_dir: Path | None = None) -> SparkSession:
    """The SparkSession of this process, with the profile's settings (one per process: a session that
    already runs is returned as it is, as dbt-spark's getOrCreate does)."""
    from pyspark.sql import SparkSession

    folder = warehouse_folder(warehouse_dir)
    folder.mkdir(parents=True, exist_ok=True)
    builder = SparkSession.builder.enableHiveSupport()
    for key, value in spark_conf(folder).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def quote(name: str) -> str:
    """A Spark SQL identifier: `name` in backticks (a backtick inside doubled)."""
    return "`" + name.replace("`", "``") + "`"


def _gathered(batches: Iterable[pyarrow.RecordBatch], rows: int) -> Iterator[list[pyarrow.RecordBatch]]:
    """The batches in groups of about `rows` rows (the last group may be smaller; none when no batch)."""
    group: list[pyarrow.RecordBatch] = []
    n = 0
    for batch in batches:
        if batch.num_rows == 0:
            continue
        group.append(batch)
        n += batch.num_rows
        if n >= rows:
            yield group
            group, n = [], 0
    if group:
        yield group


def load_table(
    spark: SparkSession,
    schema: str,
    table: str,
    columns: list[str],
    batches: Iterable[pyarrow.RecordBatch],
) -> int:
    """Create or replace `schema`.`table` (parquet, in the session's warehouse) with STRING columns
    named `columns`, in that order, from the arrow batches (whose columns are those, in that order,
    every value already text or None). Returns the number of rows loaded; no batch = an empty table."""
    import pyarrow as pa
    from pyspark.sql.types import StringType, StructField, StructType

    struct = StructType([StructField(c, StringType(), True) for c in columns])
    arrow_schema = pa.schema([pa.field(c, pa.string()) for c in columns])
    target = f"{quote(schema)}.{quote(table)}"
    spark.sql(f"create schema if not exists {quote(schema)}")
    spark.sql(f"drop table if exists {target}")
    column_list = ", ".join(f"{quote(c)} string" for c in columns)
    spark.sql(f"create table {target} ({column_list}) using parquet")
    # each batch as text columns named `columns` (an all-NULL column may come as arrow type null)
    as_text = (
        pa.RecordBatch.from_arrays([column.cast(pa.string()) for column in batch.columns], schema=arrow_schema)
        for batch in batches
    )
    loaded = 0
    for group in _gathered(as_text, ROWS_PER_WRITE):
        arrow_table = pa.Table.from_batches(group, schema=arrow_schema)
        spark.createDataFrame(arrow_table, schema=struct).write.insertInto(target)
        loaded += arrow_table.num_rows
    return loaded


def iter_rows(spark: SparkSession, sql: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """The column names and the rows of a query, streamed to this process one partition at a time
    (DataFrame.toLocalIterator: the rows are never collected whole); in the query's order."""
    frame = spark.sql(sql)
    names = list(frame.columns)
    return names, (tuple(row) for row in frame.toLocalIterator())
