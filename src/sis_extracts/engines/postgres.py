"""PostgreSQL through psycopg2 (installed with dbt-postgres): rows out through a server-side
(named) cursor, raw tables in through COPY ... FROM STDIN."""

from __future__ import annotations

import io
from collections.abc import Iterator

from sis_extracts.export.errors import InternalError, UsageError

BATCH_ROWS = 50_000
UNCONSTRAINED_NUMERIC = "DECIMAL(38, 4)"

# information_schema data_type -> DuckDB type (numeric with its declared precision and scale)
_TYPES = {
    "text": "VARCHAR",
    "character varying": "VARCHAR",
    "character": "VARCHAR",
    "smallint": "SMALLINT",
    "integer": "INTEGER",
    "bigint": "BIGINT",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp without time zone": "TIMESTAMP",
    "timestamp with time zone": "TIMESTAMPTZ",
    "double precision": "DOUBLE",
    "real": "FLOAT",
}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_text(value: object) -> str:
    """A value in COPY's text format (NULL is \\N; backslash, tab and line ends escaped)."""
    if value is None:
        return "\\N"
    s = str(value)
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class PostgresEngine:
    def __init__(self, settings: dict) -> None:
        try:
            import psycopg2
        except ImportError:
            raise UsageError(
                "the PostgreSQL client (psycopg2) is not installed.",
                hint="Install the PostgreSQL extra: pip install 'sis-extracts[postgres]'.",
            ) from None
        where = f"{settings.get('host')}:{settings.get('port')} database {settings.get('dbname')}"
        try:
            self.con = psycopg2.connect(
                host=settings.get("host"),
                port=settings.get("port"),
                user=settings.get("user"),
                password=settings.get("password") or None,
                dbname=settings.get("dbname"),
            )
        except psycopg2.Error as exc:
            raise UsageError(
                f"cannot connect to PostgreSQL at {where}: {str(exc).strip().splitlines()[0]}",
                hint="Check SIS_EXTRACTS_PG_HOST, SIS_EXTRACTS_PG_PORT, SIS_EXTRACTS_PG_USER, "
                "SIS_EXTRACTS_PG_PASSWORD and SIS_EXTRACTS_PG_DBNAME.",
            ) from None
        self._cursors = 0
        self._rounded: set[tuple[str, str, str]] = set()

    def columns(self, schema: str, table: str) -> list[tuple[str, str]]:
        with self.con.cursor() as cur:
            cur.execute(
                "select column_name, data_type, numeric_precision, numeric_scale "
                "from information_schema.columns where table_schema = %s and table_name = %s "
                "order by ordinal_position",
                (schema, table),
            )
            rows = cur.fetchall()
        if not rows:
            raise InternalError(f"{schema}.{table} was not built on PostgreSQL.")
        out = []
        for name, data_type, precision, scale in rows:
            if data_type == "numeric" and precision:
                duck = f"DECIMAL({precision}, {scale})"
            elif data_type == "numeric":
                # an unconstrained numeric (a sum or a case over the decimal(12, 4) raw values) is
                # read at the scale the project's decimals have, as DuckDB types it: decimal(38, 4)
                duck = UNCONSTRAINED_NUMERIC
                self._rounded.add((schema, table, name))
            else:
                duck = _TYPES.get(data_type, "VARCHAR")
            out.append((name, duck))
        return out

    def batches(self, schema: str, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        self._cursors += 1
        # a named cursor lives on the server: rows come BATCH_ROWS at a time
        with self.con.cursor(name=f"sis_extracts_{self._cursors}") as cur:
            cur.itersize = BATCH_ROWS
            items = [
                f"cast({_ident(c)} as numeric(38, 4))" if (schema, table, c) in self._rounded else _ident(c)
                for c in columns
            ]
            cur.execute(f"select {', '.join(items)} from {_ident(schema)}.{_ident(table)}")
            while rows := cur.fetchmany(BATCH_ROWS):
                yield rows
        self.con.commit()

    def load(self, schema: str, table: str, columns: list[str], batches: Iterator) -> int:
        rel = f"{_ident(schema)}.{_ident(table)}"
        n = 0
        with self.con.cursor() as cur:
            cur.execute(f"create schema if not exists {_ident(schema)}")
            cur.execute(f"drop table if exists {rel}")
            cur.execute(f"create table {rel} ({', '.join(f'{_ident(c)} text' for c in columns)})")
            copy = f"copy {rel} ({', '.join(_ident(c) for c in columns)}) from stdin"
            for batch in batches:
                cols = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
                buf = io.StringIO()
                for row in zip(*cols, strict=True):
                    buf.write("\t".join(_copy_text(v) for v in row) + "\n")
                buf.seek(0)
                cur.copy_expert(copy, buf)
                n += batch.num_rows
        self.con.commit()
        return n

    def close(self) -> None:
        self.con.close()
