"""CLI polish (issue 13, item 8), through the `sis-extracts` commands:

- a mistyped option shows the subcommand's usage and the closest options of that subcommand, for
  every subcommand the parser registers (and a mistyped subcommand the closest command);
- choices are case-insensitive, and stored as the lower-case choice gives them;
- every error ends with one line saying what to do;
- the editor options' errors name the option (as the command names it) and the value.

The line numbers of bad raw values are tested in test_raw_input.py (dbt) and at the end of this
file through `kecs-lead` on a spoiled copy of the small district.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

import pytest

from sis_extracts.cli import _kecs_options, _sca_options, build_parser
from sis_extracts.export.errors import (
    ACTION_LABEL,
    DataTestError,
    ExitCode,
    InternalError,
    OutputError,
    RawInputError,
    UsageError,
    error_lines,
)
from sis_extracts.export.extracts import _options_record

ACTION = f"  {ACTION_LABEL}"


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub._name_parser_map)


def long_options(p: argparse.ArgumentParser) -> list[str]:
    return sorted(o for o in p._option_string_actions if o.startswith("--") and o != "--help")


def one_action_line(stderr: str) -> str:
    """The error's last line is the one action line (and no other line is one); returns it."""
    lines = stderr.rstrip("\n").splitlines()
    assert lines and lines[-1].startswith(ACTION), stderr
    assert sum(ln.startswith(ACTION) for ln in lines) == 1, stderr
    action = lines[-1][len(ACTION) :]
    assert action[:1].isupper() and action.endswith((".", "?")), action
    return action


def did_you_mean(stderr: str, typo: str) -> list[str]:
    """The options suggested for `typo` ("--x is not an option of ...; did you mean --a or --b?")."""
    m = re.search(
        rf"^  {re.escape(typo)} is not an option of `[^`]+`; did you mean (.+)\?$", stderr, re.MULTILINE
    )
    assert m, stderr
    return re.split(r", | or ", m[1])


# --- a mistyped option: the subcommand's usage and its closest option ----------------------------------


def test_every_subcommand_is_covered():
    # the typo test below runs on every subcommand the parser registers (a new one is covered too)
    assert {"kecs-lead", "il-sca", "all", "generate", "explain"} <= set(subcommands())


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_typo_in_any_option_of_any_subcommand_suggests_it(cli_run, command):
    """Every long option of every subcommand, mistyped (its last letter doubled: --raww), is
    reported by that subcommand (its usage, exit 2) with the option among the suggestions."""
    p = subcommands()[command]
    options = long_options(p)
    assert options
    for option in options:
        typo = option + option[-1]
        if any(o.startswith(typo) for o in options):
            continue  # an abbreviation argparse accepts
        r = cli_run([command, typo, "x"])
        assert r.code == ExitCode.USAGE == 2, (typo, r.stderr)
        assert f"usage: sis-extracts {command} " in r.stderr, r.stderr
        assert "usage: sis-extracts [-h] [--version] <command>" not in r.stderr
        assert option in did_you_mean(r.stderr, typo), (typo, r.stderr)
        one_action_line(r.stderr)
        assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args, typo, wanted, action",
    [
        (
            ["kecs-lead", "--raw", "r", "--out", "o", "--end-yaer", "2025"],
            "--end-yaer",
            ["--end-year"],
            "Write --end-year for --end-yaer, or run `sis-extracts kecs-lead --help` for the options.",
        ),
        (  # reported with the missing required option it probably is
            ["il-sca", "--raw", "r", "--out", "o", "--strat", "070124", "--end", "063025"],
            "--strat",
            ["--start"],
            "Write --start for --strat, or run `sis-extracts il-sca --help` for the options.",
        ),
        (  # an editor option without its prefix under `all`: both prefixed ones
            [
                "all",
                "--raw",
                "r",
                "--out",
                "o",
                "--il-start",
                "070124",
                "--il-end",
                "063025",
                "--end-year",
                "2025",
            ],
            "--end-year",
            ["--il-end-year", "--kecs-end-year"],
            "Write --il-end-year or --kecs-end-year for --end-year, or run `sis-extracts all --help` for the options.",
        ),
        (
            [
                "all",
                "--raw",
                "r",
                "--out",
                "o",
                "--il-start",
                "070124",
                "--il-end",
                "063025",
                "--kecs-formt=html",
            ],
            "--kecs-formt",
            ["--kecs-format"],
            "Write --kecs-format for --kecs-formt, or run `sis-extracts all --help` for the options.",
        ),
        (
            ["explain", "kecs-lead", "--db", "x.duckdb", "--studnet", "1"],
            "--studnet",
            ["--student"],
            "Write --student for --studnet, or run `sis-extracts explain --help` for the options.",
        ),
    ],
)
def test_typo_messages(cli_run, args, typo, wanted, action):
    r = cli_run(args)
    assert r.code == 2
    assert f"usage: sis-extracts {args[0]} " in r.stderr
    assert did_you_mean(r.stderr, typo) == wanted
    assert f"did you mean {' or '.join(wanted)}?" in r.stderr
    assert one_action_line(r.stderr) == action


