"""Records of one report in two runs, compared in DuckDB (in memory, spilling to disk when large),
so that no file is loaded whole into Python: only the changes come back.

Records are matched by the report's key. Identical records (every column but the run's time
stamp equal) are matched first, occurrence by occurrence; the other records of one key are then
paired in file order: a pair is a changed record, a record left over is added or removed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import duckdb

from sis_extracts.diff.records import RUN_STAMP_COLUMNS, Change, FileSource, Layout, ReportDiff
from sis_extracts.export.errors import UsageError
from sis_extracts.export.marts import quote_ident
from sis_extracts.export.writer import sql_str

_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")


@dataclass
class _Cols:
    all: list[str]  # c0..cN-1, file order
    key: list[str]
    compared: list[str]


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    threads = os.environ.get("SIS_EXTRACTS_THREADS", "").strip()
    if threads.isdigit() and int(threads) > 0:
        con.execute(f"set threads = {int(threads)}")
    if os.environ.get("SIS_EXTRACTS_MEMORY_LIMIT"):
        con.execute(f"set memory_limit = {sql_str(os.environ['SIS_EXTRACTS_MEMORY_LIMIT'])}")
    con.execute("set preserve_insertion_order = true")
    return con


def _load(con: duckdb.DuckDBPyConnection, table: str, sources: list[FileSource], cols: _Cols) -> None:
    """One table of the records of every file: src (file), ln (line), c0.. ('' for blank)."""
    spec = "{" + ", ".join(f"{sql_str(c)}: 'VARCHAR'" for c in cols.all) + "}"
    values = ", ".join(f"coalesce({quote_ident(c)}, '') as {quote_ident(c)}" for c in cols.all)
    blank = ", ".join(f"''::varchar as {quote_ident(c)}" for c in cols.all)
    con.execute(f"create temp table {table} as select 0::integer as src, 0::bigint as ln, {blank} limit 0")
    for i, s in enumerate(sources):
        reader = (
            f"read_csv({sql_str(str(s.path))}, delim={sql_str(s.delimiter)}, quote='\"', escape='\"', "
            f"header=false, skip={s.skip}, columns={spec}, auto_detect=false)"
        )
        try:
            con.execute(
                f"insert into {table} select {i}, row_number() over () + {s.skip}, {values} from {reader}"
            )
        except duckdb.Error as exc:
            m = _CSV_LINE.search(str(exc))
            where = f"line {m.group(1)}" if m else "a line"
            raise UsageError(
                f"{s.path}: {where} does not have the {len(cols.all)} fields of the report {s.layout.mart} "
                "(or cannot be read as the file sis-extracts writes).",
                hint="Compare files as sis-extracts wrote them (not edited by hand).",
            ) from None


def compare_sources(layout: Layout, label: str, old: list[FileSource], new: list[FileSource]) -> ReportDiff:
    """The records added, removed and changed between the files of one report of two runs."""
    cols = _Cols(
        [f"c{i}" for i in range(len(layout.names))],
        [f"c{layout.names.index(k)}" for k in layout.key],
        [f"c{i}" for i, n in enumerate(layout.names) if n not in RUN_STAMP_COLUMNS],
    )
    q = {c: quote_ident(c) for c in cols.all}
    same_row = ", ".join(q[c] for c in cols.compared)
    key = ", ".join(q[c] for c in cols.key)
    on_key = " and ".join(f"o.{q[c]} = n.{q[c]}" for c in cols.key)
    con = _connect()
    try:
        _load(con, "o", old, cols)
        _load(con, "n", new, cols)
        before, after = (con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("o", "n"))
        for t in ("o", "n"):  # the k-th identical record of one run matches the k-th of the other
            con.execute(
                f"create temp table {t}2 as select *, row_number() over (partition by {same_row} "
                f"order by src, ln) as occ from {t}"
            )
        on_same = " and ".join(f"a.{q[c]} = b.{q[c]}" for c in cols.compared) + " and a.occ = b.occ"
        for t, other in (("o", "n"), ("n", "o")):  # what is left: paired by key, in file order
            con.execute(
                f"create temp table {t}3 as select a.*, row_number() over (partition by "
                f"{', '.join(f'a.{q[c]}' for c in cols.key)} order by a.src, a.ln) as rk "
                f"from {t}2 as a anti join {other}2 as b on {on_same}"
            )
        pair = f"{on_key} and o.rk = n.rk"
        picks = ", ".join(f"o.{q[c]}" for c in cols.all) + ", " + ", ".join(f"n.{q[c]}" for c in cols.all)
        changed = con.execute(
            f"select {picks} from o3 as o join n3 as n on {pair} order by n.src, n.ln"
        ).fetchall()
        removed = con.execute(
            f"select {', '.join(f'o.{q[c]}' for c in cols.key)} from o3 as o anti join n3 as n on {pair} "
            "order by o.src, o.ln"
        ).fetchall()
        added = con.execute(
            f"select {', '.join(f'n.{q[c]}' for c in cols.key)} from n3 as n anti join o3 as o on {pair} "
            "order by n.src, n.ln"
        ).fetchall()
        ambiguous = con.execute(
            f"select count(*) from (select {key}, count(*) as k from o3 group by all) as o "
            f"join (select {key}, count(*) as k from n3 group by all) as n on {on_key} where o.k + n.k > 2"
        ).fetchone()[0]
    finally:
        con.close()
    width, key_pos = len(cols.all), [layout.names.index(k) for k in layout.key]
    compared = [i for i, n in enumerate(layout.names) if n not in RUN_STAMP_COLUMNS]
    changes = [Change("removed", tuple(r)) for r in removed]
    changes += [Change("added", tuple(r)) for r in added]
    for r in changed:
        b, a = r[:width], r[width:]
        fields = [(layout.names[i], b[i], a[i]) for i in compared if a[i] != b[i]]
        changes.append(Change("changed", tuple(a[i] for i in key_pos), fields))
    return ReportDiff(layout, label, int(before), int(after), changes, int(ambiguous))
