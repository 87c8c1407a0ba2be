"""Option parsing (the editors' date forms, grades, reports, file identifier), the mapping to dbt
vars, and the --help texts that quote the documents."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from sis_extracts.cli import build_parser
from sis_extracts.export.errors import UsageError
from sis_extracts.export.options import (
    KECS_REPORTS,
    KecsOptions,
    ScaOptions,
    parse_calendar_ids,
    parse_date,
    parse_datetime,
    parse_file_id,
    parse_grade_codes,
    parse_reports,
)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-07-01", date(2024, 7, 1)),
        ("07012024", date(2024, 7, 1)),  # KECS editor: mmddyyyy
        ("06302025", date(2025, 6, 30)),
        ("07/01/2024", date(2024, 7, 1)),
        ("7/1/2024", date(2024, 7, 1)),
        (" 2025-06-30 ", date(2025, 6, 30)),
    ],
)
def test_dates_kecs_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("070124", date(2024, 7, 1)), ("063025", date(2025, 6, 30)), ("07/01/24", date(2024, 7, 1))],
)
def test_dates_il_mmddyy(text, expected):
    assert parse_date(text, allow_mmddyy=True) == expected


@pytest.mark.parametrize("text", ["070124", "07/01/24"])
def test_kecs_rejects_two_digit_years(text):
    with pytest.raises(UsageError):
        parse_date(text)


@pytest.mark.parametrize(
    "text", ["13012024", "02302024", "2024-13-01", "July 1", "2024/07/01", "", "0701202"]
)
def test_bad_dates(text):
    with pytest.raises(UsageError):
        parse_date(text, allow_mmddyy=True)


def test_datetime_forms():
    assert parse_datetime("2025-06-30 17:00") == datetime(2025, 6, 30, 17, 0)
    assert parse_datetime("2025-06-30T08:05") == datetime(2025, 6, 30, 8, 5)
    assert parse_datetime("06302025 17:00") == datetime(2025, 6, 30, 17, 0)
    assert parse_datetime("2025-06-30") == datetime(2025, 6, 30, 0, 0)
    with pytest.raises(UsageError):
        parse_datetime("2025-06-30 25:00")


def test_grades_reports_calendars_file_id():
    assert parse_grade_codes("K,1, 09,12,15") == ["15", "01", "09", "12", "15"]
    with pytest.raises(UsageError):
        parse_grade_codes("14")  # PK is not reported by the K-12 extract
    assert parse_reports("detail,Staff, ISSUES") == ["detail", "staff", "issues"]
    with pytest.raises(UsageError):
        parse_reports("detail,roster")
    assert parse_calendar_ids("12, 34") == [12, 34]
    with pytest.raises(UsageError):
        parse_calendar_ids("12a")
    assert parse_file_id("1") == "001" and parse_file_id("042") == "042"
    for bad in ("1234", "ab", ""):
        with pytest.raises(UsageError):
            parse_file_id(bad)


def test_kecs_dbt_vars(tmp_path):
    o = KecsOptions(
        raw=Path("rel/raw"),
        out=tmp_path,
        as_of=datetime(2025, 6, 30, 17, 0),
        start=date(2024, 7, 1),
        end=date(2025, 6, 30),
        end_year=2025,
        calendars=[12, 7, 12],
        reports=["staff", "detail"],
        include_cross_site=True,
    )
    o.validate()
    v = o.dbt_vars()
    assert v == {
        "raw_path": str(Path("rel/raw").resolve()),
        "raw_null_text": "",
        "kecs_start_date": "2024-07-01",
        "kecs_end_date": "2025-06-30",
        "kecs_end_year": 2025,
        "kecs_calendar_ids": [12, 7],
        "kecs_exclude_cross_site": False,
        "kecs_as_of": "2025-06-30 17:00",
    }
    assert Path(v["raw_path"]).is_absolute()
    assert o.reports == ["detail", "staff"]  # the editor's order


def test_kecs_defaults_are_blank_vars(tmp_path):
    o = KecsOptions(raw=tmp_path, out=tmp_path, as_of=datetime(2025, 1, 2, 3, 4))
    o.validate()
    v = o.dbt_vars()
    assert v["kecs_start_date"] == "" and v["kecs_end_date"] == "" and v["kecs_end_year"] == ""
    assert v["kecs_exclude_cross_site"] is True and v["kecs_calendar_ids"] == []
    assert o.reports == list(KECS_REPORTS)


def test_sca_dbt_vars(tmp_path):
    o = ScaOptions(
        raw=tmp_path,
        out=tmp_path,
        start=date(2024, 7, 1),
        end=date(2025, 6, 30),
        as_of=date(2025, 7, 15),
        file_id="007",
        calendars=[3],
        grades=["12", "15", "09"],
        in_progress=True,
        records_99_only=True,
        include_no_state_id=True,
        strip_apostrophes=True,
        protected_identities=True,
    )
    o.validate()
    assert o.dbt_vars() == {
        "raw_path": str(tmp_path.resolve()),
        "raw_null_text": "",
        "sca_start_date": "2024-07-01",
        "sca_end_date": "2025-06-30",
        "sca_end_year": "",
        "sca_as_of": "2025-07-15",
        "sca_calendar_ids": [3],
        "sca_grade_levels": ["15", "09", "12"],
        "sca_in_progress": True,
        "sca_records_99_only": True,
        "sca_include_no_state_id": True,
        "sca_protected_identities": True,
        "sca_strip_apostrophes": True,
        "sca_file_id": "007",
    }


def test_start_after_end_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="after"):
        ScaOptions(
            raw=tmp_path, out=tmp_path, start=date(2025, 7, 1), end=date(2024, 7, 1), as_of=date.today()
        ).validate()
    with pytest.raises(UsageError, match="after it ends"):
        KecsOptions(
            raw=tmp_path, out=tmp_path, as_of=datetime.now(), start=date(2025, 7, 1), end=date(2024, 7, 1)
        ).validate()


def test_parser_collects_repeated_and_comma_lists():
    folders = ["--raw", "r", "--out", "o"]
    a = build_parser().parse_args(
        ["kecs-lead", *folders, "--calendar", "1,2", "3", "--calendar", "4"]
        + ["--report", "detail,staff", "--report", "issues", "--start", "07012024", "--end", "2025-06-30"]
    )
    from sis_extracts.cli import _flatten

    assert _flatten(a.calendar) == [1, 2, 3, 4]
    assert _flatten(a.report) == ["detail", "staff", "issues"]
    assert a.start == date(2024, 7, 1) and a.end == date(2025, 6, 30)
    b = build_parser().parse_args(
        ["il-sca", *folders, "--start", "070124", "--end", "06302025", "--grade", "K", "9,10"]
    )
    assert b.start == date(2024, 7, 1) and b.end == date(2025, 6, 30)
    assert _flatten(b.grade) == ["15", "09", "10"]
    assert b.fmt == "state" and b.file_id == "001"


# --- --help quotes the documents -------------------------------------------------------------------


def test_top_level_help(cli_run):
    r = cli_run(["--help"])
    assert r.code == 0
    for text in ("kecs-lead", "il-sca", "all", "generate", "exit codes", "3  bad raw input", "4  a data test"):
        assert text in r.stdout


def _help(cli_run, command):
    r = cli_run([command, "--help"])
    assert r.code == 0
    return " ".join(r.stdout.split())


def test_kecs_help_quotes_the_editor(cli_run):
    h = _help(cli_run, "kecs-lead")
    for quote in (
        "Dates are entered in mmddyyyy format",
        "The Start Date field may be left blank in order to pull data from the beginning of the selected school year.",
        "Options include CSV and HTML to review data prior to submission.",
        "This checkbox defaults to marked.",
        "Generates a list of active staff for a given calendar.",
        "Generates a list of issues with the data used in other reports.",
        "Determines the Calendars to include on the report.",
        "KECS_LEAD_<ReportName>.csv",
    ):
        assert quote in h, quote
    for opt in (
        "--raw",
        "--out",
        "--start",
        "--end",
        "--end-year",
        "--calendar",
        "--report",
        "--format",
        "--include-cross-site",
        "--as-of",
        "--debug",
        "--null-text",
    ):
        assert opt in h


def test_il_help_quotes_the_editor(cli_run):
    h = _help(cli_run, "il-sca")
    for quote in (
        "Dates are entered in mmddyy format",
        "Indicates the 3-digit number attached to the end of the file name",
        "Use the State Format (Comma Delimited) when submitting the report to the state.",
        "the extract reports only students who have roster start dates and roster end dates",
        "the extract only reports student records where the roster start and end dates",
        "When marked, the report returned students who do not have state IDs assigned.",
        "Apostrophes ('), Commas (,), Periods (.), Umlaut (Ö), Tilde (Ñ)",
        "reports from the Protected Identity Information fields.",
        "Only those students in the selected grade levels report if they meet the reporting requirements.",
        "FileType, Total Records, File Name, File Date, RCDTS",
        'School Year: "Reports the end year of the school year chosen in the extract editor."',
        '"Calendars can be chosen by Active Year, by School or by Year."',
        "(SQL Server exports write NULL for empty values)",
    ):
        assert quote in h, quote
    for opt in (
        "--end-year",
        "--null-text",
        "--file-id",
        "--format",
        "--calendar",
        "--grade",
        "--in-progress",
        "--records-99-only",
        "--include-no-state-id",
        "--strip-apostrophes",
        "--protected-identities",
        "--as-of",
    ):
        assert opt in h


def test_generate_help(cli_run):
    h = _help(cli_run, "generate")
    for opt in ("--students", "--seed", "--out", "--format"):
        assert opt in h


def test_reports_deduplicated_in_editor_order(tmp_path):
    o = KecsOptions(
        raw=tmp_path, out=tmp_path, as_of=datetime(2025, 1, 1), reports=["issues", "detail", "issues"]
    )
    o.validate()
    assert o.reports == ["detail", "issues"]


# --- `all`: both editors' options, prefixed ---------------------------------------------------------


def test_all_maps_prefixed_options_to_each_editor(tmp_path):
    from sis_extracts.cli import _kecs_options, _sca_options

    a = build_parser().parse_args(
        [
            "all", "--raw", str(tmp_path), "--out", "o", "--force",
            "--kecs-end-year", "2025", "--kecs-start", "07012024", "--kecs-calendar", "7,8",
            "--kecs-report", "detail", "--kecs-format", "html", "--kecs-include-cross-site",
            "--kecs-as-of", "2025-06-30 17:00",
            "--il-start", "070124", "--il-end", "063025", "--il-file-id", "2", "--il-grade", "K",
            "--il-format", "tab", "--il-calendar", "9", "--il-in-progress", "--il-strip-apostrophes",
            "--il-as-of", "2025-07-15",
        ]
    )
    k, i = _kecs_options(a, "kecs_"), _sca_options(a, "il_")
    assert (k.end_year, k.start, k.calendars, k.reports, k.fmt, k.include_cross_site, k.force) == (
        2025, date(2024, 7, 1), [7, 8], ["detail"], "html", True, True
    )
    assert k.as_of == datetime(2025, 6, 30, 17, 0)
    assert (i.start, i.end, i.file_id, i.grades, i.fmt, i.calendars, i.in_progress, i.force) == (
        date(2024, 7, 1), date(2025, 6, 30), "002", ["15"], "tab", [9], True, True
    )
    assert i.strip_apostrophes and not i.records_99_only and i.as_of == date(2025, 7, 15)
    # the same vars as the two commands would pass, merged into one build
    assert k.dbt_vars()["raw_path"] == i.dbt_vars()["raw_path"]
    assert not set(k.dbt_vars()) & set(i.dbt_vars()) - {"raw_path", "raw_null_text"}


def test_all_requires_the_il_dates(cli_run, tmp_path):
    r = cli_run(["all", "--raw", str(tmp_path), "--out", str(tmp_path / "o"), "--il-start", "070124"])
    assert r.code == 2 and "--il-end" in r.stderr


def test_all_help_lists_both_editors(cli_run):
    h = _help(cli_run, "all")
    for text in ("--kecs-end-year", "--il-end-year", "--null-text", "--kecs-include-cross-site", "--il-start",
                 "--il-records-99-only",
                 "OUT/kecs_lead", "OUT/il_sca", "staged once"):
        assert text in h


# --- Illinois School Year (--end-year) and --null-text ---------------------------------------------


def test_il_end_year_option(cli_run, tmp_path):
    from sis_extracts.cli import _sca_options
    from sis_extracts.export.extracts import _options_record

    base = ["il-sca", "--raw", str(tmp_path), "--out", "o", "--start", "070123", "--end", "063024"]
    o = _sca_options(build_parser().parse_args([*base, "--end-year", "2024"]))
    o.validate()
    assert o.end_year == 2024 and o.dbt_vars()["sca_end_year"] == 2024
    assert ("School Year", "2024") in o.editor_options()
    assert _options_record(o)["end_year"] == 2024  # manifest.json options
    d = _sca_options(build_parser().parse_args(base))
    assert d.end_year is None and d.dbt_vars()["sca_end_year"] == ""  # blank: the active year
    assert ("School Year", "(the active school year)") in d.editor_options()
    r = cli_run([*base, "--end-year", "24"])
    assert r.code == 2 and "'24' is not an end year" in r.stderr
    # `all`: --il-end-year, apart from --kecs-end-year
    from sis_extracts.cli import _kecs_options

    a = build_parser().parse_args(
        ["all", "--raw", str(tmp_path), "--out", "o", "--kecs-end-year", "2025", "--il-end-year", "2024",
         "--il-start", "070123", "--il-end", "063024"]
    )
    assert (_kecs_options(a, "kecs_").end_year, _sca_options(a, "il_").end_year) == (2025, 2024)


@pytest.mark.parametrize("command", ["kecs-lead", "il-sca", "all"])
def test_null_text_option_sets_raw_null_text(command, tmp_path):
    from sis_extracts.cli import _kecs_options, _sca_options
    from sis_extracts.export.extracts import _options_record

    dates = {"kecs-lead": [], "il-sca": ["--start", "070124", "--end", "063025"],
             "all": ["--il-start", "070124", "--il-end", "063025"]}[command]
    base = [command, "--raw", str(tmp_path), "--out", "o", *dates]
    a = build_parser().parse_args([*base, "--null-text", "NULL"])
    made = {"kecs-lead": lambda: [_kecs_options(a)], "il-sca": lambda: [_sca_options(a)],
            "all": lambda: [_kecs_options(a, "kecs_"), _sca_options(a, "il_")]}[command]()
    for o in made:
        assert o.null_text == "NULL" and o.dbt_vars()["raw_null_text"] == "NULL"
        assert _options_record(o)["null_text"] == "NULL"
    a = build_parser().parse_args(base)
    assert a.null_text == ""  # default: off