def test_unknown_option_without_a_close_one(cli_run):
    r = cli_run(["kecs-lead", "--raw", "r", "--out", "o", "--bogus"])
    assert r.code == 2 and "unrecognized arguments: --bogus" in r.stderr
    assert "did you mean" not in r.stderr and "usage: sis-extracts kecs-lead " in r.stderr
    assert one_action_line(r.stderr) == (
        "Run `sis-extracts kecs-lead --help` for the options and the forms their values take."
    )


@pytest.mark.parametrize("command", sorted(subcommands()))
def test_typo_in_a_subcommand_name(cli_run, command):
    typo = command + command[-1]
    r = cli_run([typo, "--raw", "r"])
    assert r.code == 2
    assert f"invalid choice: '{typo}'" in r.stderr and f"did you mean {command}?" in r.stderr
    assert one_action_line(r.stderr) == "Run `sis-extracts --help` for the commands."


def test_typo_in_a_choice_value(cli_run):
    r = cli_run(["kecs-lead", "--raw", "r", "--out", "o", "--format", "htm"])
    assert r.code == 2 and "argument --format: invalid choice: 'htm'" in r.stderr
    assert "did you mean html?" in r.stderr
    assert one_action_line(r.stderr) == "Give --format one of: csv, html."
    r = cli_run(["kecs-lead", "--raw", "r", "--out", "o", "--report", "detial"])
    assert r.code == 2 and "unknown report 'detial' (did you mean detail?)" in r.stderr
    assert one_action_line(r.stderr).startswith("Give --report one or more of detail, staff")


# --- choices are case-insensitive -------------------------------------------------------------------


FOLDERS = ["--raw", "r", "--out", "o"]
IL_DATES = ["--start", "070124", "--end", "063025"]
ALL_DATES = ["--il-start", "070124", "--il-end", "063025"]


@pytest.mark.parametrize(
    "command, upper, lower, make",
    [
        (
            "kecs-lead",
            ["--format", "HTML", "--report", "DETAIL,Staff"],
            ["--format", "html", "--report", "detail,staff"],
            lambda a: [_kecs_options(a)],
        ),
        (
            "il-sca",
            [*IL_DATES, "--format", "Tab", "--grade", "k"],
            [*IL_DATES, "--format", "tab", "--grade", "K"],
            lambda a: [_sca_options(a)],
        ),
        (
            "all",
            [*ALL_DATES, "--kecs-format", "Csv", "--il-format", "STATE", "--kecs-report", "Classes"],
            [*ALL_DATES, "--kecs-format", "csv", "--il-format", "state", "--kecs-report", "classes"],
            lambda a: [_kecs_options(a, "kecs_"), _sca_options(a, "il_")],
        ),
    ],
)
def test_choices_are_case_insensitive_and_stored_canonical(command, upper, lower, make, tmp_path):
    as_of = {
        "kecs-lead": ["--as-of", "2025-06-30 17:00"],
        "il-sca": ["--as-of", "2025-07-15"],
        "all": ["--kecs-as-of", "2025-06-30 17:00", "--il-as-of", "2025-07-15"],
    }[command]
    got = make(build_parser().parse_args([command, *FOLDERS, *upper, *as_of]))
    want = make(build_parser().parse_args([command, *FOLDERS, *lower, *as_of]))
    for g, w in zip(got, want, strict=True):
        # what the manifest records and dbt receives: identical to the lower-case choice
        assert _options_record(g) == _options_record(w)
        assert g.dbt_vars() == w.dbt_vars() and g.editor_options() == w.editor_options()
    assert got[0].fmt == got[0].fmt.lower()


def test_other_choices_are_case_insensitive():
    p = build_parser()
    assert (
        p.parse_args(
            ["generate", "--students", "100", "--seed", "1", "--out", "o", "--format", "Parquet"]
        ).fmt
        == "parquet"
    )
    a = p.parse_args(["explain", "KECS-LEAD", "--db", "x", "--student", "1"])
    assert a.extract == "kecs-lead"
    a = p.parse_args(["KECS-LEAD", *FOLDERS, "--format", "HTML"])
    assert a.command == "kecs-lead" and a.fmt == "html"


def test_a_wrong_choice_is_still_refused_whatever_its_case(cli_run):
    r = cli_run(["il-sca", *FOLDERS, *IL_DATES, "--format", "CSV"])  # the KECS format, not Illinois'
    assert r.code == 2 and "invalid choice: 'CSV' (choose from state, tab, html)" in r.stderr
    assert one_action_line(r.stderr) == "Give --format one of: state, tab, html."


