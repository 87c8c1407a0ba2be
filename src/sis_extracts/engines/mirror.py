"""After a build on PostgreSQL or Spark: the relations the export reads, streamed from the engine
into the run's local DuckDB file under the same schema and name.

The writer, the run summary, the review pages, `explain` and `diff` then read the run as they read
a DuckDB run, so the files are written by the same code from the same values. Rows come through
the engine's client a batch at a time (Engine.batches) and go to disk batch by batch: memory holds
one batch, never a relation.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb
import pyarrow as pa

from sis_extracts.engines import Engine
from sis_extracts.export.progress import Progress

# the few relations besides the run's models that the export reads: the code-list seeds (Issues
# catalogs, the Illinois state scores of the review) and the schools (diff names them)
EXTRA_MODELS = ("stg_ic__school",)

_ARROW = {
    "VARCHAR": pa.string(),
    "SMALLINT": pa.int16(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
    "DOUBLE": pa.float64(),
    "FLOAT": pa.float32(),
}


def _arrow_type(duck: str) -> pa.DataType:
    if duck.startswith("DECIMAL("):
        p, s = (int(x) for x in duck[len("DECIMAL(") : -1].split(","))
        return pa.decimal128(p, s)
    return _ARROW[duck]


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def relations(
    manifest: dict, models: Iterable[str], built: Iterable[str] | None = None
) -> list[tuple[str, str]]:
    """(schema, name) of each model in `models`, of EXTRA_MODELS and of the seeds, as dbt built
    them; with `built` (unique IDs of the nodes the build made), only the extras and seeds among them."""
    wanted = set(models)
    made = set(built) if built is not None else None
    out = []
    for uid, node in manifest.get("nodes", {}).items():
        kind = node.get("resource_type")
        extra = (kind == "model" and node.get("name") in EXTRA_MODELS) or kind == "seed"
        if (kind == "model" and node.get("name") in wanted) or (extra and (made is None or uid in made)):
            out.append((node["schema"], node.get("alias") or node["name"]))
    return sorted(set(out))


def built_nodes(run_results: Path) -> set[str]:
    """Unique IDs of the nodes a build made (run_results.json)."""
    import json

    results = json.loads(run_results.read_text("utf-8")).get("results", [])
    return {r["unique_id"] for r in results if r.get("status") in ("success", "pass")}


def copy_relation(engine: Engine, con: duckdb.DuckDBPyConnection, schema: str, table: str) -> int:
    """One relation from the engine into the local database; returns its row count."""
    cols = engine.columns(schema, table)
    names = [c for c, _ in cols]
    arrow_schema = pa.schema([(c, _arrow_type(t)) for c, t in cols])
    con.execute(f"create schema if not exists {_q(schema)}")
    con.execute(
        f"create or replace table {_q(schema)}.{_q(table)} ({', '.join(f'{_q(c)} {t}' for c, t in cols)})"
    )
    n = 0
    for rows in engine.batches(schema, table, names):
        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
        batch = pa.Table.from_arrays(
            [pa.array(list(v), type=f.type) for v, f in zip(columns, arrow_schema, strict=True)],
            schema=arrow_schema,
        )
        con.register("_sis_batch", batch)
        con.execute(f"insert into {_q(schema)}.{_q(table)} select * from _sis_batch")
        con.unregister("_sis_batch")
        n += len(rows)
    return n


def mirror(
    engine: Engine,
    manifest: dict,
    models: Iterable[str],
    db_path: Path,
    progress: Progress,
    built: Iterable[str] | None = None,
) -> int:
    """Every relation the export reads, into `db_path`; returns the rows copied."""
    rels = relations(manifest, models, built)
    progress.step(f"streaming {len(rels)} relations from the engine into {db_path.name}")
    total = 0
    con = duckdb.connect(str(db_path))
    try:
        con.execute("set preserve_insertion_order = true")
        for schema, table in rels:
            total += copy_relation(engine, con, schema, table)
    finally:
        con.close()
    progress.step(f"streamed {total:,} rows")
    return total
