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


def run_dbt(raw_dir: Path, home: Path, *args: str, more_vars: str = "", timeout: int = 300) -> tuple[int, str]:
    """dbt with the raw folder as raw_path; `more_vars` adds YAML vars (", raw_null_text: 'NULL'")."""
    env = dict(os.environ, DO_NOT_TRACK="1", SIS_EXTRACTS_DB=str(home / "db.duckdb"))
    cmd = [
        DBT, "--no-use-colors", *args,
        "--project-dir", str(ROOT), "--profiles-dir", str(ROOT / "profiles"),
        "--target-path", str(home / "target"), "--log-path", str(home / "logs"),
        "--vars", f"{{raw_path: '{raw_dir}'{more_vars}}}",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=timeout, check=False)
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
    key = cell(raw / "enrollment.csv", "enrollmentID", 3)
    line = start_lines(raw / "enrollment.csv")[3]
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment")
    assert_clean_failure(rc, out, "enrollment.csv", "startDate", "1 row(s)", "'2024-13-45'", "YYYY-MM-DD")
    # the row: its line in the file and its key
    assert_clean_failure(rc, out, f"'2024-13-45' at line {line} (enrollmentID {key})")


def start_lines(path: Path) -> list[int]:
    """The file line each data row starts on (1 = the header), counted by Python's csv module."""
    import csv

    lines = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        prev = reader.line_num
        for rec in reader:
            if rec:
                lines.append(prev + 1)
            prev = reader.line_num
    return lines


def test_bad_value_line_counts_line_breaks_in_values_and_blank_lines(raw, home):
    """The line named is the file's line (as an editor shows it), not the row number: a quoted
    value holding line breaks and a blank line before the bad row move it; the first three bad
    rows are named with their key, the others counted."""
    import csv

    p = raw / "roster.csv"
    header, rows = read_rows(p)
    bad = [7, 8, 30, 31]
    for i in bad:
        rows[i][header.index("sectionID")] = f"12a{i}"
    with p.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow([*header, "note"])  # an extra column (ignored by the contract) holding line breaks
        for i, r in enumerate(rows):
            w.writerow([*r, "two\r\nlines\r\nhere" if i in (1, 2) else ""])
            if i == 4:
                f.write("\r\n")  # a blank line
    lines = start_lines(p)
    assert lines[bad[0]] == bad[0] + 2 + 2 * 2 + 1  # header, two values of 3 lines, the blank line
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__roster")
    shown = ", ".join(f"line {lines[i]} (rosterID {rows[i][0]})" for i in bad[:3])
    assert_clean_failure(
        rc, out, f"column sectionID: 4 row(s) not an integer, e.g. '12a7' at {shown} and 1 more"
    )


def test_bad_value_in_parquet_names_the_row(raw, home):
    set_cell(raw / "section.csv", "trialID", 4, "x9")
    key = cell(raw / "section.csv", "sectionID", 4)
    con = duckdb.connect()
    csv_file, parquet_file = raw / "section.csv", raw / "section.parquet"
    con.sql(f"copy (select * from read_csv('{csv_file}', all_varchar=true)) to '{parquet_file}'")
    con.close()
    (raw / "section.csv").unlink()
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__section")
    assert_clean_failure(
        rc,
        out,
        "section.parquet, column trialID: 1 row(s) not an integer",
        f"'x9' at row 5 (sectionID {key})",
    )


def test_bad_value_without_a_raw_file_names_the_key(raw, home):
    """Raw tables loaded into the raw schema by other means (no raw_path): the row is named by its key."""
    set_cell(raw / "term.csv", "seq", 2, "first")
    key = cell(raw / "term.csv", "termID", 2)
    con = duckdb.connect(str(home / "db.duckdb"))
    con.sql("create schema raw")
    con.sql(f"create table raw.term as select * from read_csv('{raw / 'term.csv'}', all_varchar=true)")
    con.close()
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__term", more_vars=", raw_path: ''")
    assert_clean_failure(rc, out, "column seq: 1 row(s) not an integer, e.g. 'first' at termID " + key)
    assert " at line " not in out and " at row " not in out


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
    course_id = lines[1].split(",")[0]
    rc, out = run_dbt(raw, home, "build", "-s", "stg_ic__course", "--exclude", "test_type:unit")
    assert_clean_failure(
        rc, out, f"course.csv: courseID {course_id} appears 2 times (keys must be unique); 1 key value(s) duplicated"
    )