# --- every error ends with one line saying what to do ----------------------------------------------


@pytest.mark.parametrize(
    "args, action",
    [
        (["kecs-lead", *FOLDERS, "--end-year", "24"], "Give --end-year as a 4-digit year"),
        (["all", *FOLDERS, *ALL_DATES, "--kecs-end-year", "24"], "Give --kecs-end-year as a 4-digit year"),
        (["kecs-lead", *FOLDERS, "--start", "13012024"], "Give --start a day that exists, as mmddyyyy"),
        (["kecs-lead", *FOLDERS, "--start", "070124"], "Give --start as mmddyyyy (07012024)"),
        (
            ["il-sca", *FOLDERS, "--start", "July 1", "--end", "063025"],
            "Give --start as mmddyyyy (07012024), ",
        ),
        (["kecs-lead", *FOLDERS, "--as-of", "2025-06-30 25:00"], "Give --as-of as 'YYYY-MM-DD HH:MM'"),
        (["kecs-lead", *FOLDERS, "--calendar", "12a"], "Give --calendar calendarID numbers"),
        (["all", *FOLDERS, *ALL_DATES, "--il-calendar", "x"], "Give --il-calendar calendarID numbers"),
        (["il-sca", *FOLDERS, *IL_DATES, "--grade", "14"], "Give --grade state grade codes"),
        (["il-sca", *FOLDERS, *IL_DATES, "--file-id", "1234"], "Give --file-id a 3-digit number"),
        (["all", *FOLDERS, *ALL_DATES, "--il-file-id", "ab"], "Give --il-file-id a 3-digit number"),
        (["kecs-lead", "--raw", "r"], "Run `sis-extracts kecs-lead --help`"),
        ([], "Run `sis-extracts --help` for the commands."),
        (["generate", "--students", "x", "--seed", "1", "--out", "o"], "Run `sis-extracts generate --help`"),
    ],
)
def test_usage_errors_end_with_the_action(cli_run, args, action):
    r = cli_run(args)
    assert r.code == ExitCode.USAGE, r.stderr
    assert one_action_line(r.stderr).startswith(action), r.stderr
    assert "Traceback" not in r.stderr


def test_errors_after_parsing_end_with_the_action(cli_run, tmp_path):
    # the editor's own check (start after end), naming the options as `all` names them
    r = cli_run(
        ["all", "--raw", tmp_path, "--out", tmp_path / "o", "--il-start", "070125", "--il-end", "063025"]
    )
    assert r.code == 2
    assert "the Start Date is after the End Date (--il-start 07/01/2025 > --il-end 06/30/2025)." in r.stderr
    assert one_action_line(r.stderr) == "Give --il-start on or before --il-end."
    r = cli_run(
        [
            "all",
            "--raw",
            tmp_path,
            "--out",
            tmp_path / "o",
            *ALL_DATES,
            "--kecs-start",
            "07012025",
            "--kecs-end",
            "06302025",
        ]
    )
    assert "(--kecs-start 07/01/2025 > --kecs-end 06/30/2025)" in r.stderr
    assert one_action_line(r.stderr) == "Give --kecs-start on or before --kecs-end."
    # raw input (3): the folder
    r = cli_run(["kecs-lead", "--raw", tmp_path / "nope", "--out", tmp_path / "o"])
    assert r.code == 3 and one_action_line(r.stderr).startswith("Point --raw at the folder")
    (tmp_path / "file.csv").write_text("x\n")
    r = cli_run(["kecs-lead", "--raw", tmp_path / "file.csv", "--out", tmp_path / "o"])
    assert r.code == 3 and "is a file, not a folder" in r.stderr
    assert one_action_line(r.stderr).startswith("Point --raw at the folder")
    # a generator refusal (2)
    r = cli_run(
        [
            "generate",
            "--students",
            "100",
            "--seed",
            "1",
            "--out",
            tmp_path / "g",
            "--format",
            "Parquet",
            "--sqlserver-style",
        ]
    )
    assert r.code == 2 and "sqlserver_style applies to CSV only" in r.stderr
    assert one_action_line(r.stderr) == (
        "Run `sis-extracts generate --help` for the options and the forms their values take."
    )


def test_the_last_line_is_the_action_for_every_kind_of_error():
    cases = [
        (
            UsageError("x"),
            "Run `sis-extracts kecs-lead --help` for the options and the forms their values take.",
        ),
        (RawInputError("x"), "Fix the SIS export and run again."),
        (
            DataTestError("x"),
            "Fix the data in the SIS and run again (or pass --force to write the files anyway).",
        ),
        (OutputError("x"), "Choose a folder you can write to with --out."),
        (
            InternalError("x"),
            "Run again with --debug for the details, and report the problem with the run's log file.",
        ),
        (UsageError("x", hint="Give {option} 2025."), "Give the option 2025."),
    ]
    for exc, action in cases:
        body, got = error_lines(exc, command="kecs-lead")
        assert body == ["x"] and got == action


