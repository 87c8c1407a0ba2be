"""Apache Spark as an Engine (engines/__init__.py): the session of engines/spark.py, which the
loader, dbt-spark (method `session`, in the same process) and the exporter share."""

from __future__ import annotations

from collections.abc import Iterator

from sis_extracts.export.errors import InternalError, UsageError

BATCH_ROWS = 50_000


def duckdb_type(spark_type: object) -> str:
    """The DuckDB type of a Spark SQL column type (its simpleString: 'string', 'decimal(12,4)', ...)."""
    name = spark_type.simpleString() if hasattr(spark_type, "simpleString") else str(spark_type)
    if name.startswith("decimal("):
        return "DECIMAL(" + name[len("decimal(") :].replace(",", ", ")
    return {
        "string": "VARCHAR",
        "tinyint": "TINYINT",
        "smallint": "SMALLINT",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "boolean": "BOOLEAN",
        "date": "DATE",
        "timestamp": "TIMESTAMP",
        "timestamp_ntz": "TIMESTAMP",
        "double": "DOUBLE",
        "float": "FLOAT",
    }.get(name.split("(")[0], "VARCHAR")


class SparkEngine:
    def __init__(self, settings: dict) -> None:
        try:
            from sis_extracts.engines.spark import session
        except ImportError:
            raise UsageError(
                "the Spark client (pyspark) is not installed.",
                hint="Install the Spark extra (pip install 'sis-extracts[spark]') and Java 17.",
            ) from None
        self.spark = session()

    def columns(self, schema: str, table: str) -> list[tuple[str, str]]:
        from sis_extracts.engines.spark import quote

        try:
            fields = self.spark.table(f"{quote(schema)}.{quote(table)}").schema.fields
        except Exception as exc:  # noqa: BLE001 - pyspark raises its own AnalysisException
            raise InternalError(f"{schema}.{table} was not built on Spark ({type(exc).__name__}).") from None
        return [(f.name, duckdb_type(f.dataType)) for f in fields]

    def batches(self, schema: str, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        from sis_extracts.engines.spark import iter_rows, quote

        _, rows = iter_rows(
            self.spark, f"select {', '.join(quote(c) for c in columns)} from {quote(schema)}.{quote(table)}"
        )
        batch: list[tuple] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch

    def load(self, schema: str, table: str, columns: list[str], batches: Iterator) -> int:
        from sis_extracts.engines.spark import load_table

        return load_table(self.spark, schema, table, columns, batches)

    def close(self) -> None:
        # the session stays for the process (dbt-spark's session method shares it); nothing to close
        return None
