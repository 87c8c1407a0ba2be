"""`sis-extracts`: the "Generate Extract" button of the state editors, on the command line.

    sis-extracts kecs-lead --raw DIR --out DIR [...]   Kentucky KECS LEAD Extract
    sis-extracts il-sca    --raw DIR --out DIR --start DATE --end DATE [...]
                                                       Illinois K-12 Student Course Assignment V2
    sis-extracts all       --raw DIR --out DIR --il-start DATE --il-end DATE [...]
                                                       both, from one build (--kecs-*, --il-* options)
    sis-extracts generate  --students N --seed S --out DIR   synthetic raw SIS export
    sis-extracts explain   kecs-lead|il-sca --out OUT|--db RUN_DB (--student ID | --section ID | --staff ID)
    sis-extracts diff      PREVIOUS_OUT NEW_OUT [--out DIR]   changes since an earlier run
    sis-extracts load      --target postgres|spark --raw DIR   a raw folder into a warehouse's raw schema

Options mirror the editors; the help text quotes the documents. Exit codes: docs/cli.md.
"""

from __future__ import annotations

import argparse
import difflib
import io
import shlex
import sys
import textwrap
import traceback
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NoReturn

from sis_extracts import __version__, diff, explain
from sis_extracts.engines import ENGINES, WAREHOUSE_ENGINES
from sis_extracts.export.errors import (
    ACTION_LABEL,
    ExitCode,
    ExtractError,
    InternalError,
    OutputError,
    UsageError,
    error_lines,
    fill_hint,
)
from sis_extracts.export.options import (
    KECS_REPORTS,
    KecsOptions,
    ScaOptions,
    parse_calendar_ids,
    parse_date,
    parse_datetime,
    parse_end_year,
    parse_file_id,
    parse_grade_codes,
    parse_reports,
    read_student_ids,
)
from sis_extracts.export.progress import Progress
from sis_extracts.export.summary import summary_lines

PROG = "sis-extracts"

EXIT_CODES = """\
exit codes:
  0  the files were written (warn-level findings are in the Issues and the summary)
  1  unexpected failure (a bug or a broken installation); see the log file named in the message
  2  bad option or value: unknown option, a date that is not a date, start after end,
     a calendar ID that is not in the raw calendar table, or options that can only give empty
     files (an end year without calendars of the state, a calendar of another year or state,
     dates outside the school year)
  3  bad raw input: missing raw folder, file or column, or values that do not parse
  4  a data test at error level failed (the message names each test and its failing rows);
     no file was written
  5  the output folder cannot be created or written, or another run is writing to it
"""


class _ValueError(argparse.ArgumentTypeError):
    """A bad option value: argparse reports the message; `_Parser` prints the hint as the action."""

    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.hint = hint


def _arg(fn: Callable[[str], Any]) -> Callable[[str], Any]:
    """Wrap a parser so argparse reports its message (exit code 2) and its hint as the action line."""

    def wrapped(text: str) -> Any:
        try:
            return fn(text)
        except UsageError as exc:
            raise _ValueError(exc.message, exc.hint) from None

    wrapped.__name__ = fn.__name__
    return wrapped


def _list_of(fn: Callable[[str], Any]) -> dict[str, Any]:
    """add_argument settings of a list option: one or more values, each parsed by `fn` (which may
    split commas), and the option may be repeated; `_flatten` joins what it collects."""
    return {"type": _arg(fn), "nargs": "+", "action": "append"}


def _flatten(values: list | None) -> list:
    out: list = []
    for v in values or []:
        if isinstance(v, list):
            out.extend(_flatten(v))
        else:
            out.append(v)
    return out


# --- the parser: usage errors of the subcommand, with the closest option and one action line -------

_HINT_SEP = "\x1f"  # between an ArgumentError's message and its action, inside argparse


def _closest(word: str, candidates: Sequence[str]) -> list[str]:
    """The candidates closest to `word` (difflib ratio at least 0.6, and within 0.1 of the best),
    at most three, best first: `--end-year` under `all` gives --il-end-year and --kecs-end-year."""

    def key(text: str) -> str:  # the dashes every option shares say nothing
        return text.lstrip("-").casefold()

    scored = sorted(
        ((difflib.SequenceMatcher(None, key(word), key(c)).ratio(), c) for c in candidates),
        key=lambda t: (-t[0], t[1]),
    )
    scored = [(r, c) for r, c in scored if r >= 0.6]
    return [c for r, c in scored if r >= scored[0][0] - 0.1][:3] if scored else []


