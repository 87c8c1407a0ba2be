"""What a mart's file looks like, from target/manifest.json and the mart relation itself.

- column order: the relation's (the mart's columns, in order, are the file's columns);
- header text: the column's `meta.header`; columns with `meta.export: false` are not written;
- file name: the model's `meta.file_name` (KECS LEAD marts, R4.BR1: the one place the names are
  spelled; the Illinois names come from the rows of il_sca__file_header);
- row order: the model's `meta.export_order_by`, then, so that ties are broken the same way on
  every run (byte-identical files for identical input), the columns of the mart's unique key when
  a data test of this build proves one (a `unique` or `sis_unique_combination` test on the mart
  that did not fail), else every exported column (a sort on a few keys instead of on every column
  of millions of rows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from sis_extracts.export.errors import InternalError


@dataclass(frozen=True)
class Column:
    name: str
    header: str


@dataclass
class MartSpec:
    model: str
    relation: str
    columns: list[Column]  # exported, in file order
    order_by: list[str]  # column names
    all_columns: list[str]  # every column of the relation (exported or not)
    warnings: list[str] = field(default_factory=list)
    unique_key: list[str] | None = None  # columns a passed data test proves unique, if any
    file_name: str | None = None  # meta.file_name (e.g. KECS_LEAD_Detail.csv), if the mart names its file

    def has_column(self, name: str) -> bool:
        return name in self.all_columns


def load_manifest(path: Path) -> dict:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise InternalError(f"cannot read dbt's manifest {path}: {exc}") from None


def _meta(d: dict) -> dict:
    out = dict(d.get("meta") or {})
    out.update((d.get("config") or {}).get("meta") or {})
    return out


def _truthy_false(v: object) -> bool:
    return v is False or (isinstance(v, str) and v.strip().lower() in ("false", "no", "0"))


def find_node(manifest: dict, model: str) -> dict:
    for node in manifest.get("nodes", {}).values():
        if node.get("resource_type") == "model" and node.get("name") == model:
            return node
    raise InternalError(f"the dbt project has no model {model}.")


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def unique_keys(manifest: dict, node: dict) -> list[tuple[str, list[str]]]:
    """(test name, columns) of every uniqueness data test attached to a model."""
    out = []
    for test in manifest.get("nodes", {}).values():
        if test.get("resource_type") != "test" or test.get("attached_node") != node.get("unique_id"):
            continue
        meta = test.get("test_metadata") or {}
        kwargs = meta.get("kwargs") or {}
        if meta.get("name") == "sis_unique_combination" and kwargs.get("columns"):
            out.append((test["name"], [str(c) for c in kwargs["columns"]]))
        elif meta.get("name") == "unique" and kwargs.get("column_name"):
            out.append((test["name"], [str(kwargs["column_name"])]))
    return sorted(out, key=lambda t: (len(t[1]), t[0]))


def passed_tests(run_results: Path) -> frozenset[str]:
    """Names of the data tests that passed in the build whose run_results.json this is."""
    try:
        results = json.loads(run_results.read_text("utf-8")).get("results", [])
    except (OSError, ValueError):
        return frozenset()
    return frozenset(
        r["unique_id"].split(".")[2]
        for r in results
        if r.get("unique_id", "").startswith("test.") and r.get("status") == "pass"
    )


def mart_spec(
    manifest: dict, model: str, con: duckdb.DuckDBPyConnection, *, passed: frozenset[str] = frozenset()
) -> MartSpec:
    """The mart's file layout. `passed`: the data tests that passed in the build that made the
    mart; only a uniqueness test among them proves a unique key to break ties with."""
    node = find_node(manifest, model)
    # schema.name in the run's database: the DuckDB file dbt built in, or the local copy of a build
    # on another engine (engines/mirror.py), whose catalog and quoting differ from the engine's
    relation = ".".join(quote_ident(p) for p in (node["schema"], node.get("alias") or node["name"]))
    try:
        described = con.execute(f"describe {relation}").fetchall()
    except duckdb.Error as exc:
        raise InternalError(f"mart {model} was not built ({str(exc).splitlines()[0]}).") from None
    rel_cols = [r[0] for r in described]
    yml_cols = {name.lower(): col for name, col in (node.get("columns") or {}).items()}
    columns: list[Column] = []
    warnings: list[str] = []
    no_header: list[str] = []
    for c in rel_cols:
        meta = _meta(yml_cols.get(c.lower(), {}))
        if _truthy_false(meta.get("export", True)):
            continue
        header = meta.get("header")
        if not header:
            no_header.append(c)
            header = c
        columns.append(Column(c, str(header)))
    if no_header:
        warnings.append(
            f"{model}: {len(no_header)} column(s) have no meta.header, so their column names are the "
            f"header text: {', '.join(no_header)}."
        )
    order_by = _meta(node).get("export_order_by") or []
    if isinstance(order_by, str):
        order_by = [order_by]
    lower = {c.lower(): c for c in rel_cols}
    resolved = []
    for o in order_by:
        if str(o).lower() not in lower:
            raise InternalError(f"{model}: export_order_by names {o}, which is not a column of the mart.")
        resolved.append(lower[str(o).lower()])
    if not order_by:
        warnings.append(f"{model} has no meta.export_order_by; rows are ordered by every column in turn.")
    key = next(
        (
            [lower[c.lower()] for c in cols]
            for name, cols in unique_keys(manifest, node)
            if name in passed and all(c.lower() in lower for c in cols)
        ),
        None,
    )
    file_name = _meta(node).get("file_name")
    return MartSpec(
        model, relation, columns, resolved, rel_cols, warnings, key, str(file_name) if file_name else None
    )


def relation_exists(con: duckdb.DuckDBPyConnection, relation: str) -> bool:
    """`schema.table` is a table or view of the run's database."""
    schema, name = relation.split(".", 1)
    return bool(
        con.execute(
            "select count(*) from information_schema.tables where table_schema = ? and table_name = ?",
            [schema, name],
        ).fetchone()[0]
    )


def rows_as_dicts(con: duckdb.DuckDBPyConnection, sql: str, params: list | tuple = ()) -> list[dict]:
    """The rows of a query as dicts by column name (the run summary, explain)."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
