"""Options that can only give empty files are refused before dbt runs (exit 2), with a message
that says what the raw folder holds and one line saying what to do.

The refusals are read from the small raw tables schoolyear, calendar, district and school (no
student data), so most cases here use a handful of rows written by the test; dbt never starts.
`reach_dbt` replaces the dbt build by a stub, so a run that passes the checks stops right there
(exit 1, "reached dbt") with the vars it would have passed to dbt.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from sis_extracts.export import extracts
from sis_extracts.export.errors import ExitCode, InternalError

SCHOOLYEAR = """endYear,label,active,startDate,endDate
2024,23-24,0,2023-07-01,2024-06-30
2025,24-25,1,2024-07-01,2025-06-30
"""
DISTRICT = """districtID,number,name,state,region,county,type
1,061,Bluegrass County Public Schools,KY,,,
2,0204,Prairie Ridge CUSD 204,IL,19,022,26
"""
SCHOOL = """schoolID,districtID,number,name,stateClassification,exclude
1,1,045,Dunn Elementary,A1,0
2,2,0130,Mooney Elementary,,0
"""
CALENDAR = """calendarID,schoolID,districtID,endYear,name,startDate,endDate,summerSchool,exclude
101,1,1,2024,23-24 Dunn Elementary,2023-08-15,2024-05-31,0,0
102,1,1,2025,24-25 Dunn Elementary,2024-08-14,2025-05-23,0,0
201,2,2,2024,23-24 Mooney Elementary,2023-08-16,2024-06-04,0,0
202,2,2,2025,24-25 Mooney Elementary,2024-08-15,2025-06-01,0,0
"""


def small_raw(folder: Path, **tables: str) -> Path:
    """schoolyear, district, school and calendar as CSV (defaults above; a keyword replaces one)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"schoolyear": SCHOOLYEAR, "district": DISTRICT, "school": SCHOOL, "calendar": CALENDAR}
    texts.update(tables)
    for name, text in texts.items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    return folder


def refused(r, *texts: str) -> str:
    """Exit 2 before dbt, without traceback; the message holds each text; the last line is the hint (what to do)."""
    assert r.code == ExitCode.USAGE == 2, r.stderr
    err = " ".join(r.stderr.split())
    for t in texts:
        assert t in err, (t, r.stderr)
    assert "Traceback" not in r.stderr and "reached dbt" not in r.stderr
    lines = r.stderr.rstrip("\n").splitlines()
    assert any(ln.startswith("sis-extracts: error: ") for ln in lines)
    assert lines[-1].startswith("  What to do: ")  # the hint: one line, the last
    assert sum(ln.startswith("  What to do: ") for ln in lines) == 1
    return err


@pytest.fixture
def reach_dbt(monkeypatch):
    """Stub the dbt build: the run stops there (exit 1, 'reached dbt'); the vars are recorded."""
    calls: list[dict] = []

    def stub(project, work, models, dbt_vars, progress, **kwargs):
        calls.append(dbt_vars)
        raise InternalError("reached dbt (test stub)")

    monkeypatch.setattr(extracts, "run_build", stub)
    return calls


def passed_preflight(r) -> None:
    assert r.code == ExitCode.INTERNAL and "reached dbt" in r.stderr, r.stderr


# --- a. an end year without a calendar of the extract's state --------------------------------------


