"""Errors a coordinator can act on, with their exit codes, and no traceback or personal data.

The checks made before dbt starts run here without dbt; the dbt failures (raw contract, bad
values, error-level data tests) are classified from dbt result objects, and end to end on a
broken copy of a small generated district.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from sis_extracts.export.dbt_runner import BuildOutcome, _raise_for_results, clean_message
from sis_extracts.export.errors import (
    DataTestError,
    ExitCode,
    InternalError,
    RawInputError,
    redact_examples,
)


def no_traceback(r) -> None:
    assert "Traceback" not in r.stderr and "Traceback" not in r.stdout


def test_exit_codes_are_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text("utf-8")
    for code in ExitCode:
        if code != ExitCode.OK:
            assert re.search(rf"\|\s*{int(code)}\s*\|", doc), (
                f"exit code {int(code)} missing from docs/cli.md"
            )


# --- usage (2) ----------------------------------------------------------------------------------


# A command with its required folders, before the option a case is about.
KECS = ["kecs-lead", "--raw", "r", "--out", "o"]
IL = ["il-sca", "--raw", "r", "--out", "o"]


@pytest.mark.parametrize(
    "args, text",
    [
        ([*KECS, "--start", "13012024"], "not a valid date"),
        ([*KECS, "--start", "070124"], "mmddyyyy"),
        ([*KECS, "--report", "roster"], "unknown report"),
        ([*KECS, "--format", "pdf"], "invalid choice"),
        ([*KECS, "--bogus"], "unrecognized arguments"),
        ([*IL, "--start", "070124"], "--end"),
        (
            [*IL, "--start", "070124", "--end", "063025", "--file-id", "1234"],
            "File Identifier",
        ),
        (
            [*IL, "--start", "070124", "--end", "063025", "--grade", "14"],
            "state grade",
        ),
        (["kecs-lead", "--raw", "r"], "--out"),
        ([], "required"),
    ],
)
def test_bad_options_exit_2(cli_run, args, text):
    r = cli_run(args)
    assert r.code == ExitCode.USAGE == 2
    assert text in r.stderr
    assert r.stderr.splitlines()[-1].startswith("  What to do: ")  # the last line: what to do
    no_traceback(r)


def test_start_after_end_exit_2(cli_run, tmp_path):
    r = cli_run(
        ["il-sca", "--raw", tmp_path, "--out", tmp_path / "o", "--start", "070125", "--end", "063025"]
    )
    assert r.code == 2
    assert "Start Date is after the End Date (--start 07/01/2025 > --end 06/30/2025)" in r.stderr
    assert r.stderr.splitlines()[-1] == "  What to do: Give --start on or before --end."
    r = cli_run(
        ["kecs-lead", "--raw", tmp_path, "--out", tmp_path / "o", "--start", "07012025", "--end", "06302025"]
    )
    assert r.code == 2 and "starts after it ends (--start 07/01/2025 > --end 06/30/2025)" in r.stderr
    assert not (tmp_path / "o").exists()  # nothing written


# --- raw input before dbt (3) -------------------------------------------------------------------


def test_missing_raw_folder_exit_3(cli_run, tmp_path):
    r = cli_run(["kecs-lead", "--raw", tmp_path / "nope", "--out", tmp_path / "o"])
    assert r.code == ExitCode.RAW_INPUT == 3
    assert "the raw folder" in r.stderr and "does not exist" in r.stderr
    no_traceback(r)


def test_raw_folder_without_tables_exit_3(cli_run, tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notes.txt").write_text("x")
    r = cli_run(
        ["il-sca", "--raw", tmp_path / "raw", "--out", tmp_path / "o", "--start", "070124", "--end", "063025"]
    )
    assert r.code == 3 and "holds no .csv or .parquet files" in r.stderr


# --- calendars (2) and output folder (5): need the KECS marts' model files ---------------------


def _tiny_raw(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "calendar.csv").write_text(
        "calendarID,schoolID,districtID,endYear,name,startDate,endDate,summerSchool,exclude\n"
        "101,1,1,2025,24-25 Dunn Elementary,2024-08-01,2025-06-01,0,0\n"
        "102,2,1,2025,24-25 Eastern High,2024-08-01,2025-06-01,0,0\n",
        encoding="utf-8",
    )
    return folder


def _need_kecs_marts():
    from conftest import marts_ready

    if not marts_ready(
        "kecs_lead__detail",
        "kecs_lead__staff",
        "kecs_lead__caseload",
        "kecs_lead__classes",
        "kecs_lead__schoolwide",
        "kecs_lead__issues",
    ):
        pytest.skip("the KECS marts are not written yet")


def test_unknown_calendar_exit_2(cli_run, tmp_path):
    _need_kecs_marts()
    raw = _tiny_raw(tmp_path / "raw")
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--calendar", "101", "999,998"])
    assert r.code == 2
    assert "calendar ID(s) 999, 998 not found in calendar.csv" in r.stderr
    assert "101 24-25 Dunn Elementary (2025)" in r.stderr  # what the file does hold
    assert not (tmp_path / "o").exists()
    no_traceback(r)


def test_output_folder_not_writable_exit_5(cli_run, tmp_path):
    _need_kecs_marts()
    raw = _tiny_raw(tmp_path / "raw")
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    r = cli_run(["kecs-lead", "--raw", raw, "--out", blocker / "sub"])
    assert r.code == ExitCode.OUTPUT == 5
    assert "cannot be written" in r.stderr or "is a file" in r.stderr
    r = cli_run(["kecs-lead", "--raw", raw, "--out", blocker])
    assert r.code == 5
    no_traceback(r)


def test_second_run_on_same_folder_is_refused(tmp_path):
    from sis_extracts.export.errors import OutputError
    from sis_extracts.export.preflight import RunLock, prepare_out

    out, work = prepare_out(tmp_path / "o", "kecs_lead")
    with (
        RunLock(work, out),
        pytest.raises(OutputError, match="another sis-extracts run"),
        RunLock(work, out),
    ):
        pass
    with RunLock(work, out):  # released
        pass


# --- dbt failures, classified -------------------------------------------------------------------


@dataclass
class FakeNode:
    name: str
    resource_type: str
    original_file_path: str = ""
    description: str = ""


@dataclass
class FakeResult:
    node: FakeNode
    status: str
    message: str | None = None
    failures: int | None = None
    adapter_response: dict = field(default_factory=dict)


def _outcome(tmp_path) -> BuildOutcome:
    return BuildOutcome(
        tmp_path, tmp_path / "sis_extracts.duckdb", tmp_path / "target", tmp_path / "logs" / "dbt.log"
    )


BAD_VALUES = (
    "Compilation Error in model stg_ic__identity (models/staging/ic/stg_ic__identity.sql)\n"
    "  Bad values in the raw identity table:\n"
    "    - /x/identity.csv, column birthdate: 3 row(s) not a date YYYY-MM-DD, e.g. '05/14/2010'\n"
    "    - /x/identity.csv, column effectiveDate: 1 row(s) not a date YYYY-MM-DD, e.g. '2024-13-45'\n"
    "  Fix them in the SIS export and run again.\n"
    "  \n"
    "  > in macro assert_raw_values_parse (macros/raw/assert_raw_values_parse.sql)\n"
    "  > called by model stg_ic__identity (models/staging/ic/stg_ic__identity.sql)"
)


def test_staging_post_hook_message_is_raw_input_and_withholds_birthdates(tmp_path):
    results = [
        FakeResult(
            FakeNode("stg_ic__identity", "model", "models/staging/ic/stg_ic__identity.sql"),
            "error",
            BAD_VALUES,
        ),
        FakeResult(FakeNode("not_null_x", "test"), "skipped"),
    ]
    with pytest.raises(RawInputError) as e:
        _raise_for_results(results, _outcome(tmp_path))
    msg = e.value.message
    assert msg.startswith("Bad values in the raw identity table:")
    assert "05/14/2010" not in msg and "column birthdate: 3 row(s)" in msg and "withheld" in msg
    assert "e.g. '2024-13-45'" in msg  # not a personal column: the example helps
    assert "> in macro" not in msg and "Compilation Error" not in msg


def test_error_level_test_failure_names_tests_and_counts(tmp_path):
    results = [
        FakeResult(FakeNode("stg_ic__person", "model"), "success"),
        FakeResult(FakeNode("unique_stg_ic__person_person_id", "test"), "fail", "Got 3 results", 3),
        FakeResult(FakeNode("not_null_kecs_lead__detail_section_id", "test"), "fail", "Got 1 result", 1),
        FakeResult(FakeNode("relationships_x", "test"), "warn", "Got 9 results", 9),
    ]
    with pytest.raises(DataTestError) as e:
        _raise_for_results(results, _outcome(tmp_path))
    assert e.value.exit_code == 4
    assert "2 data test(s) at error level failed" in e.value.message
    assert "unique_stg_ic__person_person_id: 3 failing row(s)" in e.value.message
    assert "not_null_kecs_lead__detail_section_id: 1 failing row(s)" in e.value.message
    assert "relationships_x" not in e.value.message
    assert "schema audit" in e.value.hint


def test_mart_sql_error_is_internal_and_redacted(tmp_path):
    results = [
        FakeResult(
            FakeNode("kecs_lead__detail", "model", "models/marts/kecs_lead/kecs_lead__detail.sql"),
            "error",
            "Runtime Error in model kecs_lead__detail (models/...)\n  Conversion Error: Could not convert string 'Muñoz' to INT64",
        )
    ]
    with pytest.raises(InternalError) as e:
        _raise_for_results(results, _outcome(tmp_path))
    assert "kecs_lead__detail" in e.value.message and "Muñoz" not in e.value.message
    assert "dbt.log" in e.value.hint


def test_clean_message_drops_echoed_raw_lines():
    text = "Runtime Error\n  Invalid Input Error: CSV Error on Line: 3\n  Original Line: 1,Muñoz,José\n  file=/x/identity.csv"
    cleaned = clean_message(text)
    assert "Muñoz" not in cleaned and "CSV Error on Line: 3" in cleaned


def test_redact_examples_only_personal_columns():
    s = "/x/person.csv, column stateID: 1 row(s) bad, e.g. '123456789'"
    assert "123456789" not in redact_examples(s)
    s = "/x/section.csv, column sectionID: 1 row(s) not an integer, e.g. 'abc'"
    assert redact_examples(s) == s


# --- end to end on a broken copy of the small district (dbt runs) --------------------------------


def _kecs_args(raw, out):
    return ["kecs-lead", "--raw", raw, "--out", out, "--quiet", "--report", "detail"]


def test_missing_table_and_column_exit_3(cli_run, raw_copy, tmp_path):
    _need_kecs_marts()
    for f in raw_copy.glob("term.*"):
        f.unlink()
    r = cli_run(_kecs_args(raw_copy, tmp_path / "o"))
    assert r.code == 3, r.stderr
    assert "does not match the raw contract" in r.stderr
    assert "term.csv (or term.parquet): required file missing" in r.stderr
    assert not list((tmp_path / "o").glob("KECS_LEAD_*"))
    no_traceback(r)


def test_bad_value_exit_3_names_file_column_count(cli_run, raw_copy, tmp_path):
    _need_kecs_marts()
    import duckdb

    src = next(raw_copy.glob("enrollment.*"))
    con = duckdb.connect()
    reader = f"read_csv('{src}', all_varchar=true)" if src.suffix == ".csv" else f"read_parquet('{src}')"
    con.execute(f"create table t as select * from {reader}")
    con.execute("""update t set "startDate" = '2024-13-45' where rowid < 2""")
    src.unlink()
    con.execute(f"copy t to '{raw_copy / 'enrollment.csv'}' (header, delimiter ',')")
    con.close()
    r = cli_run(_kecs_args(raw_copy, tmp_path / "o"))
    assert r.code == 3, r.stderr
    assert "Bad values in the raw enrollment table" in r.stderr
    assert "column startDate: 2 row(s) not a date YYYY-MM-DD, e.g. '2024-13-45'" in r.stderr
    no_traceback(r)


def _personal_values(raw: Path) -> set[str]:
    """State IDs, student numbers, birth dates and distinctive names of the raw district."""
    import duckdb

    con = duckdb.connect()
    vals: set[str] = set()
    ident = next(raw.glob("identity.*"))
    person = next(raw.glob("person.*"))
    for ln, fn, bd in con.execute(
        f"select lastName, firstName, birthdate from read_csv('{ident}', all_varchar=true)"
    ).fetchall():
        for n in (ln, fn):
            if n and (not n.isascii() or "'" in n or len(n) >= 7):
                vals.add(n)
        if bd:
            y, m, d = bd.split("-")
            vals.update({bd, f"{m}/{d}/{y}"})
    for sid, num in con.execute(
        f"select stateID, studentNumber from read_csv('{person}', all_varchar=true)"
    ).fetchall():
        vals.update(v for v in (sid, num) if v and len(v) >= 6)
    return vals


def test_error_level_test_exit_4_without_personal_data(cli_run, raw_copy, tmp_path):
    """Sections without a number fail the error-level not_null test of the Illinois Section Number
    (a gate): exit 4, the test named with its row count, no file written, and neither progress nor
    the error shows a name, birth date or ID."""
    from test_cli_force import GATE, blank_section_numbers

    blank_section_numbers(raw_copy)
    r = cli_run(["il-sca", "--raw", raw_copy, "--out", tmp_path / "o", "--start", "2024-07-01", "--end", "2025-06-30"])
    assert r.code == ExitCode.DATA_TEST == 4, r.stderr[-3000:]
    assert "data test(s) at error level failed" in r.stderr
    assert f"{GATE}: " in r.stderr and "failing row(s)" in r.stderr
    assert "dbt [" in r.stderr  # progress was shown
    assert not list((tmp_path / "o").glob("SCA*"))
    shown = r.stderr + r.stdout
    leaked = [
        v for v in _personal_values(raw_copy) if re.search(rf"(?<![\w/]){re.escape(v)}(?![\w/])", shown)
    ]
    assert leaked == []
    no_traceback(r)


def test_duplicate_key_stops_as_bad_raw_input_naming_file_and_key(cli_run, raw_copy, tmp_path):
    """A duplicated primary key is bad raw input (exit 3): the message names the file, the key
    column and the key value (an internal id), never the dbt test, and shows no personal data."""
    course = raw_copy / "course.csv"
    lines = course.read_text("utf-8").splitlines(keepends=True)
    course.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    key = lines[1].split(",", 1)[0]
    r = cli_run(["kecs-lead", "--raw", raw_copy, "--out", tmp_path / "o", "--report", "classes"])
    assert r.code == ExitCode.RAW_INPUT == 3, r.stderr[-3000:]
    assert f"course.csv: courseID {key} appears 2 times" in r.stderr
    assert "unique_stg_ic__course" not in r.stderr
    assert not list((tmp_path / "o").glob("KECS_LEAD_*"))
    no_traceback(r)


def test_generate_command(cli_run, tmp_path, monkeypatch):
    gen = pytest.importorskip("sis_extracts.generate")
    r = cli_run(["generate", "--students", "100", "--seed", "3", "--out", tmp_path / "raw", "--quiet"])
    assert r.code == 0, r.stderr
    assert (tmp_path / "raw" / "person.csv").exists() and "raw tables" in r.stdout

    def refuse(*_a, **_k):
        raise ValueError("students must be between 100 and 2000000")

    monkeypatch.setattr(gen, "generate", refuse)
    r = cli_run(["generate", "--students", "5", "--seed", "3", "--out", tmp_path / "raw2"])
    assert r.code == 2 and "students must be between" in r.stderr
    no_traceback(r)
