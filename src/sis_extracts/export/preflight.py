"""Checks made before dbt starts: the raw folder, the calendars asked for, the school year and
date range asked for (options that can only give empty files), the output folder."""

from __future__ import annotations

import fcntl
import os
import tempfile
from dataclasses import dataclass
from datetime import date
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
        raise RawInputError(
            f"--raw {raw} is a file, not a folder of raw tables.",
            hint="Point --raw at the folder that holds the raw tables (person.csv, enrollment.csv, ...).",
        )
    try:
        has_files = any(p.suffix.lower() in (".csv", ".parquet") for p in raw.iterdir())
    except OSError as exc:
        raise RawInputError(
            f"cannot read the raw folder {raw}: {exc.strerror}.",
            hint="Give yourself read access to the folder, or point --raw at a copy you can read.",
        ) from None
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


def check_calendars(raw: Path, calendar_ids: list[int], prefix: str = "") -> None:
    """Every calendar ID asked for must be a calendarID of the raw calendar table; `prefix` names
    the option as the command does (`all`: kecs-, il-)."""
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
        raise RawInputError(
            f"cannot read {f}: {str(exc).splitlines()[0]}",
            hint=f"Re-export {f.name} as comma-separated UTF-8 text with a header line, then run again.",
        ) from None
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
            f"--{prefix}calendar: calendar ID(s) {', '.join(map(str, unknown))} not found in {f.name} of "
            f"{raw}.\n  Calendars in the file (ID name (end year)): {listing}"
            + (" ..." if len(known) > 12 else ""),
            hint=f"Give --{prefix}calendar calendarIDs of {f.name} (the calendars listed above).",
        )


# --- the school year, calendars and dates asked for: refuse what can only give empty files ----------
# Reads the small raw tables schoolyear, calendar, district and school (no student data) leniently,
# the way staging reads them. A table, column or value that cannot be read skips the checks that
# need it: the dbt run then stops with the proper bad-input message.

STATE_NAMES = {"KY": "Kentucky", "IL": "Illinois"}
EXTRACT_STATES = {"kecs_lead": "KY", "il_sca": "IL"}
_TRUE = ("1", "true", "t", "y", "yes")
_FALSE = ("0", "false", "f", "n", "no")


def _typed_sql(col: str, kind: str, null_text: str) -> str:
    """SQL reading the VARCHAR column `col` as `kind` (text, code, int, date, bool), as staging
    does: trimmed, empty is NULL; the text NULL (any case) is NULL except in free text, where only
    the --null-text marker is; dates YYYY-MM-DD or a midnight datetime (YYYY-MM-DD 00:00:00[.000],
    YYYY-MM-DDT00:00:00)."""
    t = f"nullif(trim({col}), '')"
    if kind == "text":
        if not null_text.strip():
            return t
        return f"case when {t} = {_sql_str(null_text.strip())} then null else {t} end"
    v = f"case when upper({t}) = 'NULL' then null else {t} end"
    if kind == "code":
        return v
    if kind == "int":
        return f"try_cast({v} as bigint)"
    if kind == "bool":
        return f"case when lower({v}) in {_TRUE} then true when lower({v}) in {_FALSE} then false end"
    day = r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]00:00:00(?:\.0+)?)?$"
    return f"cast(try_strptime(regexp_extract({v}, {_sql_str(day)}, 1), '%Y-%m-%d') as date)"


@dataclass
class _Table:
    """A raw table as typed values: `rows` (contract column -> value); `bad` the columns that are
    missing or hold a value that does not parse (checks needing them are skipped)."""

    file: Path
    rows: list[dict]
    bad: set[str]

    def usable(self, *cols: str) -> bool:
        return not self.bad.intersection(cols)


