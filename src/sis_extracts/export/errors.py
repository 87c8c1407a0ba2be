"""Errors a user can act on, each with its exit code (documented in docs/cli.md)."""

from __future__ import annotations

import re
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    INTERNAL = 1  # unexpected failure: a bug or a broken installation; see the run's log file
    USAGE = 2  # bad option or option value (also an unknown calendar, start after end)
    RAW_INPUT = 3  # raw folder, file, column or value does not match the raw contract
    DATA_TEST = 4  # a dbt data test at error level failed: no file was written
    OUTPUT = 5  # the output folder cannot be created or written (or another run holds it)
    INTERRUPTED = 130


class ExtractError(Exception):
    """An error with a message for the user and the exit code of its kind.

    `hint` is what to do about it, one sentence: printed as the error's last line (`ACTION_LABEL`).
    It may say `{option}` where the option the value was given to belongs (the CLI fills it in:
    `--kecs-end-year` under `all`). Without a hint, the kind's `default_hint` is printed."""

    exit_code: ExitCode = ExitCode.INTERNAL
    default_hint = "Run again with --debug for the details, and report the problem with the run's log file."

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(ExtractError):
    exit_code = ExitCode.USAGE
    default_hint = "Run `sis-extracts {command} --help` for the options and the forms their values take."


class RawInputError(ExtractError):
    exit_code = ExitCode.RAW_INPUT
    default_hint = "Fix the SIS export and run again."


class DataTestError(ExtractError):
    exit_code = ExitCode.DATA_TEST
    default_hint = "Fix the data in the SIS and run again (or pass --force to write the files anyway)."


class OutputError(ExtractError):
    exit_code = ExitCode.OUTPUT
    default_hint = "Choose a folder you can write to with --out."


class InternalError(ExtractError):
    exit_code = ExitCode.INTERNAL


# --- the last line of every error: what to do ------------------------------------------------------

ACTION_LABEL = "What to do: "

# A line of a message that is itself an instruction (the dbt macros end their messages with one):
# it is taken out of the message and becomes the error's one action line.
_ACTION_LINE = re.compile(r"^(Fix|Re-export|Re-save|Give|Point|Export|Choose|Check|Run|Each row of)\b")


def fill_hint(text: str, *, command: str | None = None, option: str | None = None) -> str:
    """`text` with its `{command}` and `{option}` placeholders filled in."""
    cmd = command or "<command>"
    return text.replace("{command}", cmd).replace("{option}", option or "the option")


def error_lines(exc: ExtractError, *, command: str | None = None) -> tuple[list[str], str]:
    """The message lines of `exc` and its one action line (without ACTION_LABEL).

    Instruction lines of the message itself (not indented: "Fix them in the SIS export and run
    again.", "Each row of course must have its own courseID. ...") are taken out: when the message
    carries such lines they are the action (the more specific; each said once, on one line), else
    the hint, else the kind's default. So an error that joins several dbt messages still ends with
    one action line."""
    body: list[str] = []
    own: list[str] = []
    for line in exc.message.rstrip().splitlines():
        if _ACTION_LINE.match(line) and body:
            if line.strip() not in own:
                own.append(line.strip())
        else:
            body.append(line.rstrip())
    while body and not body[-1].strip():
        body.pop()
    # "Fix them ..." said again inside a more specific instruction is said once
    own = [a for a in own if not any(a != b and a in b for b in own)]
    action = " ".join(own) if own else (exc.hint or exc.default_hint)
    return body, fill_hint(action.strip(), command=command)


# Raw columns whose values identify or describe a person: an example value of these is never shown.
SENSITIVE_COLUMNS = frozenset(
    c.lower()
    for c in (
        "birthdate",
        "stateID",
        "studentNumber",
        "staffNumber",
        "staffStateID",
        "lastName",
        "firstName",
        "middleName",
        "suffix",
        "legalLastName",
        "legalFirstName",
        "licenseNumber",
    )
)

_EXAMPLE = re.compile(r"(column (?P<col>[A-Za-z0-9_]+)\b[^\n]*?e\.g\. )'[^\n]*'")


def redact_examples(text: str) -> str:
    """Withhold the example value that a raw-input message quotes for a personal column."""

    def _sub(m: re.Match[str]) -> str:
        if m.group("col").lower() in SENSITIVE_COLUMNS:
            return m.group(1) + "(value withheld: personal data)"
        return m.group(0)

    return _EXAMPLE.sub(_sub, text)


_QUOTED = re.compile(r"'[^'\n]{1,200}'|\"[^\"\n]{1,200}\"")


def redact_quoted(text: str) -> str:
    """Replace every quoted value in a database error message (it may hold a name or an ID)."""
    return _QUOTED.sub("'…'", text)


# DuckDB's CSV reader, when it throws (the landing hook avoids it, but an older project or another
# reader may not), dumps the dialect, its options, "possible fixes" and the raw line itself (which
# may hold a student's name). The user gets the file and the problem instead.
_SNIFF_ERROR = re.compile(r'Error when sniffing file "(?P<file>[^"\n]+)"')
_CSV_LINE_ERROR = re.compile(r"CSV Error on Line: (?P<line>\d+)")
_CSV_FILE_OPTION = re.compile(r"^\s*file\s*=\s*(?P<file>\S.*?)\s*$", re.MULTILINE)
_CSV_PROBLEMS = (
    ("unterminated quote", 'has a quote (") that is never closed'),
    ("Invalid unicode", "is not UTF-8 text (re-save the export as UTF-8)"),
    ("Expected Number of Columns", "does not have as many fields as the header"),
    ("Maximum line size", "is too long"),
)
RAW_CONTRACT_PREFIX = "The raw SIS export does not match the raw contract:"


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").split("/")[-1]


def translate_reader_error(text: str) -> str | None:
    """The project's message for a DuckDB CSV reader error in `text` (file and problem, never the
    reader's options or the line's content), or None when `text` is not one."""
    m = _SNIFF_ERROR.search(text)
    if m:
        return (
            f"{RAW_CONTRACT_PREFIX}\n  - {_file_name(m['file'])}: cannot be read as CSV with ',' between "
            "fields and '\"' quotes: a quote (\") that is never closed, or another delimiter. "
            "Re-export it with comma delimiters and balanced quotes."
        )
    m = _CSV_LINE_ERROR.search(text)
    if m:
        f = _CSV_FILE_OPTION.search(text)
        name = _file_name(f["file"]) if f else "a raw CSV file"
        problem = next((p for needle, p in _CSV_PROBLEMS if needle in text), "cannot be read")
        return (
            f"{RAW_CONTRACT_PREFIX}\n  - {name}: line {m['line']} {problem} "
            f"(DuckDB: CSV Error on Line: {m['line']}). Fix the export and run again."
        )
    return None
