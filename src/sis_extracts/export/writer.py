"""Streaming export of a mart to a delimited file, straight from DuckDB.

Every file: UTF-8 without BOM, CRLF line ends, RFC 4180 quoting (a field is quoted when it holds
the delimiter, a double quote or a line break; quotes inside are doubled), NULL and '' written
as an empty field, all values text (leading zeros kept). Each file is written under a temporary
name in the output folder, made readable by its owner only (0600), and renamed when complete.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from sis_extracts.export.marts import MartSpec, quote_ident

NEWLINE = "\r\n"
FILE_MODE = 0o600

def sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def select_sql(spec: MartSpec, *, where: str | None = None, aliases: bool = True) -> str:
    """SELECT of the exported columns as text, in file order, in the export order. The marts hold
    the file's values (Strip Apostrophes included), so nothing is changed here."""
    items = []
    for c in spec.columns:
        e = f"nullif(cast(_mart.{quote_ident(c.name)} as varchar), '')"
        items.append(f"{e} as {quote_ident(c.header if aliases else c.name)}")
    # ties of the report's order are broken by the mart's proven unique key, else by every column
    tiebreak = spec.unique_key if spec.unique_key is not None else [c.name for c in spec.columns]
    keys = list(spec.order_by) + [k for k in dict.fromkeys(tiebreak) if k not in spec.order_by]
    # qualified, so that a header text equal to another column's name cannot redirect the sort
    order = ", ".join(f"_mart.{quote_ident(k)} asc nulls last" for k in keys)
    sql = f"select {', '.join(items)} from {spec.relation} as _mart"
    if where:
        sql += f" where {where}"
    return sql + (f" order by {order}" if order else "")


def copy_to(con: duckdb.DuckDBPyConnection, sql: str, path: Path, *, delimiter: str, header: bool) -> int:
    """COPY (sql) TO path; returns the number of records written (the header line not counted)."""
    opts = (
        f"format csv, delimiter {sql_str(delimiter)}, header {'true' if header else 'false'}, "
        f"quote '\"', escape '\"', nullstr '', new_line {sql_str(NEWLINE)}"
    )
    row = con.execute(f"copy ({sql}) to {sql_str(str(path))} ({opts})").fetchone()
    return int(row[0]) if row else 0


def delimited_line(values: list[str], delimiter: str) -> str:
    """One line quoted the way COPY quotes (RFC 4180), CRLF-terminated."""

    class _W:
        def __init__(self) -> None:
            self.s = ""

        def write(self, s: str) -> None:
            self.s += s

    w = _W()
    csv.writer(w, delimiter=delimiter, quotechar='"', doublequote=True, lineterminator=NEWLINE).writerow(
        ["" if v is None else str(v) for v in values]
    )
    return w.s


@dataclass
class FileResult:
    name: str
    path: Path
    records: int
    sha256: str
    bytes: int
    report: str
    fmt: str


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@contextlib.contextmanager
def atomic_file(final: Path) -> Iterator[Path]:
    """A temporary path beside `final`; renamed onto it (mode 0600) only when the block succeeds."""
    tmp = final.with_name(f".{final.name}.partial-{os.getpid()}")
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        if not tmp.exists():
            tmp.touch()
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, final)
    finally:
        tmp.unlink(missing_ok=True)


def concatenate(parts: list[Path], dest: Path) -> str:
    """Write the parts one after the other into dest; returns the sha256 of what was written (the
    file is hashed on its way, not read again)."""
    h = hashlib.sha256()
    fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as out:
        for p in parts:
            with open(p, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
                    out.write(chunk)
    return h.hexdigest()


def write_mart_file(
    con: duckdb.DuckDBPyConnection,
    spec: MartSpec,
    final: Path,
    *,
    delimiter: str = ",",
    report: str,
    fmt: str,
) -> FileResult:
    """A column-header line, then every record: KECS_LEAD_<Report>.csv."""
    with atomic_file(final) as tmp:
        n = copy_to(con, select_sql(spec), tmp, delimiter=delimiter, header=True)
    return FileResult(final.name, final, n, sha256_file(final), final.stat().st_size, report, fmt)


def write_with_preamble(
    con: duckdb.DuckDBPyConnection,
    spec: MartSpec,
    final: Path,
    scratch: Path,
    *,
    preamble: list[list[str]],
    delimiter: str,
    column_header: bool,
    where: str | None,
    report: str,
    fmt: str,
) -> FileResult:
    """Lines of `preamble` (e.g. the IL file header), then the records COPYed from DuckDB (with a
    column-header line when `column_header`). The records go to a scratch file in the run's
    target folder first and are stream-concatenated behind the preamble."""
    scratch.mkdir(parents=True, exist_ok=True)
    head = scratch / f"{final.name}.head"
    body = scratch / f"{final.name}.body"
    try:
        with open(head, "w", encoding="utf-8", newline="") as f:
            f.writelines(delimited_line(values, delimiter) for values in preamble)
        n = copy_to(
            con, select_sql(spec, where=where), body, delimiter=delimiter, header=column_header
        )
        with atomic_file(final) as tmp:
            digest = concatenate([head, body], tmp)
    finally:
        head.unlink(missing_ok=True)
        body.unlink(missing_ok=True)
    return FileResult(final.name, final, n, digest, final.stat().st_size, report, fmt)