def _or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _option_name(action: argparse.Action) -> str:
    """How the user names `action`: its long option string, or a positional's metavar or dest."""
    if action.option_strings:
        return max(action.option_strings, key=len)
    return str(action.metavar or action.dest)


class _Parser(argparse.ArgumentParser):
    """argparse with the errors a coordinator can act on, for every subcommand:

    - an unknown option is reported by the subcommand's parser (its usage, not the top level's),
      with the closest options of that subcommand ("did you mean --end-year?"); a mistyped
      subcommand or choice value gets the closest name too;
    - a choice is matched case-insensitively (`--format HTML` is stored as `html`);
    - the error's last line is the one thing to do (ACTION_LABEL): the option value's hint, the
      closest option, or the subcommand's --help."""

    _seen_args: list[str]

    def parse_known_args(self, args=None, namespace=None):
        self._seen_args = [str(a) for a in (sys.argv[1:] if args is None else args)]
        return super().parse_known_args(args, namespace)

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            target = self._chosen_subparser(ns) or self
            target.error(f"unrecognized arguments: {' '.join(extras)}")
        return ns

    def _chosen_subparser(self, ns: argparse.Namespace) -> _Parser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                chosen = action._name_parser_map.get(getattr(ns, action.dest, None) or "")
                return chosen if isinstance(chosen, _Parser) else None
        return None

    def _has_subcommands(self) -> bool:
        return any(isinstance(a, argparse._SubParsersAction) for a in self._actions)

    def _long_options(self) -> list[str]:
        return sorted(o for o in self._option_string_actions if o.startswith("--") and o != "--help")

    def _unknown_options(self) -> list[str]:
        """The option names among this parser's arguments that it does not know (nor abbreviates)."""
        unknown: list[str] = []
        for token in getattr(self, "_seen_args", []):
            if token == "--":
                break
            if not token.startswith("-") or token == "-" or token[1:2].isdigit():
                continue
            name = token.split("=", 1)[0]
            known = name in self._option_string_actions or (
                self.allow_abbrev
                and name.startswith("--")
                and any(o.startswith(name) for o in self._long_options())
            )
            if not known and name not in unknown:
                unknown.append(name)
        return unknown

    def _get_value(self, action: argparse.Action, arg_string: str) -> Any:
        try:
            value = super()._get_value(action, arg_string)
        except argparse.ArgumentError as err:
            hint = getattr(err.__context__, "hint", None)
            if hint:
                raise argparse.ArgumentError(
                    action, f"{err.message}{_HINT_SEP}{fill_hint(hint, option=_option_name(action))}"
                ) from None
            raise
        if isinstance(value, str) and action.choices is not None and value not in action.choices:
            # choices are case-insensitive: the canonical spelling is stored (files and manifests unchanged)
            folded = {str(c).casefold(): c for c in action.choices}
            value = folded.get(value.strip().casefold(), value)
        return value

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        if action.choices is None or value in action.choices:
            return
        names = [str(c) for c in action.choices]
        msg = f"invalid choice: {value!r} (choose from {', '.join(names)})"
        close = _closest(str(value), names)
        if close:
            msg = msg[:-1] + f"; did you mean {_or(close)}?)"
        if isinstance(action, argparse._SubParsersAction):
            todo = f"Run `{self.prog} --help` for the commands."
        else:
            todo = f"Give {_option_name(action)} one of: {', '.join(names)}."
        raise argparse.ArgumentError(action, msg + _HINT_SEP + todo)

    def error(self, message: str) -> NoReturn:
        message, _, action = message.partition(_HINT_SEP)
        lines = [message]
        fixes: list[str] = []
        if not self._has_subcommands():
            for name in self._unknown_options():
                close = _closest(name, self._long_options())
                if close:
                    lines.append(f"  {name} is not an option of `{self.prog}`; did you mean {_or(close)}?")
                    fixes.append(f"{close[0] if len(close) == 1 else _or(close)} for {name}")
                elif not message.startswith("unrecognized arguments"):
                    lines.append(f"  {name} is not an option of `{self.prog}`.")
        if fixes and not action:
            action = f"Write {'; '.join(fixes)}, or run `{self.prog} --help` for the options."
        if not action:
            what = "commands" if self._has_subcommands() else "options and the forms their values take"
            action = f"Run `{self.prog} --help` for the {what}."
        self.print_usage(sys.stderr)
        text = f"{self.prog}: error: " + "\n".join(lines) + f"\n  {ACTION_LABEL}{action}\n"
        self.exit(ExitCode.USAGE, text)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30, width=100)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