def test_try_cast_over_read_csv_returns_null_not_error(tmp_path_factory):
    """Guards the duckdb 2.0.0 regression (STACK_NOTES): TRY_CAST of a dirty cell read by read_csv
    must give NULL. An upgrade that brings the bug back fails here."""
    p = tmp_path_factory.mktemp("trycast") / "d.csv"
    p.write_text("d\n2024-01-02\n2024-13-45\nnot a date\n", encoding="utf-8")
    got = duckdb.sql(f"select try_cast(d as date) from read_csv('{p}', all_varchar=true) order by 1 nulls last").fetchall()
    assert [str(r[0]) if r[0] else None for r in got] == ["2024-01-02", None, None]


@pytest.mark.parametrize(
    "value, shape",
    [("2011-02-30", "'9999-99-99'"), ("2011-02-03 13:45:00", "'9999-99-99 99:99:99'")],
)
def test_bad_birthdate_message_withholds_the_value(raw, home, value, shape):
    """A birthdate that is no date (no such day, or a time of day): the message gives its shape only."""
    set_cell(raw / "identity.csv", "birthdate", 0, value)
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert_clean_failure(rc, out, "identity.csv", "birthdate", "1 row(s)", shape, "withheld")
    assert value[:10] not in out
    assert value[:10] not in "".join(p.read_text() for p in (home / "logs").glob("*.log"))


# --- what SQL Server export tools write --------------------------------------------------------


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    import csv

    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def cell(path: Path, column: str, row: int) -> str:
    header, rows = read_rows(path)
    return rows[row][header.index(column)]


MIDNIGHTS = ["2024-08-14 00:00:00.000", "2024-08-14 00:00:00", "2024-08-14T00:00:00", "2024-08-14T00:00:00.000"]


def test_midnight_datetimes_read_as_dates(raw, home):
    p = raw / "enrollment.csv"
    for i, v in enumerate(MIDNIGHTS):
        set_cell(p, "startDate", i, v)
    set_cell(p, "endDate", 0, "2025-05-30 00:00:00.0000000")  # datetime2(7)
    ids = [int(cell(p, "enrollmentID", i)) for i in range(4)]
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment")
    assert rc == 0, out
    got = staged(
        home,
        "select enrollment_id, cast(start_date as varchar), cast(end_date as varchar) from staging.stg_ic__enrollment "
        f"where enrollment_id in ({', '.join(map(str, ids))}) order by enrollment_id",
    )
    assert [g[1] for g in got] == ["2024-08-14"] * 4
    assert {g[0]: g[2] for g in got}[ids[0]] == "2025-05-30"
    # plain YYYY-MM-DD keeps working
    assert staged(home, "select count(*) from staging.stg_ic__enrollment where start_date is null") == [(0,)]


@pytest.mark.parametrize("value", ["2024-08-14 13:45:00", "2024-08-14 00:00:00.500", "03/01/2024"])
def test_date_with_a_time_of_day_stops_the_run(raw, home, value):
    set_cell(raw / "enrollment.csv", "startDate", 2, value)
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment")
    assert_clean_failure(rc, out, "enrollment.csv", "startDate", "1 row(s)", "not a date YYYY-MM-DD", f"'{value}'")


