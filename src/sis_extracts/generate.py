"""Generate a deterministic synthetic SIS export (two districts, KY and IL, two school years).

    python -m sis_extracts.generate --students 3000 --seed 42 --out data/demo --rolled-over

--rolled-over: the SIS has started the next school year (it exists and is the active one);
--sqlserver-style: CSV as SQL Server export tools write it (CSV only).

Writes one file per table of the raw contract (macros/raw/sis_raw_contract.sql), named
``<table>.csv`` or ``<table>.parquet``.  Same arguments give byte-identical files.
See docs/generator.md for what is generated and where the edge cases are.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb

from sis_extracts.generator.build import Builder
from sis_extracts.generator.schema import CONTRACT

MIN_STUDENTS, MAX_STUDENTS = 1, 2_000_000


def generate(out_dir: Path, students: int, seed: int = 42, fmt: str = "csv",
             end_year: int = 2025, verbose: bool = False, threads: int | None = None,
             rolled_over: bool = False, sqlserver_style: bool = False) -> dict[str, int]:
    """Write the synthetic district to ``out_dir``; return the row count of every table.

    rolled_over: the next school year (end_year + 1) has been set up and is the active one.
    sqlserver_style: CSV as SQL Server export tools write it (midnight datetimes, the text NULL,
    padded codes, CRLF); CSV only (ValueError with parquet)."""
    out_dir = Path(out_dir)
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"fmt must be 'csv' or 'parquet', not {fmt!r}")
    if sqlserver_style and fmt != "csv":
        raise ValueError("sqlserver_style applies to CSV only (SQL Server export tools write "
                         "text files), not to parquet")
    if not MIN_STUDENTS <= students <= MAX_STUDENTS:
        raise ValueError(f"students must be between {MIN_STUDENTS} and {MAX_STUDENTS}")
    if not 2000 <= end_year <= 2098 - int(rolled_over):
        raise ValueError(f"end_year must be between 2000 and {2098 - int(rolled_over)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".sis-generate-", dir=out_dir) as tmp:
        con = duckdb.connect(":memory:")
        try:
            con.execute(f"SET temp_directory = '{Path(tmp).as_posix()}'")
            if threads:
                con.execute(f"SET threads = {int(threads)}")
            log = (lambda m: print(m, file=sys.stderr, flush=True)) if verbose else None
            b = Builder(con, students=students, seed=seed, end_year=end_year, log=log,
                        rolled_over=rolled_over)
            b.run()
            counts = b.write(out_dir, fmt, sqlserver_style=sqlserver_style)
        finally:
            con.close()
    # drop files of another format from an earlier run, so the folder holds one format only
    other = "parquet" if fmt == "csv" else "csv"
    for table in CONTRACT:
        stale = out_dir / f"{table}.{other}"
        if stale.exists():
            stale.unlink()
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="sis-extracts generate",
        description="Generate a deterministic synthetic Infinite Campus-shaped SIS export "
                    "(a Kentucky and an Illinois district, two school years; three with "
                    "--rolled-over).")
    p.add_argument("--students", "-n", type=int, required=True,
                   help=f"number of students ({MIN_STUDENTS:,}..{MAX_STUDENTS:,})")
    p.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    p.add_argument("--out", "-o", type=Path, required=True, help="output folder")
    p.add_argument("--format", choices=["csv", "parquet"], default="csv",
                   help="file format (default csv)")
    p.add_argument("--end-year", type=int, default=2025,
                   help="end year of the active school year (default 2025); the prior year "
                        "is also generated")
    p.add_argument("--rolled-over", action="store_true",
                   help="the SIS has rolled over: the next school year (end year + 1, its "
                        "calendars, structures, terms, courses and next-year enrollments) exists "
                        "and is the active one")
    p.add_argument("--sqlserver-style", action="store_true",
                   help="CSV as SQL Server export tools write it: midnight datetimes, the text "
                        "NULL in typed columns, codes padded with spaces in some rows, CRLF "
                        "(CSV only)")
    p.add_argument("--verbose", "-v", action="store_true", help="print step timings")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        counts = generate(args.out, args.students, seed=args.seed, fmt=args.format,
                          end_year=args.end_year, verbose=args.verbose,
                          rolled_over=args.rolled_over, sqlserver_style=args.sqlserver_style)
    except ValueError as e:
        p.error(str(e))
    elapsed = time.perf_counter() - t0
    width = max(len(t) for t in counts)
    print(f"{'table':<{width}}  {'rows':>12}")
    for table, n in counts.items():
        print(f"{table:<{width}}  {n:>12,}")
    print(f"wrote {len(counts)} {args.format} files to {args.out} "
          f"({args.students:,} students, seed {args.seed}) in {elapsed:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