def _common(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("running")
    g.add_argument(
        "--quiet", action="store_true", help="No progress lines on stderr (warnings and errors still)."
    )
    g.add_argument(
        "--debug",
        action="store_true",
        help="Show dbt's own output and a traceback on failure (may show data values; for developers).",
    )


def _raw_out(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--force",
        action="store_true",
        help="Write the files even though a data test at error level (a gate: the state's required "
        "fields, lengths, code lists, formats) failed. The manifest then lists every failed gate "
        "under forced_past_failed_gates. Without it, a failed gate stops the run before any file.",
    )
    p.add_argument(
        "--raw",
        type=Path,
        metavar="DIR",
        help="Folder of the raw SIS export: one <table>.csv or <table>.parquet per table of the raw "
        "contract (person.csv, enrollment.csv, ...). Required on DuckDB; with --target postgres|spark "
        "the raw tables are read from the engine's raw schema and DIR, when given, is checked first.",
    )
    p.add_argument(
        "--target",
        type=str.lower,
        choices=ENGINES,
        default="duckdb",
        help="Where dbt builds: duckdb (default, embedded, nothing to install), postgres or spark (the "
        "profiles/profiles.yml output of that name, connection from SIS_EXTRACTS_PG_* / "
        "SIS_EXTRACTS_SPARK_* variables). The files are the same bytes on every engine.",
    )
    p.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="Folder the files are written to (created if missing), with manifest.json. The run's "
        "database and logs go to DIR/.sis-extracts/<extract>/.",
    )
    p.add_argument(
        "--students",
        type=Path,
        metavar="FILE",
        help="Restrict the run to these students (the Illinois editor's Ad hoc Filter, on both "
        "extracts): a text file with one state ID or person ID per line. Other students are set aside "
        "with the reason 'not in the student selection'; IDs that name nobody are listed.",
    )
    p.add_argument(
        "--null-text",
        default="",
        metavar="TEXT",
        help="Read this exact text as NULL in free-text columns too (SQL Server exports write NULL "
        "for empty values); typed columns (dates, numbers, flags, codes, keys) always read the text "
        "NULL as empty. Default: off (free text is read as written).",
    )


KECS_DESCRIPTION = """\
KECS LEAD Extract (Kentucky) - Reporting > KY State Reporting > KECS LEAD Extract

"This tool extracts data to complete the Local Educator Assignment Data (LEAD) Extract. Calendars
and enrollment marked 'exclude' are included in this report. Only schools with a State
Classification of A1, A2, A3, A4, A5, A6, A7, A8, B1, B2, C1, C2, or D1 can show on this report."

Writes one file per report: KECS_LEAD_<ReportName>.csv (R4.BR1), or .html with --format html.

example:
  sis-extracts kecs-lead --raw export/ --out out/ --end-year 2025 --start 07012024 --end 06302025
"""

IL_DESCRIPTION = """\
K-12 Student Course Assignment Extract V2 (Illinois) - IL State Reporting > Student Course Assignment

"The K-12 Student Course Assignment Extract Version 2 collects grade and course-related
information for each student. One entry for each course/section in which students receive a
state reported grade reports."

Writes one file per district: <File Name>.csv (State Format), .txt (Tab Delimited) or .html, the
name being "EN + RCDT or District Name + _ + Date (mmddyyy)_File Identifier", e.g.
SCA12_5008210400200_06222005_001.csv. The file starts with its header line (FileType, Total
Records, File Name, File Date, RCDTS); see docs/cli.md for the exact layouts.

example:
  sis-extracts il-sca --raw export/ --out out/ --start 070124 --end 063025 --file-id 001
  sis-extracts il-sca --raw export/ --out out/ --end-year 2024 --start 070123 --end 063024
"""