def test_parquet_midnight_timestamp_reads_as_date(raw, home):
    """A Parquet file with a real TIMESTAMP column (its values midnights), spaces around a code and
    the text NULL in a code goes through the same typed reads as a CSV."""
    src = raw / "enrollment.csv"
    dst = raw / "enrollment.parquet"
    con = duckdb.connect()
    reader = f"read_csv('{src}', all_varchar=true, header=true)"
    con.sql(
        "copy (select * replace (cast(\"startDate\" as timestamp) as \"startDate\", "
        "' ' || \"serviceType\" || ' ' as \"serviceType\", coalesce(\"endStatus\", 'NULL') as \"endStatus\") "
        f"from {reader}) to '{dst}' (format parquet)"
    )
    assert dict(con.sql(f"select column_name, column_type from (describe select * from read_parquet('{dst}'))").fetchall())[
        "startDate"
    ] == "TIMESTAMP"
    expected = con.sql(
        f"select cast(\"enrollmentID\" as bigint), \"startDate\", \"serviceType\", \"endStatus\" from {reader} order by 1"
    ).fetchall()
    src.unlink()
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment")
    assert rc == 0, out
    got = staged(
        home,
        "select enrollment_id, cast(start_date as varchar), service_type, end_status "
        "from staging.stg_ic__enrollment order by 1",
    )
    assert got == expected


def test_text_null_reads_as_null_in_typed_columns_and_codes(raw, home):
    e = raw / "enrollment.csv"
    set_cell(e, "structureID", 0, "NULL")  # id
    set_cell(e, "endDate", 1, "null")  # date
    set_cell(e, "noShow", 2, " NULL ")  # bool
    set_cell(e, "endStatus", 3, "Null")  # code
    set_cell(e, "serviceType", 4, "NULL")  # code
    ids = [int(cell(e, "enrollmentID", i)) for i in range(5)]
    cgt = raw / "coursegradingtask.csv"
    set_cell(cgt, "creditAmount", 0, "NULL")  # num
    course_id, task_id = cell(cgt, "courseID", 0), cell(cgt, "taskID", 0)
    set_cell(raw / "term.csv", "seq", 0, "NULL")  # int
    set_cell(raw / "identity.csv", "lastName", 0, "NULL")  # free text: kept unless raw_null_text says
    rc, out = run_dbt(
        raw, home, "run", "-s", "stg_ic__enrollment", "stg_ic__coursegradingtask", "stg_ic__term", "stg_ic__identity"
    )
    assert rc == 0, out
    got = staged(
        home,
        "select structure_id, end_date, is_no_show, end_status, service_type from staging.stg_ic__enrollment "
        f"where enrollment_id in ({', '.join(map(str, ids))}) order by enrollment_id",
    )
    assert [got[i][i] for i in range(5)] == [None] * 5
    assert got[0][4] is not None and got[1][2] is not None  # only the NULL cells
    assert staged(
        home,
        "select credit_amount from staging.stg_ic__coursegradingtask "
        f"where course_id = {course_id} and task_id = {task_id}",
    ) == [(None,)]
    assert staged(home, "select count(*) - count(term_seq) from staging.stg_ic__term") == [(1,)]
    assert staged(home, "select count(*) from staging.stg_ic__identity where last_name = 'NULL'") == [(1,)]


@pytest.mark.parametrize("marker", ["'NULL'", "NULL"])  # as --null-text passes it; as YAML (null) in README
def test_text_null_in_free_text_only_with_raw_null_text(raw, home, marker):
    p = raw / "identity.csv"
    set_cell(p, "lastName", 0, "NULL")
    set_cell(p, "middleName", 1, " NULL ")
    set_cell(p, "firstName", 2, "Null")  # not the exact marker: a real name
    ids = [int(cell(p, "identityID", i)) for i in range(3)]
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity", more_vars=f", raw_null_text: {marker}")
    assert rc == 0, out
    got = staged(
        home,
        "select last_name, middle_name, first_name from staging.stg_ic__identity "
        f"where identity_id in ({', '.join(map(str, ids))}) order by identity_id",
    )
    assert got[0][0] is None and got[1][1] is None and got[2][2] == "Null"


