"""Bad raw input, case by case: each ends in a clear message that names the file, the column and an
example (or the line), never a traceback and never a quietly wrong table. Runs dbt's staging layer
on a small generated district with one file spoiled per case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))


@pytest.fixture(scope="session")
def base_raw(tmp_path_factory) -> Path:
    from sis_extracts.generate import generate

    out = tmp_path_factory.mktemp("raw_base")
    generate(out, students=120, seed=11, fmt="csv")
    return out


@pytest.fixture(scope="session")
def dbt_home(tmp_path_factory) -> Path:
    """One raw folder path, database path and target folder for every case, so that dbt's partial
    parsing carries over from case to case (a new raw_path var would force a full parse)."""
    return tmp_path_factory.mktemp("dbt_home")


@pytest.fixture()
def raw(base_raw, dbt_home) -> Path:
    dst = dbt_home / "raw"
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(base_raw, dst)
    for f in ("db.duckdb", "db.duckdb.wal"):
        (dbt_home / f).unlink(missing_ok=True)
    return dst


@pytest.fixture()
def home(dbt_home) -> Path:
    return dbt_home


def run_dbt(raw_dir: Path, home: Path, *args: str) -> tuple[int, str]:
    env = dict(os.environ, DO_NOT_TRACK="1", SIS_EXTRACTS_DB=str(home / "db.duckdb"))
    cmd = [
        DBT, "--no-use-colors", *args,
        "--project-dir", str(ROOT), "--profiles-dir", str(ROOT / "profiles"),
        "--target-path", str(home / "target"), "--log-path", str(home / "logs"),
        "--vars", f"{{raw_path: '{raw_dir}'}}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=300, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def set_cell(path: Path, column: str, row: int, value: str) -> None:
    """Replace one cell of a generated CSV (row 0 = first data row), keeping everything else."""
    con = duckdb.connect()
    tbl = con.sql(f"select * from read_csv('{path}', all_varchar=true, header=true)").fetchall()
    cols = [d[0] for d in con.sql(f"select * from read_csv('{path}', all_varchar=true, header=true) limit 0").description]
    rows = [list(r) for r in tbl]
    rows[row][cols.index(column)] = value
    import csv

    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        w.writerows(rows)


def staged(home: Path, sql: str):
    con = duckdb.connect(str(home / "db.duckdb"), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def assert_clean_failure(rc: int, out: str, *needles: str) -> None:
    assert rc != 0, out
    assert "Traceback" not in out, out
    for n in needles:
        assert n in out, f"{n!r} not in output:\n{out[-3000:]}"


def test_malformed_date_names_file_column_and_example(raw, home):
    set_cell(raw / "enrollment.csv", "startDate", 3, "2024-13-45")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment")
    assert_clean_failure(rc, out, "enrollment.csv", "startDate", "1 row(s)", "'2024-13-45'", "YYYY-MM-DD")


def test_text_in_integer_key(raw, home):
    set_cell(raw / "roster.csv", "sectionID", 0, "12a")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__roster")
    assert_clean_failure(rc, out, "roster.csv", "sectionID", "not an integer", "'12a'")


def test_unknown_boolean(raw, home):
    set_cell(raw / "calendar.csv", "summerSchool", 0, "maybe")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__calendar")
    assert_clean_failure(rc, out, "calendar.csv", "summerSchool", "'maybe'", "boolean")


def test_accepted_boolean_spellings(raw, home):
    for i, v in enumerate(["true", "FALSE", "Y", "n", "1", "0"]):
        set_cell(raw / "calendar.csv", "exclude", i, v)
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__calendar")
    assert rc == 0, out
    got = staged(home, "select count(*) from staging.stg_ic__calendar where is_excluded is null")
    assert got == [(0,)]


def test_missing_required_file(raw, home):
    (raw / "roster.csv").unlink()
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__person")
    assert_clean_failure(rc, out, "roster.csv", "required file missing")


def test_missing_required_column(raw, home):
    con = duckdb.connect()
    p = raw / "person.csv"
    con.sql(f"copy (select * exclude (currentIdentityID) from read_csv('{p}', all_varchar=true)) to '{home}/p.csv' (header)")
    shutil.move(home / "p.csv", p)
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__person")
    assert_clean_failure(rc, out, "person.csv", "currentIdentityID", "required column")


def test_missing_optional_column_and_table_read_as_null(raw, home):
    con = duckdb.connect()
    p = raw / "identity.csv"
    con.sql(
        f"copy (select * exclude (legalLastName, legalFirstName) from read_csv('{p}', all_varchar=true)) "
        f"to '{home}/i.csv' (header)"
    )
    shutil.move(home / "i.csv", p)
    (raw / "lep.csv").unlink()
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity", "stg_ic__lep")
    assert rc == 0, out
    assert staged(home, "select count(legal_last_name), count(*) > 0 from staging.stg_ic__identity") == [(0, True)]
    assert staged(home, "select count(*) from staging.stg_ic__lep") == [(0,)]


def test_empty_file(raw, home):
    (raw / "term.csv").write_bytes(b"")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__term")
    assert_clean_failure(rc, out, "term.csv", "empty")


def test_utf8_bom_and_crlf_are_read(raw, home):
    p = raw / "school.csv"
    text = p.read_text(encoding="utf-8")
    p.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__school")
    assert rc == 0, out
    n_raw = len(text.strip().splitlines()) - 1
    got = staged(home, "select count(*), count(school_id), max(length(school_name) - length(trim(school_name))) from staging.stg_ic__school")
    assert got == [(n_raw, n_raw, 0)]


def test_quotes_and_commas_inside_names(raw, home):
    set_cell(raw / "identity.csv", "lastName", 0, 'O\'Neil, "Jr."')
    set_cell(raw / "identity.csv", "firstName", 0, "Zoë")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert rc == 0, out
    got = staged(home, "select count(*) from staging.stg_ic__identity where last_name = 'O''Neil, \"Jr.\"' and first_name = 'Zoë'")
    assert got == [(1,)]


def test_bytes_that_are_not_utf8(raw, home):
    p = raw / "identity.csv"
    lines = p.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",M\xf1oz", 1)
    p.write_bytes(b"\n".join(lines))
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert_clean_failure(rc, out, "identity.csv", "line 3", "not UTF-8")
    assert "M\ufffdoz" not in out and "Moz" not in out  # no row content echoed


def test_truncated_last_line(raw, home):
    p = raw / "roster.csv"
    data = p.read_bytes().rstrip(b"\n")
    p.write_bytes(data[: data.rfind(b",")])
    n_lines = data.count(b"\n") + 1
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__roster")
    assert_clean_failure(rc, out, "roster.csv", f"line {n_lines}", "fewer fields")


def test_duplicate_primary_key_fails_the_build(raw, home):
    p = raw / "course.csv"
    lines = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join(lines + [lines[1]]) + "\n", encoding="utf-8")
    rc, out = run_dbt(raw, home, "build", "-s", "stg_ic__course", "--exclude", "test_type:unit")
    assert_clean_failure(rc, out, "unique_stg_ic__course_course_id")


def test_try_cast_over_read_csv_returns_null_not_error(tmp_path_factory):
    """Guards the duckdb 2.0.0 regression (STACK_NOTES): TRY_CAST of a dirty cell read by read_csv
    must give NULL. An upgrade that brings the bug back fails here."""
    p = tmp_path_factory.mktemp("trycast") / "d.csv"
    p.write_text("d\n2024-01-02\n2024-13-45\nnot a date\n", encoding="utf-8")
    got = duckdb.sql(f"select try_cast(d as date) from read_csv('{p}', all_varchar=true) order by 1 nulls last").fetchall()
    assert [str(r[0]) if r[0] else None for r in got] == ["2024-01-02", None, None]


def test_bad_birthdate_message_withholds_the_value(raw, home):
    set_cell(raw / "identity.csv", "birthdate", 0, "2011-02-30")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert_clean_failure(rc, out, "identity.csv", "birthdate", "1 row(s)", "'9999-99-99'", "withheld")
    assert "2011-02-30" not in out
    assert "2011-02-30" not in "".join(p.read_text() for p in (home / "logs").glob("*.log"))