ALL_DESCRIPTION = """\
Both extracts in one run: what `kecs-lead` and `il-sca` write, from one dbt build in one database,
so the raw files are read and staged once and the shared models and their data tests run once.

Every editor option of the two commands is here, named --kecs-<option> and --il-<option>. The KECS
files and their manifest.json go to OUT/kecs_lead, the Illinois files and theirs to OUT/il_sca;
the run's database and logs to OUT/.sis-extracts/all/. A failed gate of either extract stops the
whole run before any file (unless --force).

example:
  sis-extracts all --raw export/ --out out/ --kecs-end-year 2025 --il-start 070124 --il-end 063025
  sis-extracts all --raw export/ --out out/ --kecs-end-year 2024 --il-end-year 2024 \\
      --il-start 070123 --il-end 063024
"""


def _prefixed(group: argparse._ArgumentGroup, prefix: str) -> Callable[..., argparse.Action]:
    """add_argument for an editor's options: `name` becomes --<prefix><name>, its dest
    <prefix><dest> (dest defaults to the name in snake case), so that `all` can carry both editors."""

    def add(name: str, dest: str | None = None, **kwargs: Any) -> argparse.Action:
        dest = dest or name.replace("-", "_")
        return group.add_argument(f"--{prefix}{name}", dest=prefix.replace("-", "_") + dest, **kwargs)

    return add


def _kecs_editor_args(group: argparse._ArgumentGroup, prefix: str = "") -> None:
    """The LEAD Extract Editor's options; `prefix` names them for `all` (--kecs-end-year)."""
    e = _prefixed(group, prefix)
    date_help = (
        'Date Range: "Determines a date range for the report. Dates are entered in mmddyyyy format" '
        "(YYYY-MM-DD and MM/DD/YYYY also work). "
    )
    e(
        "start",
        type=_arg(parse_date),
        metavar="DATE",
        help=date_help + '"The Start Date field may be left blank in order to pull data from the '
        'beginning of the selected school year."',
    )
    e(
        "end",
        type=_arg(parse_date),
        metavar="DATE",
        help=date_help + '"The End Date field can have an end date of the last day of the school '
        'year, or the current date." Blank = the last day of the school year.',
    )
    e(
        "end-year",
        type=_arg(parse_end_year),
        metavar="YYYY",
        help='End year of the school year to report (2025 = 24-25). "The report can be run against '
        "a district's active year as well as any prior year.\" (R1). Default: the active year.",
    )
    e(
        "calendar",
        **_list_of(parse_calendar_ids),
        metavar="ID",
        help='Select Calendar: "Determines the Calendars to include on the report." Give one or '
        "more calendarIDs of the raw calendar table (repeat the option, or separate with commas). "
        "Default: every calendar of the school year.",
    )
    report_lines = "; ".join(f"{key}: {r.label} - {r.description}" for key, r in KECS_REPORTS.items())
    e(
        "report",
        **_list_of(parse_reports),
        metavar="NAME",
        help=f"Report(s), comma separated; default all. {report_lines}",
    )
    e(
        "format",
        dest="fmt",
        choices=("csv", "html"),
        default="csv",
        help='Format: "Determines how the report will be generated. Options include CSV and HTML to '
        'review data prior to submission." Default: csv.',
    )
    e(
        "include-cross-site",
        action="store_true",
        help='Unmarks Exclude Cross-Site Data: "When marked checkbox is marked, the report does not '
        'include cross-site homeroom data. ... This checkbox defaults to marked." Give this option '
        "to include cross-site data.",
    )
    e(
        "as-of",
        type=_arg(parse_datetime),
        metavar="DATETIME",
        help="Date Time Generated of every report ('YYYY-MM-DD HH:MM'; a date alone means 00:00). "
        "Fix it to make a run reproducible. Default: now.",
    )