def _read_table(raw: Path, table: str, columns: dict[str, str], null_text: str = "") -> _Table | None:
    """The columns (contract name -> kind) of raw table `table`, or None when its file is missing or
    cannot be read."""
    f = _table_file(raw, table)
    if f is None:
        return None
    reader = (
        f"read_csv({_sql_str(str(f))}, header = true, all_varchar = true, delim = ',', quote = '\"', "
        "escape = '\"')"
        if f.suffix.lower() == ".csv"
        else f"read_parquet({_sql_str(str(f))})"
    )
    con = duckdb.connect()
    try:
        present = {r[0].lower(): r[0] for r in con.execute(f"describe select * from {reader}").fetchall()}
        names = [c for c in columns if c.lower() in present]
        if not names:
            return _Table(f, [], set(columns))
        select = []
        for c in names:
            src = f'cast("{present[c.lower()].replace(chr(34), chr(34) * 2)}" as varchar)'
            select.append(f"nullif(trim({src}), '')")
            select.append(_typed_sql(src, columns[c], null_text))
        fetched = con.execute(f"select {', '.join(select)} from {reader}").fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    bad = {c for c in columns if c not in names}
    rows = []
    for r in fetched:
        row = {}
        for i, c in enumerate(names):
            text, value = r[2 * i], r[2 * i + 1]
            if (
                value is None
                and text is not None
                and text.upper() != "NULL"
                and columns[c] not in ("text", "code")
            ):
                bad.add(c)  # a value staging cannot read either: dbt reports it
            row[c] = value
        rows.append(row)
    return _Table(f, rows, bad)


@dataclass(frozen=True)
class _Calendar:
    calendar_id: int
    name: str | None
    end_year: int | None
    state: str | None  # district.state of its district, None when none

    def describe(self) -> str:
        year = self.end_year if self.end_year is not None else "none"
        return (
            f"{self.calendar_id} {self.name or '(no name)'} (end year {year}, state {self.state or 'none'})"
        )


@dataclass
class _SchoolYear:
    end_year: int
    label: str | None
    start: date | None
    end: date | None


@dataclass
class RawYears:
    """What the raw folder says about school years and calendars (no student data). A part that
    cannot be read is None (its checks are skipped)."""

    schoolyear_file: Path | None = None
    years: dict[int, _SchoolYear] | None = None  # None: endYear unreadable
    dates_known: bool = False  # startDate and endDate readable
    active_known: bool = False  # active (and endYear) readable
    active_year: int | None = None  # max endYear of the rows marked active
    calendar_file: Path | None = None
    calendars: dict[int, _Calendar] | None = None  # None: calendarID or endYear unreadable
    states_known: bool = False  # every calendar's state could be looked up
    district_file: Path | None = None


def read_raw_years(raw: Path, null_text: str = "") -> RawYears:
    """Read schoolyear, calendar, district (and school, for calendars without a districtID)."""
    ry = RawYears()
    sy = _read_table(
        raw,
        "schoolyear",
        {"endYear": "int", "label": "text", "active": "bool", "startDate": "date", "endDate": "date"},
        null_text,
    )
    if sy is not None:
        ry.schoolyear_file = sy.file
        if sy.usable("endYear"):
            ry.years = {}
            for r in sy.rows:
                if r["endYear"] is not None and r["endYear"] not in ry.years:
                    ry.years[r["endYear"]] = _SchoolYear(
                        r["endYear"], r.get("label"), r.get("startDate"), r.get("endDate")
                    )
            ry.dates_known = sy.usable("startDate", "endDate")
            if sy.usable("active"):
                ry.active_known = True
                active = [r["endYear"] for r in sy.rows if r["active"] and r["endYear"] is not None]
                ry.active_year = max(active) if active else None
    cal = _read_table(
        raw,
        "calendar",
        {"calendarID": "int", "schoolID": "int", "districtID": "int", "endYear": "int", "name": "text"},
        null_text,
    )
    if cal is None or not cal.usable("calendarID", "endYear"):
        return ry
    ry.calendar_file = cal.file
    district = _read_table(raw, "district", {"districtID": "int", "state": "code"})
    states: dict[int, str | None] | None = None
    if district is not None and district.usable("districtID", "state"):
        ry.district_file = district.file
        states = {}
        for r in district.rows:
            if r["districtID"] is not None:
                states.setdefault(r["districtID"], r["state"])  # exact, as the models compare it
    school_district: dict[int, int | None] | None = None
    if any(r.get("districtID") is None for r in cal.rows):  # fall back to the school's district
        school = _read_table(raw, "school", {"schoolID": "int", "districtID": "int"})
        if school is not None and school.usable("schoolID", "districtID"):
            school_district = {}
            for r in school.rows:
                if r["schoolID"] is not None:
                    school_district.setdefault(r["schoolID"], r["districtID"])
    known = states is not None and cal.usable("districtID")
    ry.calendars = {}
    for r in cal.rows:
        if r["calendarID"] is None:
            continue
        district_id = r.get("districtID")
        if district_id is None and known:
            if school_district is None or not cal.usable("schoolID"):
                known = False
            else:
                district_id = school_district.get(r.get("schoolID"))
        state = states.get(district_id) if states is not None and district_id is not None else None
        ry.calendars.setdefault(
            r["calendarID"], _Calendar(r["calendarID"], r.get("name"), r["endYear"], state)
        )
    ry.states_known = known
    return ry