def test_spaces_around_codes_keys_dates_and_flags_are_ignored(raw, home):
    """Codes, keys, flags and dates with spaces around them read as without, end to end: the
    enrollment's grade ' 09' still finds its grade level '09' of the calendar."""
    e = raw / "enrollment.csv"
    header, rows = read_rows(e)
    g_header, g_rows = read_rows(raw / "gradelevel.csv")
    levels = {(r[g_header.index("calendarID")], r[g_header.index("name")]) for r in g_rows}
    row = next(i for i, r in enumerate(rows) if (r[header.index("calendarID")], r[header.index("grade")]) in levels)
    grade = cell(e, "grade", row)
    enrollment_id = int(cell(e, "enrollmentID", row))
    person_id = int(cell(e, "personID", row))
    set_cell(e, "grade", row, f" {grade}")
    set_cell(e, "serviceType", row, " P ")
    set_cell(e, "personID", row, f" {person_id} ")
    set_cell(e, "startDate", row, " 2024-08-14 ")
    set_cell(e, "endDate", row, " 2025-05-30 00:00:00.000 ")
    set_cell(e, "noShow", row, " 0 ")
    set_cell(e, "enrollmentID", row, f" {enrollment_id}")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__enrollment", "stg_ic__gradelevel")
    assert rc == 0, out
    got = staged(
        home,
        "select person_id, grade_level_name, service_type, cast(start_date as varchar), cast(end_date as varchar), "
        f"is_no_show from staging.stg_ic__enrollment where enrollment_id = {enrollment_id}",
    )
    assert got == [(person_id, grade, "P", "2024-08-14", "2025-05-30", False)]
    joined = staged(
        home,
        "select count(*) from staging.stg_ic__enrollment as e inner join staging.stg_ic__gradelevel as g "
        "on g.calendar_id = e.calendar_id and g.grade_level_name = e.grade_level_name "
        f"where e.enrollment_id = {enrollment_id} and e.service_type = 'P'",
    )
    assert joined == [(1,)]


# --- duplicated keys: the project's own message -----------------------------------------------


def error_lines(out: str, needle: str) -> list[str]:
    return [ln for ln in out.splitlines() if needle in ln]


def test_duplicate_composite_key_names_each_key_column(raw, home):
    """day's key is calendarID + structureID + date; a date written as a midnight datetime is the
    same key."""
    p = raw / "day.csv"
    header, rows = read_rows(p)
    cal, struct, date = (rows[0][header.index(c)] for c in ("calendarID", "structureID", "date"))
    dup = list(rows[0])
    dup[header.index("date")] = f"{date} 00:00:00.000"
    with p.open("a", encoding="utf-8") as f:
        f.write(",".join(dup) + "\n")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__day")
    assert_clean_failure(
        rc, out,
        f"day.csv: (calendarID {cal}, structureID {struct}, date {date}) appears 2 times (keys must be unique); "
        "1 key value(s) duplicated",
    )


def test_duplicate_keys_show_at_most_five_and_no_personal_data(raw, home):
    p = raw / "identity.csv"
    header, rows = read_rows(p)
    lines = p.read_text(encoding="utf-8").splitlines()
    p.write_text("\n".join(lines + lines[1:8]) + "\n", encoding="utf-8")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert_clean_failure(rc, out, "identity.csv: identityID ", "7 key value(s) duplicated, the first 5 shown")
    line = error_lines(out, "key value(s) duplicated")[0]
    assert line.count("appears 2 times") == 5
    personal = {r[header.index(c)] for r in rows[:7] for c in ("lastName", "firstName", "birthdate") if r[header.index(c)]}
    assert not [v for v in personal if v in out]


# --- CSV files that cannot be parsed -----------------------------------------------------------


@pytest.mark.parametrize("delim, named", [(";", "';'"), ("\t", "tabs"), ("|", "'|'")])
def test_other_delimiter_is_named(raw, home, delim, named):
    import csv

    p = raw / "person.csv"
    header, rows = read_rows(p)
    with p.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delim, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__person")
    assert_clean_failure(
        rc, out, f"person.csv uses {named} between fields; the raw contract wants ',' (comma). Re-export with comma delimiters."
    )
    assert "required column" not in out