def _il_editor_args(group: argparse._ArgumentGroup, prefix: str = "") -> None:
    """The K-12 Student Course Assignment V2 editor's options; `prefix` names them for `all`."""
    ie = _prefixed(group, prefix)
    il_date = _arg(lambda s: parse_date(s, allow_mmddyy=True))
    ie(
        "start",
        required=True,
        type=il_date,
        metavar="DATE",
        help='Start Date: "Entered date reflects the start date of enrollment records to return. '
        'Dates are entered in mmddyy format" (mmddyyyy, YYYY-MM-DD and MM/DD/YYYY also work).',
    )
    ie(
        "end",
        required=True,
        type=il_date,
        metavar="DATE",
        help='End Date: "Entered date reflects the end date of enrollment records to return. Dates '
        'are entered in mmddyy format" (mmddyyyy, YYYY-MM-DD and MM/DD/YYYY also work).',
    )
    ie(
        "end-year",
        type=_arg(parse_end_year),
        metavar="YYYY",
        help='School Year: "Reports the end year of the school year chosen in the extract editor." '
        'End year of the school year whose calendars report (2025 = 24-25); "Calendars can be chosen '
        'by Active Year, by School or by Year." Default: the active year (schoolyear.active).',
    )
    ie(
        "file-id",
        type=_arg(parse_file_id),
        default="001",
        metavar="NNN",
        help='File Identifier: "Indicates the 3-digit number attached to the end of the file name '
        'and is used to differentiate the file from the other files generated." Default: 001.',
    )
    ie(
        "format",
        dest="fmt",
        choices=("state", "tab", "html"),
        default="state",
        help='Format: "Determines how the report generates. Use the State Format (Comma Delimited) '
        "when submitting the report to the state. Use the HTML or Tab Delimited option when "
        'reviewing data prior to state submission." Default: state.',
    )
    ie(
        "calendar",
        **_list_of(parse_calendar_ids),
        metavar="ID",
        help='Calendar Selection: calendarIDs of the raw calendar table ("Calendars can be chosen by '
        'Active Year, by School or by Year."). Default: every calendar of the school year.',
    )
    ie(
        "grade",
        **_list_of(parse_grade_codes),
        metavar="CODE",
        help='Student Selection: "Only those students in the selected grade levels report if they '
        'meet the reporting requirements." State grade codes: 15 (Kindergarten), 01..12. '
        "Default: all grades.",
    )
    ie(
        "in-progress",
        action="store_true",
        help='In-Progress Courses: "When marked, the extract reports only students who have roster '
        "start dates and roster end dates between the entered report generation dates are "
        'included in the extract."',
    )
    ie(
        "records-99-only",
        action="store_true",
        help='99 Records Only: "When marked, the extract only reports student records where the '
        'roster start and end dates within the report generation dates are equal." All records '
        "then report a Course Final Grade of 99.",
    )
    ie(
        "include-no-state-id",
        action="store_true",
        help='Students without State IDs: "When marked, the report returned students who do not have '
        'state IDs assigned."',
    )
    ie(
        "strip-apostrophes",
        action="store_true",
        help='Strip Apostrophes: "When marked, the following marks are removed from student names and '
        "other reported data: Apostrophes ('), Commas (,), Periods (.), Umlaut (Ö), Tilde (Ñ), "
        'Grave Accents (Ò), Acute Accents (Ó), Circumflex (Ô)." Every diacritic is reduced to '
        "its plain letter; decimal numbers such as Course Credit 1.00 keep their point.",
    )
    ie(
        "protected-identities",
        action="store_true",
        help='Report Protected Identities: "When marked, student identity information (last name, '
        'first name, etc.) reports from the Protected Identity Information fields."',
    )
    ie(
        "as-of",
        type=il_date,
        metavar="DATE",
        help="The report generation date: the File Date of the header and the date after which "
        '"Future end dates do not report." Fix it to make a run reproducible. Default: today.',
    )