def _years(values) -> str:
    return ", ".join(str(y) for y in sorted(set(values)))


def _mdy(d: date | None) -> str:
    return d.strftime("%m/%d/%Y") if d else "(none)"


def check_school_year(
    raw: Path,
    *,
    state: str,
    end_year: int | None,
    start: date | None = None,
    end: date | None = None,
    calendars: list[int] | None = None,
    prefix: str = "",
    null_text: str = "",
    raw_years: RawYears | None = None,
) -> None:
    """Refuse (UsageError, exit 2) the options that can only give empty files for the extract of
    `state` ('KY', 'IL'): an end year (given, or the active one) without a calendar of the state,
    or without a schoolyear row; a --calendar of another end year or state; a date range that does
    not meet the school year. `prefix` names the options as the command does (`all`: kecs-, il-)."""
    ry = raw_years or read_raw_years(raw, null_text)
    state_name = STATE_NAMES.get(state, state)

    def opt(name: str) -> str:
        return f"--{prefix}{name}"

    sy_name = ry.schoolyear_file.name if ry.schoolyear_file else "schoolyear.csv"

    # the end year: given, or the active school year
    if end_year is None:
        if ry.years is None or not ry.active_known:
            return  # unreadable: dbt reports the values
        if ry.active_year is None:
            raise UsageError(
                f"no school year is marked active in {sy_name}, so there is no default end year; "
                f"years present: {_years(ry.years) or 'none'}.",
                hint=f"Give {opt('end-year')} YYYY (the end year of the school year to report), or mark "
                f"the current school year active in {sy_name}.",
            )
        year = ry.active_year
        origin = f" (no {opt('end-year')} given: the active school year in {sy_name} is {year})"
    else:
        year, origin = end_year, ""
    given = f"{opt('end-year')}: " if end_year is not None else ""  # the option the year comes from

    # a. a calendar of the state in that end year
    if ry.calendars is not None and ry.states_known:
        of_state = [c for c in ry.calendars.values() if c.state == state]
        state_years = {c.end_year for c in of_state if c.end_year is not None}
        if year not in state_years:
            where = ry.calendar_file
            if state_years:
                exist = f"{state_name} calendars exist for end years {_years(state_years)}"
                hint = f"Give {opt('end-year')} with one of those years" + (
                    f", or export the calendars of {year}." if end_year is not None else "."
                )
            else:
                exist = (
                    f"{where.name} holds no {state_name} calendar of any end year (a calendar's "
                    f"state is district.state of its district: districts with state {state})"
                )
                hint = (
                    f"Check district.state in {ry.district_file.name if ry.district_file else 'district.csv'}"
                    f" ({state} for {state_name}), or run the extract of the state the calendars belong to."
                )
            raise UsageError(
                f"{given}no {state_name} calendar of end year {year} in {where}{origin}; {exist}.", hint=hint
            )

    # the school year's row (its dates bound the date range)
    school_year = None
    if ry.years is not None:
        school_year = ry.years.get(year)
        if school_year is None:
            raise UsageError(
                f"{given}{sy_name} has no row for end year {year}{origin}; years present: "
                f"{_years(ry.years) or 'none'}.",
                hint=f"Give {opt('end-year')} with one of the years present, or add the school year "
                f"{year} to {sy_name}.",
            )

    # b. the calendars asked for: of the state and of that end year
    if calendars and ry.calendars is not None:
        wrong = []
        for cid in calendars:
            c = ry.calendars.get(cid)
            if c is None:
                continue  # unknown IDs: check_calendars
            reasons = []
            if c.end_year != year:
                reasons.append(f"end year {c.end_year if c.end_year is not None else 'none'}, not {year}")
            if ry.states_known and c.state != state:
                reasons.append(f"a district of {c.state or 'no state'}, not {state}")
            if reasons:
                wrong.append((c, reasons))
        if wrong:
            lines = "\n".join(f"  calendar {c.describe()}: {'; '.join(r)}" for c, r in wrong)
            fitting = sorted(
                c.calendar_id
                for c in ry.calendars.values()
                if c.end_year == year and (c.state == state or not ry.states_known)
            )
            listing = ", ".join(map(str, fitting[:12])) + (" ..." if len(fitting) > 12 else "")
            other_years = {c.end_year for c, _ in wrong if c.end_year is not None and c.end_year != year}
            same_state = all(c.state == state for c, _ in wrong) or not ry.states_known
            hint = f"Give {opt('calendar')} {state_name} calendars of end year {year}" + (
                f" ({listing})" if listing else ""
            )
            if same_state and len(other_years) == 1:
                hint += f", or choose their school year with {opt('end-year')} {other_years.pop()}."
            else:
                hint += "."
            raise UsageError(
                f"{opt('calendar')} names calendar(s) that are not {state_name} calendars of end year "
                f"{year}{origin}; they would report nothing:\n{lines}",
                hint=hint,
            )

    # c. the date range meets the school year
    if school_year is None or not ry.dates_known:
        return
    sy_start, sy_end = school_year.start, school_year.end
    win_start = start or sy_start
    win_end = end or sy_end
    label = f"school year {year}" + (f" ({school_year.label})" if school_year.label else "")
    span = f"{_mdy(sy_start)} - {_mdy(sy_end)} in {sy_name}"
    problem = None
    if win_end is not None and sy_start is not None and win_end < sy_start:
        problem = (
            f"the date range {_mdy(start)} - {_mdy(end)} lies entirely before"
            if start is not None
            else f"the end date {_mdy(end)} is before the start of"
        )
    elif win_start is not None and sy_end is not None and win_start > sy_end:
        problem = (
            f"the date range {_mdy(start)} - {_mdy(end)} lies entirely after"
            if end is not None
            else f"the start date {_mdy(start)} is after the end of"
        )
    if problem is None:
        return
    named = [opt(n) for n, d in (("start", start), ("end", end)) if d is not None]
    problem = "/".join(named) + ": " + problem if named else problem
    given_dates = [d for d in (start, end) if d is not None]
    fits = [
        y.end_year
        for y in ry.years.values()
        if y.start is not None
        and y.end is not None
        and all(y.start <= d <= y.end for d in given_dates)
        and y.end_year != year
    ]
    hint = f"Give {opt('start')}/{opt('end')} within {_mdy(sy_start)} - {_mdy(sy_end)}"
    if fits:
        hint += f", or choose the school year of those dates with {opt('end-year')} {max(fits)}."
    else:
        hint += "."
    raise UsageError(f"{problem} {label}: {span}{origin}.", hint=hint)


def check_editor_options(raw: Path, opts, prefix: str = "") -> None:
    """check_school_year for an extract's options (KecsOptions or ScaOptions)."""
    state = EXTRACT_STATES.get(getattr(opts, "extract", ""))
    if state is None:
        return
    check_school_year(
        raw,
        state=state,
        end_year=opts.end_year,
        start=opts.start,
        end=opts.end,
        calendars=list(opts.calendars),
        prefix=prefix,
        null_text=getattr(opts, "null_text", ""),
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