def test_several_dbt_messages_end_with_one_action():
    """Messages of two raw tables, each ending with its own instruction (as the dbt macros write
    them), give one action line: each instruction once, the generic one inside the specific one
    said once; the file lines stay in the message."""
    message = (
        "Bad values in the raw enrollment table:\n"
        "  - enrollment.csv, column startDate: 1 row(s) not a date YYYY-MM-DD, e.g. 'x' at line 5 (enrollmentID 4)\n"
        "Fix them in the SIS export and run again.\n"
        "Duplicate keys in the raw course table:\n"
        "  - course.csv: courseID 12 appears 2 times (keys must be unique); 1 key value(s) duplicated.\n"
        "Each row of course must have its own courseID. Fix them in the SIS export and run again."
    )
    body, action = error_lines(RawInputError(message, hint="Fix the SIS export and run again."))
    assert (
        action == "Each row of course must have its own courseID. Fix them in the SIS export and run again."
    )
    assert body == [
        "Bad values in the raw enrollment table:",
        "  - enrollment.csv, column startDate: 1 row(s) not a date YYYY-MM-DD, e.g. 'x' at line 5 (enrollmentID 4)",
        "Duplicate keys in the raw course table:",
        "  - course.csv: courseID 12 appears 2 times (keys must be unique); 1 key value(s) duplicated.",
    ]


def test_printed_error_has_the_action_last(capsys):
    from sis_extracts.cli import _print_error

    _print_error(
        RawInputError(
            "Bad values in the raw x table:\n  - x.csv: ...\nFix them in the SIS export and run again."
        ),
        "kecs-lead",
    )
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "sis-extracts: error: Bad values in the raw x table:",
        "  - x.csv: ...",
        f"{ACTION}Fix them in the SIS export and run again.",
    ]


# --- a bad raw value names its line and key, through the command ----------------------------------------


def _csv_start_lines(path: Path) -> dict[str, int]:
    """enrollmentID -> the file line its row starts on, counted by Python's csv module (blank lines
    and values holding line breaks included), independently of the project's SQL."""
    lines: dict[str, int] = {}
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)
        prev = reader.line_num
        for rec in reader:
            if rec:
                lines[rec[0]] = prev + 1
            prev = reader.line_num
    return lines


def test_bad_value_names_the_line_and_key_through_kecs_lead(cli_run, raw_copy, tmp_path):
    """enrollment.csv with a blank line and a value holding a line break near the top, then bad
    start dates further down: the error names the CSV lines and enrollment IDs of the first three
    bad rows (as Python's csv module counts them), the count of the others, and ends with one
    action line."""
    path = raw_copy / "enrollment.csv"
    if not path.exists():
        pytest.skip("the small district is not CSV")
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    start, status = header.index("startDate"), header.index("endStatus")
    data[1][status] = "C\n1"  # a quoted value over two lines (a code column: read as is)
    bad = [5, 40, 41, 90, 120]
    for i in bad:
        data[i][start] = "2024-13-45" if i == bad[0] else "31/12/2024"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerow(data[0])
        f.write("\n")  # a blank line: the reader skips it, the line count does not
        w.writerows(data[1:])
    where = _csv_start_lines(path)
    ids = [data[i][0] for i in bad]
    assert where[ids[0]] == bad[0] + 4  # header, blank line, two-line value: the lines shift by 3

    r = cli_run(["kecs-lead", "--raw", raw_copy, "--out", tmp_path / "o", "--quiet", "--report", "detail"])
    assert r.code == ExitCode.RAW_INPUT == 3, r.stderr[-3000:]
    shown = ", ".join(f"line {where[k]} (enrollmentID {k})" for k in ids[:3])
    assert (
        f"enrollment.csv, column startDate: 5 row(s) not a date YYYY-MM-DD, e.g. '2024-13-45' at {shown} and 2 more"
        in r.stderr
    ), r.stderr
    assert one_action_line(r.stderr) == "Fix them in the SIS export and run again."
    assert not list((tmp_path / "o").glob("KECS_LEAD_*"))


def test_explain_errors_end_with_the_action(cli_run, tmp_path):
    import duckdb

    r = cli_run(["explain", "kecs-lead", "--db", tmp_path / "none.duckdb", "--student", "1"])
    assert r.code == 2 and "no database at" in r.stderr
    assert one_action_line(r.stderr).startswith("Run `sis-extracts explain --help` for the options; --db is")
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    r = cli_run(["explain", "il-sca", "--db", empty, "--section", "12"])
    assert r.code == 2 and "was not built with the accounting" in r.stderr
    one_action_line(r.stderr)