def _extract_parser(
    sub: argparse._SubParsersAction,
    name: str,
    help_text: str,
    description: str,
    editors: list[tuple[str, Callable[[argparse._ArgumentGroup, str], None], str]],
) -> argparse.ArgumentParser:
    """An extract's subcommand: --force/--raw/--out, each editor's options (group title, the
    function adding them, their name prefix), then --quiet/--debug."""
    p = sub.add_parser(name, help=help_text, description=description, epilog=EXIT_CODES, formatter_class=_Formatter)
    _raw_out(p)
    for title, add_options, prefix in editors:
        add_options(p.add_argument_group(title), prefix)
    _common(p)
    return p


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        formatter_class=_Formatter,
        description=textwrap.fill(
            "State-reporting extracts from raw Infinite Campus-shaped SIS tables: the "
            '"Generate Extract" button of the KECS LEAD (Kentucky) and K-12 Student Course '
            "Assignment V2 (Illinois) editors, as a command. Each run builds what its reports need "
            "with dbt in its own DuckDB database, checks it with the data tests, and writes the "
            "files, a manifest.json (options, record counts, sha256 checksums, versions) and a summary.",
            96,
        ),
        epilog=EXIT_CODES + "\nRun 'sis-extracts <command> --help' for the options of each extract.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="<command>", required=True)

    # --- the extracts: kecs-lead, il-sca, and both at once -------------------------------------
    _extract_parser(
        sub,
        "kecs-lead",
        "Kentucky KECS LEAD Extract: Detail, Staff, Caseload, Classes, Schoolwide, Issues.",
        KECS_DESCRIPTION,
        [("editor options (LEAD Extract Editor)", _kecs_editor_args, "")],
    )
    _extract_parser(
        sub,
        "il-sca",
        "Illinois K-12 Student Course Assignment Extract V2: one state file per district.",
        IL_DESCRIPTION,
        [("editor options (K-12 Student Course Assignment V2)", _il_editor_args, "")],
    )
    _extract_parser(
        sub,
        "all",
        "Both extracts from one build: the KECS files into OUT/kecs_lead, the Illinois files into OUT/il_sca.",
        ALL_DESCRIPTION,
        [
            ("KECS LEAD editor options (as kecs-lead, named --kecs-...)", _kecs_editor_args, "kecs-"),
            ("Illinois editor options (as il-sca, named --il-...)", _il_editor_args, "il-"),
        ],
    )

    # --- generate -------------------------------------------------------------------------------
    g = sub.add_parser(
        "generate",
        help="Write a synthetic raw SIS export (made-up people) for demos, tests and benchmarks.",
        description="Write a synthetic district as raw SIS tables (the raw contract), one file per table.",
        formatter_class=_Formatter,
    )
    g.add_argument("--students", type=int, required=True, metavar="N", help="Number of students.")
    g.add_argument(
        "--seed", type=int, required=True, metavar="S", help="Random seed (same seed, same files)."
    )
    g.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help="Folder to write the raw tables to."
    )
    g.add_argument(
        "--format", dest="fmt", choices=("csv", "parquet"), default="csv", help="File format (default csv)."
    )
    g.add_argument(
        "--rolled-over",
        action="store_true",
        help="The SIS has rolled over into the next school year: it exists and is the active one "
        "(its calendars, structures, terms, copied courses and next-year enrollments; no rosters "
        "or grades yet), as a district's export looks in July.",
    )
    g.add_argument(
        "--sqlserver-style",
        action="store_true",
        help="CSV as SQL Server export tools write it: dates as midnight datetimes, the text NULL "
        "for empty typed values, codes padded with spaces in some rows, CRLF line ends (CSV only).",
    )
    _common(g)

    # --- load -----------------------------------------------------------------------------------
    ld = sub.add_parser(
        "load",
        help="Put a raw folder into a warehouse's raw schema (PostgreSQL or Spark), for tests and first trials.",
        description="Check a raw folder as a DuckDB run does (same checks and messages), then copy each "
        "raw table of the contract into <schema>.<table> on the engine, as text columns. Districts "
        "usually load their raw schema with their own tools; this is for tests, demos and first trials.",
        formatter_class=_Formatter,
    )
    ld.add_argument("--target", type=str.lower, choices=WAREHOUSE_ENGINES, required=True, help="The engine.")
    ld.add_argument("--raw", type=Path, required=True, metavar="DIR", help="Folder of the raw SIS export.")
    ld.add_argument(
        "--schema", default="raw", metavar="NAME", help="Schema to load into (the raw_schema var; default raw)."
    )
    _common(ld)

    # --- explain --------------------------------------------------------------------------------
    explain.add_parser(sub)

    # --- diff, and --previous on the extracts ---------------------------------------------------
    diff.add_parser(sub, _Formatter)
    for name in ("kecs-lead", "il-sca", "all"):
        diff.add_previous_option(sub.choices[name])
    return parser


# --- commands ------------------------------------------------------------------------------------


