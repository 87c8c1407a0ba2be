"""The editors' options: parsing what a coordinator types, and mapping it to the dbt vars.

Dates are accepted as YYYY-MM-DD, as MM/DD/YYYY, and as the editor's mmddyyyy (KECS Date Range);
the Illinois editor also takes mmddyy. The vars are the `kecs_*` / `sca_*` vars of dbt_project.yml.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sis_extracts.export.errors import UsageError

# --- KECS LEAD reports (the file names, R4.BR1, are the marts' meta.file_name) ------------------


@dataclass(frozen=True)
class Report:
    key: str  # the --report value
    mart: str  # dbt model holding the file's rows (its meta.file_name names the file)
    label: str  # the editor's name for it
    description: str  # the editor's description, verbatim


KECS_REPORTS: dict[str, Report] = {
    r.key: r
    for r in (
        Report(
            "detail",
            "kecs_lead__detail",
            "Detail",
            "Generates a detail list for other reports to pull information from.",
        ),
        Report(
            "staff",
            "kecs_lead__staff",
            "Staff (Detail)",
            "Generates a list of active staff for a given calendar.",
        ),
        Report(
            "caseload",
            "kecs_lead__caseload",
            "Caseload (Aggregate)",
            "Generates an aggregated list of information for each case manager.",
        ),
        Report(
            "classes",
            "kecs_lead__classes",
            "Classes (Aggregate)",
            "Generates an aggregated list of course sections for a given calendar.",
        ),
        Report(
            "schoolwide",
            "kecs_lead__schoolwide",
            "Schoolwide (Aggregate)",
            "Generates an aggregated list of information for the school.",
        ),
        Report(
            "issues",
            "kecs_lead__issues",
            "Issues",
            "Generates a list of issues with the data used in other reports.",
        ),
    )
}
KECS_ISSUES_MART = "kecs_lead__issues"

SCA_RECORDS_MART = "il_sca__student_course_assignment"
SCA_HEADER_MART = "il_sca__file_header"
SCA_ISSUES_MART = "il_sca__issues"

# IL state grades the extract reports (15 = Kindergarten, 01..12).
SCA_STATE_GRADES = ("15", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
SCA_FORMATS = {"state": ".csv", "tab": ".txt", "html": ".html"}
KECS_FORMATS = {"csv": ".csv", "html": ".html"}


# --- parsing ------------------------------------------------------------------------------------

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_DIGITS = re.compile(r"^\d{6}$|^\d{8}$")


def parse_date(text: str, *, allow_mmddyy: bool = False) -> date:
    """YYYY-MM-DD, MM/DD/YYYY or mmddyyyy (and mmddyy / MM/DD/YY when allow_mmddyy)."""
    s = text.strip()
    forms = "mmddyyyy (07012024), YYYY-MM-DD or MM/DD/YYYY" + (" or mmddyy (070124)" if allow_mmddyy else "")
    try:
        if m := _ISO.match(s):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := _SLASH.match(s):
            if len(m[3]) == 2 and not allow_mmddyy:
                raise UsageError(
                    f"'{s}' has a 2-digit year.",
                    hint="Give {option} with a 4-digit year, e.g. 07/01/2024 or 07012024.",
                )
            return date(_year(m[3]), int(m[1]), int(m[2]))
        if _DIGITS.match(s):
            if len(s) == 6 and not allow_mmddyy:
                raise UsageError(
                    f"'{s}' is mmddyy, a 2-digit year: this editor takes mmddyyyy.",
                    hint="Give {option} as mmddyyyy (07012024) or YYYY-MM-DD (2024-07-01).",
                )
            return date(_year(s[4:]), int(s[0:2]), int(s[2:4]))
    except ValueError as exc:  # e.g. month 13
        raise UsageError(
            f"'{s}' is not a valid date ({exc}).", hint=f"Give {{option}} a day that exists, as {forms}."
        ) from None
    raise UsageError(f"'{s}' is not a date.", hint=f"Give {{option}} as {forms}.")


def _year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y)


_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_datetime(text: str) -> datetime:
    """A date (any form parse_date takes) optionally followed by HH:MM[:SS] (space or T between)."""
    s = text.strip()
    parts = re.split(r"[ T]", s, maxsplit=1)
    d = parse_date(parts[0])
    if len(parts) == 1 or not parts[1].strip():
        return datetime(d.year, d.month, d.day)
    m = _TIME.match(parts[1].strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        raise UsageError(
            f"'{s}' has no valid time of day (HH:MM, 24-hour).",
            hint="Give {option} as 'YYYY-MM-DD HH:MM' (24-hour), e.g. '2025-06-30 17:00'.",
        )
    return datetime(d.year, d.month, d.day, int(m[1]), int(m[2]))


def parse_end_year(text: str) -> int:
    s = text.strip()
    if not re.fullmatch(r"\d{4}", s) or not 1900 < int(s) < 2200:
        raise UsageError(
            f"'{s}' is not an end year (the 4-digit year the school year ends in).",
            hint="Give {option} as a 4-digit year, the year the school year ends in: 2025 for 2024-25.",
        )
    return int(s)


def parse_calendar_ids(text: str) -> list[int]:
    """One or more calendarIDs, comma separated."""
    out = []
    for part in text.split(","):
        p = part.strip()
        if not p:
            continue
        if not p.isdigit():
            raise UsageError(
                f"'{p}' is not a calendar ID (the number calendarID of the raw calendar table).",
                hint="Give {option} calendarID numbers of calendar.csv, e.g. 101 or 101,102.",
            )
        out.append(int(p))
    return out


_GRADE_ALIASES = {"K": "15", "KG": "15", "KINDERGARTEN": "15"}


def parse_grade_codes(text: str) -> list[str]:
    """IL state grade codes 15 (Kindergarten), 01..12; also K/KG and 1..12 without the zero."""
    out = []
    for part in text.split(","):
        p = part.strip().upper()
        if not p:
            continue
        code = _GRADE_ALIASES.get(p, p.zfill(2) if p.isdigit() else p)
        if code not in SCA_STATE_GRADES:
            raise UsageError(
                f"'{part.strip()}' is not a state grade the extract reports.",
                hint="Give {option} state grade codes 15 (Kindergarten) or 01..12 (K and 1..12 also work).",
            )
        out.append(code)
    return out


def parse_reports(text: str) -> list[str]:
    out = []
    for part in text.split(","):
        p = part.strip().lower()
        if not p:
            continue
        p = {"staff (detail)": "staff"}.get(p, p)
        if p not in KECS_REPORTS:
            close = difflib.get_close_matches(p, list(KECS_REPORTS), n=1, cutoff=0.6)
            guess = f" (did you mean {close[0]}?)" if close else ""
            raise UsageError(
                f"unknown report '{part.strip()}'{guess}.",
                hint=f"Give {{option}} one or more of {', '.join(KECS_REPORTS)} (comma separated).",
            )
        out.append(p)
    return out


def parse_file_id(text: str) -> str:
    s = text.strip()
    if not re.fullmatch(r"\d{1,3}", s):
        raise UsageError(
            f"'{s}' is not a File Identifier (a number of up to 3 digits).",
            hint="Give {option} a 3-digit number such as 001 (1 is read as 001).",
        )
    return s.zfill(3)


def _dedupe(values: list) -> list:
    seen: dict = {}
    for v in values:
        seen.setdefault(v, None)
    return list(seen)


def _mdy(d: date | None) -> str:
    return d.strftime("%m/%d/%Y") if d else ""


def _check_dates(start: date | None, end: date | None, problem: str, prefix: str = "") -> None:
    """Both editors refuse a date range that starts after it ends (`problem` says it their way);
    the options are named as the command names them (`prefix`: `kecs-`, `il-` under `all`)."""
    if start and end and start > end:
        s, e = f"--{prefix}start", f"--{prefix}end"
        raise UsageError(
            f"{problem} ({s} {_mdy(start)} > {e} {_mdy(end)}).",
            hint=f"Give {s} on or before {e}.",
        )


def _check_format(fmt: str, formats: dict[str, str], prefix: str = "") -> None:
    """Both editors accept only their own formats."""
    if fmt not in formats:
        *first, last = formats
        raise UsageError(
            f"unknown format '{fmt}'; choose {', '.join(first)} or {last}.",
            hint=f"Give --{prefix}format {' or '.join(formats)}.",
        )


# --- the two editors ----------------------------------------------------------------------------


def raw_vars(raw: Path | None, null_text: str = "", students: list[str] | None = None) -> dict:
    """The vars of the raw folder, the same for both extracts (and for `all`): `raw_path`, the
    absolute folder, and `raw_null_text` (--null-text; '' = off): the exact text that free-text
    columns also read as NULL (typed columns always read the text NULL as empty); with
    --students, `student_ids` (the student selection, int_people__student_selection). With no
    folder (a warehouse target whose raw tables are in its raw schema) `raw_path` is empty."""
    out: dict = {"raw_path": str(raw.resolve()) if raw is not None else "", "raw_null_text": null_text}
    if students:
        out["student_ids"] = list(students)
    return out


STUDENT_ID = re.compile(r"^[A-Za-z0-9_-]+$")


def read_student_ids(path: Path) -> list[str]:
    """The student selection file of --students: one state ID or person ID per line (blank lines and
    lines starting with # are skipped; a UTF-8 BOM and spaces around an ID are ignored). Each ID once,
    in file order. A line that is not one ID stops the run naming the file, the line and the value."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UsageError(f"--students {path}: no such file.", hint="Give a text file with one ID per line.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            f"--students {path}: cannot be read as UTF-8 text ({exc}).", hint="Save it as UTF-8 text."
        ) from None
    ids: list[str] = []
    for n, line in enumerate(text.splitlines(), start=1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if not STUDENT_ID.match(value):
            raise UsageError(
                f"--students {path}, line {n}: '{value}' is not one state ID or person ID "
                "(letters, digits, '-' and '_' only; one ID per line).",
                hint="Put one ID on each line, with no commas, quotes or spaces inside it.",
            )
        if value not in ids:
            ids.append(value)
    if not ids:
        raise UsageError(f"--students {path}: the file holds no ID.", hint="Give one state ID or person ID per line.")
    return ids


@dataclass
class KecsOptions:
    raw: Path | None  # None: a warehouse target reads its raw schema
    out: Path
    as_of: datetime
    start: date | None = None
    end: date | None = None
    end_year: int | None = None
    calendars: list[int] = field(default_factory=list)
    reports: list[str] = field(default_factory=lambda: list(KECS_REPORTS))
    fmt: str = "csv"
    include_cross_site: bool = False
    null_text: str = ""  # --null-text: also read this exact text as NULL in free-text columns
    force: bool = False
    students: list[str] = field(default_factory=list)  # --students FILE: the student selection
    students_file: Path | None = None
    target: str = "duckdb"  # --target: the profiles.yml output dbt builds on (engines/)

    extract = "kecs_lead"
    title = "KECS LEAD Extract (Kentucky)"

    def validate(self, prefix: str = "") -> None:
        """Normalise the lists and refuse what the editor refuses; `prefix` names the options as
        the command does (`kecs-` under `all`)."""
        self.calendars = _dedupe(self.calendars)
        self.reports = [r for r in KECS_REPORTS if r in set(self.reports)] or list(KECS_REPORTS)
        _check_dates(self.start, self.end, "the Date Range starts after it ends", prefix)
        _check_format(self.fmt, KECS_FORMATS, prefix)

    def dbt_vars(self) -> dict:
        return {
            **raw_vars(self.raw, self.null_text, self.students),
            "kecs_start_date": self.start.isoformat() if self.start else "",
            "kecs_end_date": self.end.isoformat() if self.end else "",
            "kecs_end_year": self.end_year if self.end_year is not None else "",
            "kecs_calendar_ids": list(self.calendars),
            "kecs_exclude_cross_site": not self.include_cross_site,
            "kecs_as_of": self.as_of.strftime("%Y-%m-%d %H:%M"),
        }

    def editor_options(self) -> list[tuple[str, str]]:
        """The options as the editor names them (shown on HTML pages and in manifest.json)."""
        return [
            (
                "Date Range",
                (
                    f"{_mdy(self.start) or '(start of the school year)'} - "
                    f"{_mdy(self.end) or '(last day of the school year)'}"
                ),
            ),
            ("End Year", str(self.end_year) if self.end_year else "(the active school year)"),
            ("Format", self.fmt.upper()),
            ("Exclude Cross-Site Data", "not marked" if self.include_cross_site else "marked"),
            ("Report(s)", ", ".join(KECS_REPORTS[r].label for r in self.reports)),
            (
                "Select Calendars",
                ", ".join(str(c) for c in self.calendars) or "(all calendars of the school year)",
            ),
            ("Date Time Generated", self.as_of.strftime("%m/%d/%Y %H:%M")),
            *_selection_option(self.students, self.students_file),
        ]


@dataclass
class ScaOptions:
    raw: Path | None
    out: Path
    start: date
    end: date
    as_of: date
    end_year: int | None = None
    file_id: str = "001"
    fmt: str = "state"
    calendars: list[int] = field(default_factory=list)
    grades: list[str] = field(default_factory=list)
    in_progress: bool = False
    records_99_only: bool = False
    include_no_state_id: bool = False
    strip_apostrophes: bool = False
    protected_identities: bool = False
    null_text: str = ""  # --null-text: also read this exact text as NULL in free-text columns
    force: bool = False
    students: list[str] = field(default_factory=list)  # --students FILE: the student selection
    students_file: Path | None = None
    target: str = "duckdb"  # --target: the profiles.yml output dbt builds on (engines/)

    extract = "il_sca"
    title = "K-12 Student Course Assignment Extract V2 (Illinois)"

    def validate(self, prefix: str = "") -> None:
        """As KecsOptions.validate (`il-` under `all`)."""
        self.calendars = _dedupe(self.calendars)
        self.grades = [g for g in SCA_STATE_GRADES if g in set(self.grades)]
        _check_dates(self.start, self.end, "the Start Date is after the End Date", prefix)
        _check_format(self.fmt, SCA_FORMATS, prefix)

    def dbt_vars(self) -> dict:
        return {
            **raw_vars(self.raw, self.null_text, self.students),
            "sca_start_date": self.start.isoformat(),
            "sca_end_date": self.end.isoformat(),
            "sca_end_year": self.end_year if self.end_year is not None else "",
            "sca_as_of": self.as_of.isoformat(),
            "sca_calendar_ids": list(self.calendars),
            "sca_grade_levels": list(self.grades),
            "sca_in_progress": self.in_progress,
            "sca_records_99_only": self.records_99_only,
            "sca_include_no_state_id": self.include_no_state_id,
            "sca_protected_identities": self.protected_identities,
            "sca_strip_apostrophes": self.strip_apostrophes,
            "sca_file_id": self.file_id,
        }

    def editor_options(self) -> list[tuple[str, str]]:
        def box(v: bool) -> str:
            return "marked" if v else "not marked"

        fmt = {"state": "State Format (Comma Delimited)", "tab": "Tab Delimited", "html": "HTML"}[self.fmt]
        return [
            ("Extract Type", "K-12 Student Course Assignment"),
            ("Start Date", _mdy(self.start)),
            ("End Date", _mdy(self.end)),
            ("School Year", str(self.end_year) if self.end_year else "(the active school year)"),
            ("File Identifier", self.file_id),
            ("In-Progress Courses", box(self.in_progress)),
            ("99 Records Only", box(self.records_99_only)),
            ("Students without State IDs", box(self.include_no_state_id)),
            ("Strip Apostrophes", box(self.strip_apostrophes)),
            ("Report Protected Identities", box(self.protected_identities)),
            ("Format", fmt),
            ("Student Selection (grade levels)", ", ".join(self.grades) or "(all grades)"),
            ("Calendar Selection", ", ".join(str(c) for c in self.calendars) or "(all calendars)"),
            ("File Date (report generation date)", _mdy(self.as_of)),
            *_selection_option(self.students, self.students_file),
        ]


def _selection_option(students: list[str], path: Path | None) -> list[tuple[str, str]]:
    """The student selection as an editor option line, only when one is given (so a run without
    --students shows the options it always did)."""
    if not students:
        return []
    source = f" from {path.name}" if path else ""
    return [("Student Selection (ad hoc filter)", f"{len(students):,} student ID(s){source}")]