def test_kecs_end_year_without_kentucky_calendar(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    out = tmp_path / "o"
    r = cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end-year", "2031"])
    refused(
        r,
        f"no Kentucky calendar of end year 2031 in {raw.resolve()}/calendar.csv; "
        "Kentucky calendars exist for end years 2024, 2025.",
        "Give --end-year with one of those years",
    )
    assert not out.exists()  # nothing created


def test_active_year_without_calendar_says_it_is_the_active_year(cli_run, tmp_path):
    raw = small_raw(
        tmp_path / "raw",
        schoolyear=SCHOOLYEAR.replace("2025,24-25,1", "2025,24-25,0")
        + "2026,25-26,1,2025-07-01,2026-06-30\n",
    )
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o"])
    refused(
        r,
        "no Kentucky calendar of end year 2026",
        "the active school year in schoolyear.csv is 2026",
        "Kentucky calendars exist for end years 2024, 2025",
    )
    r = cli_run(["il-sca", "--raw", raw, "--out", tmp_path / "o", "--start", "070125", "--end", "063026"])
    refused(r, "no Illinois calendar of end year 2026", "the active school year in schoolyear.csv is 2026")


def test_no_calendar_of_the_state_at_all(cli_run, tmp_path):
    ky_only = "".join(line + "\n" for line in CALENDAR.splitlines() if not line.startswith("20"))
    raw = small_raw(tmp_path / "raw", calendar=ky_only)
    r = cli_run(["il-sca", "--raw", raw, "--out", tmp_path / "o", "--start", "070124", "--end", "063025"])
    refused(
        r, "no Illinois calendar of end year 2025", "calendar.csv holds no Illinois calendar of any end year"
    )


def test_il_end_year_without_illinois_calendar(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw", calendar=CALENDAR.replace(",2,2,2025,", ",2,2,2023,"))
    r = cli_run(
        [
            "il-sca",
            "--raw",
            raw,
            "--out",
            tmp_path / "o",
            "--end-year",
            "2025",
            "--start",
            "070124",
            "--end",
            "063025",
        ]
    )
    refused(r, "no Illinois calendar of end year 2025", "Illinois calendars exist for end years 2023, 2024")


def test_all_checks_each_extract_with_its_own_end_year(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    base = ["all", "--raw", raw, "--out", tmp_path / "o"]
    r = cli_run([*base, "--kecs-end-year", "2031", "--il-start", "070124", "--il-end", "063025"])
    refused(r, "--kecs-end-year: no Kentucky calendar of end year 2031", "Give --kecs-end-year")
    r = cli_run(
        [
            *base,
            "--kecs-end-year",
            "2024",
            "--il-end-year",
            "2031",
            "--il-start",
            "070124",
            "--il-end",
            "063025",
        ]
    )
    refused(
        r,
        "--il-end-year: no Illinois calendar of end year 2031",
        "Illinois calendars exist for end years 2024, 2025",
        "Give --il-end-year",
    )
    assert not (tmp_path / "o").exists()


# --- the schoolyear row of the end year, and an active year ----------------------------------------


def test_end_year_without_schoolyear_row(cli_run, tmp_path):
    raw = small_raw(
        tmp_path / "raw", calendar=CALENDAR + "103,1,1,2031,30-31 Dunn Elementary,2030-08-14,2031-05-23,0,0\n"
    )
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2031"])
    refused(r, "--end-year: schoolyear.csv has no row for end year 2031; years present: 2024, 2025.")


def test_no_active_school_year_and_no_end_year(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw", schoolyear=SCHOOLYEAR.replace("2025,24-25,1", "2025,24-25,0"))
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o"])
    refused(
        r, "no school year is marked active in schoolyear.csv", "years present: 2024, 2025", "Give --end-year"
    )


# --- b. a calendar of another end year or state ------------------------------------------------------


def test_calendar_of_another_end_year(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    r = cli_run(
        ["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2025", "--calendar", "102,101"]
    )
    err = refused(
        r,
        "--calendar names calendar(s) that are not Kentucky calendars of end year 2025",
        "calendar 101 23-24 Dunn Elementary (end year 2024, state KY): end year 2024, not 2025",
        "or choose their school year with --end-year 2024",
    )
    assert "calendar 102" not in err


def test_calendar_of_another_state(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--calendar", "202"])
    refused(
        r,
        "calendar 202 24-25 Mooney Elementary (end year 2025, state IL): a district of IL, not KY",
        "Give --calendar Kentucky calendars of end year 2025 (102)",
    )
    r = cli_run(
        [
            "all",
            "--raw",
            raw,
            "--out",
            tmp_path / "o",
            "--il-start",
            "070124",
            "--il-end",
            "063025",
            "--il-calendar",
            "102",
        ]
    )
    refused(
        r, "--il-calendar names calendar(s) that are not Illinois calendars", "state KY): a district of KY"
    )


def test_unknown_calendar_still_refused_first(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    r = cli_run(
        ["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2031", "--calendar", "999"]
    )
    assert r.code == 2 and "--calendar: calendar ID(s) 999 not found in calendar.csv" in r.stderr
    assert (
        r.stderr.splitlines()[-1]
        == "  What to do: Give --calendar calendarIDs of calendar.csv (the calendars listed above)."
    )
    r = cli_run(
        [
            "all",
            "--raw",
            raw,
            "--out",
            tmp_path / "o",
            "--il-start",
            "070124",
            "--il-end",
            "063025",
            "--il-calendar",
            "999",
        ]
    )
    refused(
        r,
        "--il-calendar: calendar ID(s) 999 not found in calendar.csv",
        "Calendars in the file (ID name (end year)): ",
    )


# --- c. a date range that does not meet the school year ----------------------------------------------


@pytest.mark.parametrize(
    "dates, text",
    [
        (
            ["--start", "07012020", "--end", "06302021"],
            "--start/--end: the date range 07/01/2020 - 06/30/2021 lies entirely before",
        ),
        (
            ["--start", "07012025", "--end", "06302026"],
            "--start/--end: the date range 07/01/2025 - 06/30/2026 lies entirely after",
        ),
        (["--end", "06302024"], "--end: the end date 06/30/2024 is before the start of"),
        (["--start", "07012025"], "--start: the start date 07/01/2025 is after the end of"),
    ],
)
def test_kecs_date_range_outside_the_school_year(cli_run, tmp_path, dates, text):
    raw = small_raw(tmp_path / "raw")
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2025", *dates])
    refused(
        r,
        text,
        "school year 2025 (24-25): 07/01/2024 - 06/30/2025 in schoolyear.csv",
        "Give --start/--end within",
    )


def test_il_date_range_of_another_school_year(cli_run, tmp_path):
    raw = small_raw(tmp_path / "raw")
    r = cli_run(["il-sca", "--raw", raw, "--out", tmp_path / "o", "--start", "070123", "--end", "063024"])
    refused(
        r,
        "the date range 07/01/2023 - 06/30/2024 lies entirely before school year 2025 (24-25): "
        "07/01/2024 - 06/30/2025 in schoolyear.csv (no --end-year given: the active school year in "
        "schoolyear.csv is 2025).",
        "or choose the school year of those dates with --end-year 2024.",
    )


def test_date_range_meeting_the_school_year_passes(cli_run, tmp_path, reach_dbt):
    raw = small_raw(tmp_path / "raw")
    # overlapping the school year at one end is enough
    passed_preflight(
        cli_run(
            ["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--start", "06012024", "--end", "07012024"]
        )
    )
    passed_preflight(
        cli_run(
            [
                "il-sca",
                "--raw",
                raw,
                "--out",
                tmp_path / "o2",
                "--end-year",
                "2024",
                "--start",
                "070123",
                "--end",
                "063024",
                "--calendar",
                "201",
            ]
        )
    )
    assert reach_dbt[-1]["sca_end_year"] == 2024 and reach_dbt[-1]["sca_calendar_ids"] == [201]


# --- lenient reading, as staging reads; unreadable values skip the checks ----------------------------


def test_reads_leniently_as_staging_does(cli_run, tmp_path, reach_dbt):
    raw = small_raw(
        tmp_path / "raw",
        schoolyear="endYear,label,active,startDate,endDate\n"
        " 2024 ,NULL,N,2023-07-01 00:00:00.000,2024-06-30T00:00:00\n"
        "2025,24-25, Yes ,2024-07-01 00:00:00,2025-06-30\n",
        district=DISTRICT.replace(",KY,", ", KY ,").replace(",,,", ",NULL,null,"),
        # calendar 102 has no districtID: its school's district (1, KY) gives its state
        calendar=CALENDAR.replace("102,1,1,2025", "102,1,null,2025").replace(
            "101,1,1,2024", "101,1,1, 2024 "
        ),
    )
    passed_preflight(cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--calendar", "102"]))
    assert reach_dbt[-1]["kecs_end_year"] == ""
    args = ["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2024", "--start", "07012024"]
    # the label is free text: NULL is a label unless --null-text NULL says otherwise
    refused(
        cli_run(args), "the start date 07/01/2024 is after the end of school year 2024 (NULL): 07/01/2023"
    )
    r = cli_run([*args, "--null-text", "NULL"])
    refused(r, "the start date 07/01/2024 is after the end of school year 2024: 07/01/2023 - 06/30/2024")
    # a state in other case is not the state: the models compare district.state exactly
    raw = small_raw(tmp_path / "lower", district=DISTRICT.replace(",KY,", ",ky,"))
    refused(
        cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o"]),
        "calendar.csv holds no Kentucky calendar of any end year",
        "Check district.state in district.csv (KY for Kentucky)",
    )


def test_reads_parquet(cli_run, tmp_path):
    csv = small_raw(tmp_path / "csv")
    raw = tmp_path / "raw"
    raw.mkdir()
    con = duckdb.connect()
    for name in ("schoolyear", "district", "school", "calendar"):
        con.execute(
            f"copy (select * from read_csv('{csv / name}.csv')) to '{raw / name}.parquet' (format parquet)"
        )
    con.close()
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end-year", "2031"])
    refused(
        r,
        f"no Kentucky calendar of end year 2031 in {raw.resolve()}/calendar.parquet",
        "Kentucky calendars exist for end years 2024, 2025",
    )
    r = cli_run(["kecs-lead", "--raw", raw, "--out", tmp_path / "o", "--end", "06302024"])
    refused(r, "the end date 06/30/2024 is before the start of school year 2025")


def test_unreadable_tables_or_values_skip_only_the_checks_that_need_them(cli_run, tmp_path, reach_dbt):
    out = tmp_path / "o"
    # a date that does not parse: the date check is skipped (dbt then names the bad value) ...
    raw = small_raw(tmp_path / "a", schoolyear=SCHOOLYEAR.replace("2024-07-01,2025", "2024-13-45,2025"))
    passed_preflight(cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end", "06302021"]))
    # ... the end-year check still runs
    refused(cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end-year", "2031"]), "no Kentucky calendar")
    # a calendar end year that does not parse: no calendar check, the date check still runs
    raw = small_raw(tmp_path / "b", calendar=CALENDAR.replace("102,1,1,2025", "102,1,1,20x5"))
    passed_preflight(
        cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end-year", "2024", "--calendar", "102"])
    )
    refused(
        cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end-year", "2024", "--start", "07012024"]),
        "the start date 07/01/2024 is after the end of school year 2024",
    )
    # no district table: the calendars' states are unknown (a KY calendar is not refused to il-sca),
    # the schoolyear row is still checked
    raw = small_raw(tmp_path / "c")
    (raw / "district.csv").unlink()
    il = ["il-sca", "--raw", raw, "--out", out, "--start", "070124", "--end", "063025"]
    passed_preflight(cli_run([*il, "--calendar", "102"]))
    refused(cli_run([*il, "--end-year", "2031"]), "schoolyear.csv has no row for end year 2031")
    # no schoolyear table either: nothing to check against
    (raw / "schoolyear.csv").unlink()
    passed_preflight(cli_run(["kecs-lead", "--raw", raw, "--out", out, "--end-year", "2031"]))
    from sis_extracts.export.preflight import read_raw_years

    ry = read_raw_years(raw)
    assert ry.years is None and ry.calendars is not None and not ry.states_known


# --- the real small district: a valid prior-year run passes, a wrong one does not ---------------------


def test_kecs_prior_year_on_the_district(cli_run, raw_district, tmp_path, reach_dbt):
    from sis_extracts.export.preflight import read_raw_years

    ry = read_raw_years(raw_district)
    ky_2024 = sorted(c.calendar_id for c in ry.calendars.values() if c.state == "KY" and c.end_year == 2024)
    ky_2025 = sorted(c.calendar_id for c in ry.calendars.values() if c.state == "KY" and c.end_year == 2025)
    assert ry.active_year == 2025 and ky_2024 and ky_2025
    base = ["kecs-lead", "--raw", raw_district, "--out", tmp_path / "o", "--end-year", "2024"]
    passed_preflight(cli_run([*base, "--calendar", ky_2024[0], "--start", "08012023"]))
    assert reach_dbt[-1]["kecs_end_year"] == 2024 and reach_dbt[-1]["kecs_calendar_ids"] == [ky_2024[0]]
    refused(cli_run([*base, "--calendar", ky_2025[0]]), f"calendar {ky_2025[0]} ", "end year 2025, not 2024")


def test_il_prior_year_on_the_district(cli_run, raw_district, tmp_path, reach_dbt):
    base = ["il-sca", "--raw", raw_district, "--out", tmp_path / "o", "--start", "070123", "--end", "063024"]
    passed_preflight(cli_run([*base, "--end-year", "2024"]))
    assert reach_dbt[-1]["sca_end_year"] == 2024
    refused(cli_run(base), "lies entirely before school year 2025", "--end-year 2024")


def test_all_prior_year_on_the_district(cli_run, raw_district, tmp_path, reach_dbt):
    r = cli_run(
        [
            "all",
            "--raw",
            raw_district,
            "--out",
            tmp_path / "o",
            "--kecs-end-year",
            "2024",
            "--il-end-year",
            "2024",
            "--il-start",
            "070123",
            "--il-end",
            "063024",
            "--null-text",
            "NULL",
        ]
    )
    passed_preflight(r)
    v = reach_dbt[-1]
    assert (v["kecs_end_year"], v["sca_end_year"], v["raw_null_text"]) == (2024, 2024, "NULL")