def _kecs_options(a: argparse.Namespace, p: str = "") -> KecsOptions:
    def v(name: str) -> Any:
        return getattr(a, p + name)

    as_of = v("as_of") or datetime.now().replace(second=0, microsecond=0)
    opts = KecsOptions(
        raw=a.raw,
        out=a.out,
        as_of=as_of,
        start=v("start"),
        end=v("end"),
        end_year=v("end_year"),
        calendars=_flatten(v("calendar")),
        reports=_flatten(v("report")) or list(KECS_REPORTS),
        fmt=v("fmt"),
        include_cross_site=v("include_cross_site"),
        null_text=a.null_text,
        force=a.force,
        target=a.target,
        **_students(a),
    )
    return _validated(p, opts)


def _students(a: argparse.Namespace) -> dict[str, Any]:
    """--students FILE: the IDs of the student selection (both extracts of a run share it)."""
    path = getattr(a, "students", None)
    return {"students": read_student_ids(path), "students_file": path} if path else {}


def _sca_options(a: argparse.Namespace, p: str = "") -> ScaOptions:
    def v(name: str) -> Any:
        return getattr(a, p + name)

    opts = ScaOptions(
        raw=a.raw,
        out=a.out,
        start=v("start"),
        end=v("end"),
        as_of=v("as_of") or date.today(),
        end_year=v("end_year"),
        file_id=v("file_id"),
        fmt=v("fmt"),
        calendars=_flatten(v("calendar")),
        grades=_flatten(v("grade")),
        in_progress=v("in_progress"),
        records_99_only=v("records_99_only"),
        include_no_state_id=v("include_no_state_id"),
        strip_apostrophes=v("strip_apostrophes"),
        protected_identities=v("protected_identities"),
        null_text=a.null_text,
        force=a.force,
        target=a.target,
        **_students(a),
    )
    return _validated(p, opts)


def _validated(p: str, opts: Any) -> Any:
    """The editor's checks of `opts` (start after end, ...) with its options named as the command
    names them (`p` = kecs_ or il_ under `all`: --kecs-start)."""
    opts.validate(p.replace("_", "-"))
    return opts


def print_summary(summary, stream=None) -> None:
    stream = stream or sys.stdout
    w = max((len(f.name) for f in summary.files), default=10)
    print(f"{summary.title}: {len(summary.files)} file(s) written to {summary.out}", file=stream)
    for f in summary.files:
        print(f"  {f.name:<{w}}  {f.records:>10,} record(s)", file=stream)
    for note in summary.notes:
        print(f"  {note}", file=stream)
    if summary.issues_by_severity is None:
        print("Issues: not built in this run.", file=stream)
    elif not summary.issues_by_severity:
        print("Issues: none.", file=stream)
    else:
        parts = ", ".join(f"{s} {n:,}" for s, n in summary.issues_by_severity.items())
        print(f"Issues by severity: {parts}", file=stream)
    lines = summary_lines(summary.summary) if summary.summary else []
    if lines:
        print("What each report considered, reported and set aside (largest reasons first):", file=stream)
        for text in lines:
            print(text, file=stream)
    t = summary.tests
    line = f"Data tests: {t.get('pass', 0)} passed, {t.get('warn', 0)} warned"
    if summary.warned_tests:
        line += f" (warn-level; stored in the run's database, schema audit; log: {summary.log_file})"
    print(line, file=stream)
    print(f"Manifest: {summary.manifest}", file=stream)
    if summary.summary_path is not None:
        print(f"Summary: {summary.summary_path}", file=stream)
    review = summary.out / "index.html"
    if review.is_file():
        print(f"Review (open in a browser before submitting): {review}", file=stream)


def _run_generate(a: argparse.Namespace, progress: Progress) -> int:
    try:
        from sis_extracts.generate import generate
    except ImportError as exc:
        raise InternalError(f"the data generator is not available in this installation ({exc}).") from None
    progress.step(f"generating {a.students:,} students (seed {a.seed}) as {a.fmt} into {a.out}")
    try:
        counts = generate(
            a.out, a.students, a.seed, a.fmt, rolled_over=a.rolled_over, sqlserver_style=a.sqlserver_style
        )
    except ValueError as exc:  # out-of-range --students and the like
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise OutputError(f"cannot write into {a.out}: {exc.strerror or exc}.") from None
    if isinstance(counts, dict):
        print(f"{len(counts)} raw tables, {sum(counts.values()):,} rows written to {a.out}")
    return ExitCode.OK


