"""`sis-extracts diff PREVIOUS_OUT NEW_OUT`: what changed since the last submission.

Compares two output folders of the same extract (of `kecs-lead`, `il-sca` or `all`), report by
report, by each report's key: the records added, removed and changed (with the changed fields),
and for a removed record the reason the new run's accounting gives. Prints a table of counts and
the first changes, and writes changes.csv and changes.html (self-contained) into NEW_OUT or --out.
`--previous DIR` on the extract commands does the same after the run (`after_run`).

Modules: folders (which folders, manifests, work folders), records (file layouts and keys, which
report a file holds), table (two runs' records of a report compared in DuckDB), reasons (the
accounting's reason of a removed record), compare (a folder pair), render (console, CSV, HTML).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from sis_extracts.diff.compare import DiffResult, diff_folders
from sis_extracts.diff.folders import resolve
from sis_extracts.diff.render import changes_fragment, print_console, print_counts, write_csv, write_html
from sis_extracts.export.errors import ExitCode, ExtractError, OutputError, UsageError

__all__ = ["DiffResult", "add_parser", "after_run", "check_previous", "diff_folders", "run"]

DESCRIPTION = """\
What changed since the last submission: compares two output folders of the same extract (the
--out of kecs-lead, il-sca or all; for all, both extracts) report by report, by each report's key
(KECS Detail: section + student; Classes: section; Staff: person + school + type; Schoolwide:
school; Caseload: case manager; Issues: issue number, district, school, person, section, enrollment
and detail; Illinois:
student + course/section + term). Lists the records added, removed and changed (with the changed
fields, old -> new), and for each removed record the reason the new run's accounting gives (or
"not in the new run's raw data"). CSV, state and tab files are compared; HTML pages are not.

Prints the counts per report and the first changes (IDs, never names or birth dates), and writes
changes.csv (one line per change or changed field) and changes.html (self-contained) into NEW_OUT,
or into --out DIR.

example:
  sis-extracts diff submitted/2025-06 out/
"""

EPILOG = """\
exit codes:
  0  compared (differences are not an error)
  1  unexpected failure (a bug)
  2  a folder is missing or is not an output folder of sis-extracts, or the two folders hold
     different extracts
  5  changes.csv / changes.html cannot be written
"""


def add_parser(
    sub: Any, formatter_class: type = argparse.RawDescriptionHelpFormatter
) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "diff",
        help="What changed since the last submission: records added, removed and changed, per report.",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=formatter_class,
    )
    p.add_argument("previous", type=Path, metavar="PREVIOUS_OUT", help="Output folder of the earlier run.")
    p.add_argument("new", type=Path, metavar="NEW_OUT", help="Output folder of the new run (same extract).")
    p.add_argument(
        "--out", type=Path, metavar="DIR", help="Folder for changes.csv and changes.html (default: NEW_OUT)."
    )
    p.add_argument(
        "--limit",
        type=int,
        default=10,
        metavar="N",
        help="Changes shown per report on the console (default 10).",
    )
    return p


def _write(result: DiffResult, folder: Path) -> list[Path]:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return [write_csv(result, folder), write_html(result, folder)]
    except OSError as exc:
        raise OutputError(
            f"cannot write the changes into {folder}: {exc.strerror or exc}.",
            hint="Give a folder you can write to with --out.",
        ) from None


def run(a: argparse.Namespace, stream: TextIO | None = None) -> int:
    stream = stream or sys.stdout
    result = diff_folders(a.previous, a.new)
    written = _write(result, a.out or a.new)
    print_console(result, stream, limit=max(0, a.limit))
    print(f"Changes written: {', '.join(str(p) for p in written)}", file=stream)
    return ExitCode.OK


def check_previous(previous: Path, out: Path) -> None:
    """--previous: refuse, before the run starts, a folder that is not an output folder, or the
    run's own --out (its files are about to be replaced)."""
    prev, dest = Path(previous).expanduser().resolve(), Path(out).expanduser().resolve()
    if prev == dest or dest in prev.parents or prev in dest.parents:
        raise UsageError(
            f"--previous folder {previous} is the run's own --out folder {out} (or inside it): this run "
            "replaces its files, so there would be nothing left to compare with.",
            hint="Give the new run another --out folder, and the earlier run's folder to --previous.",
        )
    resolve(previous, "--previous")


def after_run(previous: Path, new_out: Path, stream: TextIO | None = None) -> DiffResult:
    """--previous DIR: compare DIR with the run's output folder, write changes.csv and
    changes.html into it, and print the counts per report."""
    stream = stream or sys.stdout
    try:
        result = diff_folders(previous, new_out, previous_role="--previous")
        written = _write(result, new_out)
    except ExtractError as exc:
        raise type(exc)(
            f"the files were written, but comparing them with --previous failed: {exc.message}", exc.hint
        ) from None
    print(file=stream)
    for ex in result.extracts:
        print(f"Changes since {ex.previous} ({ex.title}):", file=stream)
        print_counts(ex, stream)
    for note in result.notes:
        print(note, file=stream)
    print(f"Changes written: {', '.join(str(p) for p in written)}", file=stream)
    _add_to_review(result, new_out)
    return result


def _add_to_review(result: DiffResult, new_out: Path) -> None:
    """The changes into the run's review pages: new_out/index.html (one extract, or the index of
    `all`, whose changes.html is at the top), and the extract folders' pages of `all`."""
    from sis_extracts.review.page import INDEX_NAME, insert_changes

    insert_changes(new_out / INDEX_NAME, changes_fragment(result.extracts, "changes.html"))
    for ex in result.extracts:
        if ex.new.resolve() != new_out.resolve():
            insert_changes(ex.new / INDEX_NAME, changes_fragment([ex], "../changes.html"))


def add_previous_option(p: argparse.ArgumentParser) -> None:
    """--previous DIR on an extract command (kecs-lead, il-sca, all)."""
    p.add_argument(
        "--previous",
        type=Path,
        metavar="DIR",
        help="Output folder of an earlier run of the same extract (e.g. the last submission): after the "
        "run, compare it with the new files and write changes.csv and changes.html into --out "
        "(see `sis-extracts diff`).",
    )
