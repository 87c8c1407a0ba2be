"""Checks made before dbt starts: the raw folder, the calendars asked for, the output folder."""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path
from typing import Self

import duckdb

from sis_extracts.export.errors import OutputError, RawInputError, UsageError

WORK_DIR_NAME = ".sis-extracts"


def check_raw_folder(raw: Path) -> Path:
    raw = raw.expanduser()
    if not raw.exists():
        raise RawInputError(
            f"the raw folder {raw} does not exist.",
            hint="Point --raw at the folder of the SIS export (one <table>.csv or <table>.parquet per table).",
        )
    if not raw.is_dir():
        raise RawInputError(f"--raw {raw} is a file, not a folder of raw tables.")
    try:
        has_files = any(p.suffix.lower() in (".csv", ".parquet") for p in raw.iterdir())
    except OSError as exc:
        raise RawInputError(f"cannot read the raw folder {raw}: {exc.strerror}.") from None
    if not has_files:
        raise RawInputError(
            f"the raw folder {raw} holds no .csv or .parquet files.",
            hint="Export the raw tables of the raw contract into it (person.csv, enrollment.csv, ...).",
        )
    return raw.resolve()


def _table_file(raw: Path, table: str) -> Path | None:
    for p in raw.iterdir():
        if p.name.lower() in (f"{table}.csv", f"{table}.parquet"):
            return p
    return None


def _sql_str(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def check_calendars(raw: Path, calendar_ids: list[int]) -> None:
    """Every calendar ID asked for must be a calendarID of the raw calendar table."""
    if not calendar_ids:
        return
    f = _table_file(raw, "calendar")
    if f is None:
        return  # the dbt landing hook reports the missing file together with any others
    reader = (
        f"read_csv({_sql_str(str(f))}, header = true, all_varchar = true)"
        if f.suffix.lower() == ".csv"
        else f"read_parquet({_sql_str(str(f))})"
    )
    con = duckdb.connect()
    try:
        cols = {r[0].lower(): r[0] for r in con.execute(f"describe select * from {reader}").fetchall()}
        if "calendarid" not in cols:
            return  # reported by the landing hook
        rows = con.execute(
            f"""select try_cast(trim(cast("{cols["calendarid"]}" as varchar)) as bigint) as id,
                       {f'cast("{cols["name"]}" as varchar)' if "name" in cols else "''"} as name,
                       {f'cast("{cols["endyear"]}" as varchar)' if "endyear" in cols else "''"} as end_year
                from {reader}"""
        ).fetchall()
    except duckdb.Error as exc:
        raise RawInputError(f"cannot read {f}: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
    known = {r[0]: r for r in rows if r[0] is not None}
    unknown = [c for c in calendar_ids if c not in known]
    if unknown:
        listing = "; ".join(
            f"{k} {known[k][1] or ''} ({known[k][2] or '?'})".replace("  ", " ")
            for k in sorted(known, key=lambda k: (str(known[k][2]), k), reverse=True)[:12]
        )
        raise UsageError(
            f"calendar ID(s) {', '.join(map(str, unknown))} not found in {f.name} of {raw}.",
            hint=f"Calendars in the file (ID name (end year)): {listing}"
            + (" ..." if len(known) > 12 else ""),
        )


def prepare_out(out: Path, extract: str | None) -> tuple[Path, Path | None]:
    """Create the output folder, prove it is writable, and give the run its private work folder
    `<out>/.sis-extracts/<extract>/` (DuckDB file, dbt target and logs); no work folder when
    `extract` is None (a subfolder of a run that has its work folder elsewhere)."""
    out = out.expanduser()
    try:
        out.mkdir(parents=True, exist_ok=True)
        if not out.is_dir():
            raise NotADirectoryError(str(out))
        fd, probe = tempfile.mkstemp(prefix=".sis-extracts-probe-", dir=out)
        os.close(fd)
        os.unlink(probe)
        if extract is None:
            return out.resolve(), None
        work = out / WORK_DIR_NAME / extract
        work.mkdir(parents=True, exist_ok=True)
        os.chmod(out / WORK_DIR_NAME, 0o700)
    except FileExistsError:
        raise OutputError(f"the output folder {out} exists as a file.") from None
    except NotADirectoryError:
        raise OutputError(f"the output folder {out} is a file or lies under a file.") from None
    except OSError as exc:
        raise OutputError(
            f"the output folder {out} cannot be written: {exc.strerror or exc}.",
            hint="Choose a folder you can write to with --out.",
        ) from None
    return out.resolve(), work.resolve()


class RunLock:
    """Holds `<work>/.lock` for the run, so two runs never share a work folder or output files."""

    def __init__(self, work: Path, out: Path) -> None:
        self.path = work / ".lock"
        self.out = out
        self.fd: int | None = None

    def __enter__(self) -> Self:
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            raise OutputError(
                f"another sis-extracts run is writing this extract to {self.out}.",
                hint="Wait for it to finish or choose another --out folder.",
            ) from None
        except OSError as exc:
            raise OutputError(f"cannot lock {self.path}: {exc.strerror}.") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None