EXPLAIN_ACTIONS = {
    ExitCode.USAGE: "Run `sis-extracts explain --help` for the options; --db is a run's database, "
    "<out>/.sis-extracts/<extract>/sis_extracts.duckdb.",
    ExitCode.INTERNAL: "Make sure no sis-extracts run is writing that database, then run again.",
}


def _run_explain(a: argparse.Namespace) -> int:
    """`explain` prints its own errors; they end with the action line too (added when missing)."""
    err = io.StringIO()
    code = explain.run(a, err=err)
    text = err.getvalue()
    last = text.rstrip("\n").splitlines()[-1:] or [""]
    if code != ExitCode.OK and text and not last[0].startswith(f"  {ACTION_LABEL}"):
        action = EXPLAIN_ACTIONS.get(code, EXPLAIN_ACTIONS[ExitCode.INTERNAL])
        text = text.rstrip("\n") + f"\n  {ACTION_LABEL}{action}\n"
    sys.stderr.write(text)
    return code


def _run_load(a: argparse.Namespace, progress: Progress) -> int:
    from sis_extracts.engines import connect
    from sis_extracts.engines.load import load_raw
    from sis_extracts.export.project import find_project_dir

    project = find_project_dir()
    engine = connect(project, a.target)
    try:
        loaded = load_raw(engine, project, a.raw, a.schema, progress)
    finally:
        engine.close()
    print(
        f"{len(loaded.tables)} raw tables, {sum(loaded.tables.values()):,} rows loaded into "
        f"{loaded.schema} on {a.target}"
    )
    return ExitCode.OK


def _command_line(argv: Sequence[str] | None) -> str:
    args = list(sys.argv[1:] if argv is None else argv)
    return " ".join(shlex.quote(x) for x in [PROG, *args])


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        a = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error (already printed)
        return int(exc.code) if isinstance(exc.code, int) else ExitCode.USAGE
    debug = bool(getattr(a, "debug", False))
    extract = {"kecs-lead": "kecs_lead", "il-sca": "il_sca", "all": "kecs_lead+il_sca"}.get(a.command, a.command)
    progress = Progress(extract, quiet=bool(getattr(a, "quiet", False)))
    try:
        if a.command == "generate":
            return _run_generate(a, progress)
        if a.command == "explain":
            return _run_explain(a)
        if a.command == "diff":
            return diff.run(a)
        if a.command == "load":
            return _run_load(a, progress)
        if a.target == "duckdb" and a.raw is None:
            raise UsageError("--raw DIR is required (the folder of the raw SIS export).")
        if a.previous is not None:  # refused before the run when it is not an output folder
            diff.check_previous(a.previous, a.out)
        from sis_extracts.export.extracts import run_all, run_kecs, run_sca

        if a.command == "all":
            summaries = run_all(
                _kecs_options(a, "kecs_"), _sca_options(a, "il_"), progress, debug=debug, command=_command_line(argv)
            )
            for i, summary in enumerate(summaries):
                if i:
                    print(file=sys.stdout)
                print_summary(summary)
            return _after_run(a)
        if a.command == "kecs-lead":
            summary = run_kecs(_kecs_options(a), progress, debug=debug, command=_command_line(argv))
        else:
            summary = run_sca(_sca_options(a), progress, debug=debug, command=_command_line(argv))
        print_summary(summary)
        return _after_run(a)
    except ExtractError as exc:
        if debug:
            traceback.print_exc()
        _print_error(exc, a.command)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted; no file was renamed into place.", file=sys.stderr)
        print(f"  {ACTION_LABEL}Run the command again when you are ready.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a bug: say so without data (no traceback unless --debug)
        if debug:
            traceback.print_exc()
        _print_error(InternalError(f"unexpected {type(exc).__name__} (a bug in sis-extracts)."), a.command)
        return ExitCode.INTERNAL


def _after_run(a: argparse.Namespace) -> int:
    """--previous DIR: the changes since that run, into the new output folder."""
    if a.previous is not None:
        diff.after_run(a.previous, a.out)
    return ExitCode.OK


def _print_error(exc: ExtractError, command: str | None = None) -> None:
    """The message, then one line saying what to do (errors.error_lines)."""
    body, action = error_lines(exc, command=command)
    print(f"{PROG}: error: " + "\n".join(body), file=sys.stderr)
    print(f"  {ACTION_LABEL}{action}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