@pytest.mark.parametrize("where", ["middle", "last line", "last line without newline"])
def test_unbalanced_quote_names_file_and_line(raw, home, where):
    p = raw / "identity.csv"
    lines = p.read_text(encoding="utf-8").rstrip("\n").split("\n")
    idx = len(lines) // 2 if where == "middle" else len(lines) - 1
    fields = lines[idx].split(",")
    fields[2] = '"Zqxname'  # lastName opens a quote that never closes
    lines[idx] = ",".join(fields)
    p.write_text("\n".join(lines) + ("" if where.endswith("without newline") else "\n"), encoding="utf-8")
    rc, out = run_dbt(raw, home, "run", "-s", "stg_ic__identity")
    assert_clean_failure(rc, out, f'identity.csv: line {idx + 1} has a quote (") that is never closed')
    for dump in ("Zqxname", "sniffing", "Possible fixes", "Original Line", "strict_mode"):
        assert dump not in out


def test_cli_translates_a_csv_reader_dump(tmp_path):
    """Should DuckDB's CSV reader throw after all (sniffer, or a line it cannot read), the CLI's
    message names the file and the problem, not the reader's options or the line's content."""
    from sis_extracts.export.dbt_runner import _is_raw_message, clean_message

    p = tmp_path / "identity.csv"
    p.write_text('identityID,personID,lastName\n1,2,Fox\n3,"Zqxname,4\n5,6,Lee\n', encoding="utf-8")
    with pytest.raises(duckdb.Error) as sniffed:  # the landing hook's reader before it read the header itself
        duckdb.sql(
            f"select * from read_csv('{p}', header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')"
        ).fetchall()
    q = tmp_path / "roster.csv"
    q.write_bytes(b"rosterID,personID\n1,2\n3,M\xf1oz\n")
    with pytest.raises(duckdb.Error) as on_line:
        duckdb.sql(f"select * from read_csv('{q}', header = true, all_varchar = true, delim = ',')").fetchall()
    for exc, needles in (
        (sniffed.value, ["identity.csv", 'a quote (") that is never closed, or another delimiter']),
        (on_line.value, ["roster.csv: line 3 is not UTF-8"]),
    ):
        msg = clean_message(f"Runtime Error in model stg_ic__x\n  {exc}")
        assert _is_raw_message(msg), msg
        for n in needles:
            assert n in msg, msg
        for dump in ("Zqxname", "M\ufffdoz", "sniffing", "Possible", "strict_mode", "delimiter ="):
            assert dump not in msg, msg


def test_header_of_a_large_csv_is_its_first_line(tmp_path):
    """The header read of land_raw_files (sis_csv_header) must return the file's first line on a
    file large enough for DuckDB to scan in parallel, with the profile's preserve_insertion_order
    = false: there, `limit 1` over a parallel scan returned a line from another chunk now and then,
    and a 100,000-student export was refused for 'required column(s) missing from the header'."""
    macro = (ROOT / "macros" / "raw" / "land_raw_files.sql").read_text()
    sql = macro.split("{% macro sis_csv_header", 1)[1].split('run_query("', 1)[1].split('").columns', 1)[0]
    big = tmp_path / "roster.csv"
    header = "rosterID,personID,sectionID,trialID,startDate,endDate"
    with big.open("w") as fh:
        fh.write(header + "\n")
        fh.writelines(f"{i},{10000 + i % 5000},{i % 700},1,,2025-01-{1 + i % 28:02d}\n" for i in range(900_000))
    sql = sql.replace("\" ~ f ~ \"", str(big))
    con = duckdb.connect()
    con.execute("set preserve_insertion_order = false")
    con.execute("set threads = 4")
    lines = {con.execute(sql).fetchone()[0] for _ in range(100)}
    assert lines == {header}
