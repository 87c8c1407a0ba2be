"""`sis-extracts explain`: why a student, a section or a staff member is (or is not) on a report.

    sis-extracts explain kecs-lead --out OUT --student ID      (state ID or person ID)
    sis-extracts explain il-sca    --out OUT --section ID
    sis-extracts explain kecs-lead --db RUN.duckdb --staff ID [--json]

`--out` is the run's output folder (kecs-lead, il-sca or all, or a kecs_lead / il_sca folder of an
`all` run); explain finds the database under it (`find_database`). `--db` names the file itself.

It reads a run's DuckDB database (read-only), and only the contracted models of schema `audit`:
the accounting (`audit__kecs_lead_accounting`, `audit__il_sca_accounting`), the reasons
(`audit__reasons`) and the read models `audit__explain_*` (models/audit), which expose the facts a
coordinator recognises of each raw row. It decides nothing itself: it selects and renders; every
status, rule ID and reason comes from the database. This is the one command that prints student
names and IDs (the user asks for them).

`add_parser(subparsers)` registers the command; `run(args) -> int` runs it (exit codes of
docs/cli.md: 0 answered, 1 unexpected failure, 2 bad option or a database without the accounting).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TextIO

import duckdb

from sis_extracts.export.dbt_runner import DB_FILE_NAME
from sis_extracts.export.errors import ACTION_LABEL
from sis_extracts.export.marts import rows_as_dicts
from sis_extracts.export.preflight import WORK_DIR_NAME

EXTRACTS = {
    "kecs-lead": "kecs_lead",
    "il-sca": "il_sca",
}
TITLES = {
    "kecs_lead": "KECS LEAD Extract (Kentucky)",
    "il_sca": "K-12 Student Course Assignment V2 (Illinois)",
}
ACCOUNTING = {
    "kecs_lead": "audit.audit__kecs_lead_accounting",
    "il_sca": "audit.audit__il_sca_accounting",
}
# The contracted audit models explain reads besides the accounting (models/audit/audit__explain_*).
REASONS = "audit.audit__reasons"
PEOPLE = "audit.audit__explain_people"
ENROLLMENTS = "audit.audit__explain_enrollments"
SECTIONS = "audit.audit__explain_sections"
ROSTERS = "audit.audit__explain_rosters"
RUN_CONTEXT = "audit.audit__explain_run_context"
KECS_STUDENT_SECTIONS = "audit.audit__explain_kecs_lead_student_sections"
KECS_TEACHERS = "audit.audit__explain_kecs_lead_teachers"
KECS_ASSIGNMENTS = "audit.audit__explain_kecs_lead_staff_assignments"
KECS_EMPLOYMENT = "audit.audit__explain_kecs_lead_employment"
SCA_RECORDS = "audit.audit__explain_il_sca_records"
SCA_COURSES = "audit.audit__explain_il_sca_courses"
SCA_PERIODS = "audit.audit__explain_il_sca_periods"
SCA_GRADES = "audit.audit__explain_il_sca_grades"
SHARED_READ_MODELS = [REASONS, PEOPLE, ENROLLMENTS, SECTIONS, ROSTERS, RUN_CONTEXT]
READ_MODELS = {
    "kecs_lead": [*SHARED_READ_MODELS, KECS_STUDENT_SECTIONS, KECS_TEACHERS, KECS_ASSIGNMENTS, KECS_EMPLOYMENT],
    "il_sca": [*SHARED_READ_MODELS, SCA_RECORDS, SCA_COURSES, SCA_PERIODS, SCA_GRADES],
}
REPORT_ORDER = {
    "Detail": 0,
    "Classes": 1,
    "Schoolwide": 2,
    "Caseload": 3,
    "Staff": 4,
    "Student Course Assignment": 5,
}
SCA_REPORT = "Student Course Assignment"

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE = 0, 1, 2

DESCRIPTION = """\
Explain, for one student, section or staff member, what an extract considered and decided:
which enrollments, roster rows, sections and grades were candidates, which one each report
uses and by which rule, and why each other one was set aside (rule IDs of the requirement
documents, in plain words). It reads the run's database read-only; it prints names and IDs,
so keep its output where student data may be.
"""

EPILOG = """\
the run's database:
  --out OUT finds it: OUT/.sis-extracts/<extract>/sis_extracts.duckdb for a kecs-lead or il-sca
  run, OUT/.sis-extracts/all/sis_extracts.duckdb for an `all` run (OUT may also be its kecs_lead
  or il_sca folder). --db PATH names the file, e.g. the one SIS_EXTRACTS_DB named for a dbt run.
  It must hold the accounting and explain's read models (dbt build --select +path:models/audit,
  or a sis-extracts run).

rule IDs (R5.BR1, SCA Enrollment, ...): each in plain words in docs/rules.md.

exit codes:
  0  answered (also when the ID is not in the data: the answer says so)
  1  unexpected failure (a bug)
  2  bad option, missing database, or a database without the accounting tables
"""


class ExplainError(Exception):
    """A problem the user can act on (exit code 2)."""


# --- command line ------------------------------------------------------------------------------


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register `explain` on the CLI's subparsers (argparse `add_subparsers()` result)."""
    p = subparsers.add_parser(
        "explain",
        help="Why a student, section or staff member is (or is not) on a report, rule by rule.",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("extract", choices=tuple(EXTRACTS), help="Which extract's run to explain.")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="The --out folder of the run (kecs-lead, il-sca or all, or the kecs_lead / il_sca folder of "
        "an `all` run): explain finds the run's database under it.",
    )
    where.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="The run's DuckDB file itself, e.g. <out>/.sis-extracts/kecs_lead/sis_extracts.duckdb.",
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", metavar="ID", help="A student's State ID or person ID.")
    who.add_argument("--section", metavar="ID", help="A section ID (section.sectionID).")
    who.add_argument("--staff", metavar="ID", help="A staff member's person ID (or staff state ID / number).")
    p.add_argument("--json", action="store_true", help="Print the answer as JSON instead of text.")
    return p


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Answer one `explain` question; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    extract = EXTRACTS[args.extract]
    try:
        db_path = Path(args.db) if getattr(args, "db", None) else find_database(Path(args.out), args.extract)
        with _connect(db_path) as con:
            db = Database(con, extract)
            db.check()
            if args.student is not None:
                answer = explain_student(db, str(args.student).strip())
            elif args.section is not None:
                answer = explain_section(db, _as_int(args.section, "--section"))
            else:
                answer = explain_staff(db, str(args.staff).strip())
    except ExplainError as exc:
        # a message whose last line says what to do ("Give ...") ends with it as the action line
        lines = str(exc).split("\n")
        if len(lines) > 1 and lines[-1].startswith("Give "):
            print("sis-extracts: error: " + "\n".join(lines[:-1]), file=err)
            print(f"  {ACTION_LABEL}{lines[-1]}", file=err)
        else:
            print(f"sis-extracts: error: {exc}", file=err)
        return EXIT_USAGE
    except duckdb.Error as exc:
        print(f"sis-extracts: error: cannot read {db_path}: {type(exc).__name__}: {exc}", file=err)
        return EXIT_INTERNAL
    if getattr(args, "json", False):
        json.dump(answer, out, indent=2, default=_json_default)
        out.write("\n")
    else:
        out.write(render_text(answer))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry point (`python -m sis_extracts.explain explain ...`); the CLI calls `run`."""
    parser = argparse.ArgumentParser(prog="sis-extracts")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    return run(args)


# --- finding the run's database from its --out folder ------------------------------------------

# Where a run keeps its database: <out>/<WORK_DIR>/<run>/<DB_NAME> (export/preflight.py, dbt_runner.py).
DB_NAME = DB_FILE_NAME
WORK_DIR = WORK_DIR_NAME
ALL_RUN = "all"  # the work folder of `sis-extracts all` (export/extracts.py)
# How deep under a given folder explain looks for run databases to list when none fits.
_LISTED_DEPTH = 2
_LISTED_MAX = 20


def database_candidates(out: Path, command: str) -> list[Path]:
    """Where the database of a `command` (kecs-lead / il-sca) run written to `out` can be, in order:
    the extract's own run, an `all` run into `out`, and an `all` run whose kecs_lead / il_sca
    subfolder `out` is."""
    extract = EXTRACTS[command]
    return [
        out / WORK_DIR / extract / DB_NAME,
        out / WORK_DIR / ALL_RUN / DB_NAME,
        out.parent / WORK_DIR / ALL_RUN / DB_NAME,
    ]


def _extract_commands(run: str) -> list[str]:
    """The explain commands a run's database answers (a work folder named kecs_lead, il_sca or all)."""
    if run == ALL_RUN:
        return list(EXTRACTS)
    return [c for c, e in EXTRACTS.items() if e == run]


def databases_under(folder: Path) -> list[Path]:
    """The run databases in `folder`, in its subfolders (`_LISTED_DEPTH` levels) and in its parent."""
    found: set[Path] = set()
    for base in [folder.parent, folder]:
        found.update(base.glob(f"{WORK_DIR}/*/{DB_NAME}"))
    for depth in range(1, _LISTED_DEPTH + 1):
        found.update(folder.glob("*/" * depth + f"{WORK_DIR}/*/{DB_NAME}"))
    return sorted(p for p in found if p.is_file())


def find_database(out: Path, command: str) -> Path:
    """The database of the `command` run whose --out folder is `out`; an ExplainError that lists the
    databases that do exist (and the option that opens each) when there is none."""
    out = out.expanduser()
    if out.is_file():
        raise ExplainError(
            f"{out} is a file, not a run's output folder.\nGive a database file with --db {out}."
        )
    if not out.is_dir():
        raise ExplainError(
            f"{out} is not a folder.\n"
            f"Give --out the folder a `sis-extracts {command}` or `sis-extracts all` run wrote to."
        )
    for path in database_candidates(out, command):
        if path.is_file():
            return path
    lines = [f"no run database for `explain {command}` under {out}."]
    looked = ", ".join(str(p) for p in database_candidates(out, command))
    lines.append(f"  Looked for: {looked}.")
    found = databases_under(out)
    if found:
        lines.append("  Run databases that do exist:")
        for db in found[:_LISTED_MAX]:
            run_out = db.parents[2]
            commands = _extract_commands(db.parent.name)
            answers = " or ".join(f"sis-extracts explain {c} --out {run_out}" for c in commands)
            lines.append(f"    {db}  ({answers or 'not a kecs-lead, il-sca or all run'})")
        if len(found) > _LISTED_MAX:
            lines.append(f"    ... and {len(found) - _LISTED_MAX} more")
    else:
        lines.append(f"  No run database ({WORK_DIR}/<run>/{DB_NAME}) is in it, its subfolders or parent.")
    lines.append(
        f"Give --out the folder of a `sis-extracts {command}` or `sis-extracts all` run, or the database "
        "itself with --db PATH."
    )
    raise ExplainError("\n".join(lines))


def _as_int(text: str, option: str) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        raise ExplainError(f"{option} takes a whole number (a sectionID), not {text!r}.") from None


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    if not path.is_file():
        raise ExplainError(
            f"no database at {path}. Give the run's database: "
            "<out>/.sis-extracts/<extract>/sis_extracts.duckdb."
        )
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        raise ExplainError(f"cannot open {path} read-only ({exc}); is a run still writing it?") from None


def _json_default(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


# --- database access ---------------------------------------------------------------------------


@dataclass
class Database:
    con: duckdb.DuckDBPyConnection
    extract: str
    tables: set[str] = field(default_factory=set)

    def check(self) -> None:
        rows = self.con.execute(
            "select table_schema || '.' || table_name from information_schema.tables"
        ).fetchall()
        self.tables = {r[0] for r in rows}
        needed = [ACCOUNTING[self.extract], *READ_MODELS[self.extract]]
        missing = [t for t in needed if t not in self.tables]
        if missing:
            model = ACCOUNTING[self.extract].split(".")[1]
            raise ExplainError(
                f"the database has no {', '.join(missing)}: it was not built with the accounting. "
                f"Build it with: dbt build --select +{model} +path:models/audit (or a run that includes it)."
            )

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return rows_as_dicts(self.con, sql, params)

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def accounting(self, where: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Accounting rows with the reason's explanation, in a stable order."""
        return self.rows(
            f"""
            select a.*, r.explanation
            from {ACCOUNTING[self.extract]} as a
            left join {REASONS} as r on a.reason_code = r.reason_code
            where {where}
            order by a.candidate_kind, a.candidate_id, a.report
            """,
            params,
        )

    def reasons(self, codes: Iterable[str]) -> dict[str, dict[str, Any]]:
        codes = sorted({c for c in codes if c})
        if not codes:
            return {}
        marks = ", ".join("?" for _ in codes)
        found = self.rows(
            f"select extract, reason_code, rule_id, reason, explanation from {REASONS} "
            f"where reason_code in ({marks})",
            codes,
        )
        return {r["reason_code"]: r for r in found}


def _person_rows(db: Database, ident: str, staff: bool = False) -> list[dict[str, Any]]:
    """People whose person ID, State ID (or, for staff, staff state ID / staff number) is `ident`."""
    conds, params = ["p.state_id = ?"], [ident]
    if staff:
        conds += ["p.staff_state_id = ?", "p.staff_number = ?"]
        params += [ident, ident]
    if ident.isdigit():
        conds.append("p.person_id = ?")
        params.append(int(ident))
    sql = f"""
        select p.person_id, p.state_id, p.student_number, p.staff_number, p.staff_state_id,
               p.last_name, p.first_name
        from {PEOPLE} as p
        where {" or ".join(conds)}
        order by p.person_id
    """
    return db.rows(sql, params)


def _context(db: Database) -> dict[str, Any]:
    """The run's options that frame every answer (end year, date range, as-of)."""
    row = db.one(f"select * from {RUN_CONTEXT} where extract = ?", [db.extract])
    if not row:
        return {}
    context = {"end_year": row["end_year"], "date_range": [row["start_date"], row["end_date"]]}
    if db.extract == "kecs_lead":
        context["staff_year"] = [row["staff_year_start_date"], row["staff_year_end_date"]]
    else:
        context["report_generation_date"] = row["as_of_date"]
        context["in_progress_courses"] = row["is_in_progress_mode"]
        context["records_99_only"] = row["is_records_99_only"]
    return context


def _decision(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "report": row["report"],
        "status": row["status"],
        "rule_id": row["rule_id"],
        "reason": row["reason"],
        "reason_code": row["reason_code"],
        "note": row["note"],
    }


def _group_candidates(rows: list[dict[str, Any]], kind: str, extra: dict[int, dict[str, Any]]) -> list:
    """One entry per raw row of `kind` with its decision on each report."""
    out: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r["candidate_kind"] != kind:
            continue
        entry = out.setdefault(
            r["candidate_id"],
            {
                "id": r["candidate_id"],
                "person_id": r["person_id"],
                "section_id": r["section_id"],
                "calendar_id": r["calendar_id"],
                "school_id": r["school_id"],
                **extra.get(r["candidate_id"], {}),
                "decisions": [],
            },
        )
        entry["decisions"].append(_decision(r))
    for entry in out.values():
        entry["decisions"].sort(key=lambda d: REPORT_ORDER.get(d["report"], 9))
    return list(out.values())


def _by_id(rows: list[dict[str, Any]], key: str) -> dict[int, dict[str, Any]]:
    return {r.pop(key): r for r in rows}


def _ids(values: Iterable[Any]) -> list[int]:
    return sorted({int(v) for v in values if v is not None})


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values) or "null"


# --- details of raw rows (what the coordinator recognises) ---------------------------------------


# Per kind of candidate: the audit table of its raw rows, their id column and the columns shown
# beside the id.
_DETAILS: dict[str, tuple[str, str, str]] = {
    "enrollment": (
        ENROLLMENTS,
        "enrollment_id",
        """service_type, start_date, end_date, grade_level_name, state_grade, is_no_show,
           is_state_excluded, primary_disability, calendar_name, school_name, end_year""",
    ),
    "section": (
        SECTIONS,
        "section_id",
        """section_number, course_id, course_number, course_name, course_state_code,
           section_start_date, section_end_date, term_code, calendar_name, school_name""",
    ),
    "roster": (
        ROSTERS,
        "roster_id",
        "roster_start_date, roster_end_date, effective_start_date, effective_end_date",
    ),
    "grading score": (
        SCA_GRADES,
        "score_id",
        "score, posted_date, term_id, term_name, task_id, task_name, is_state_reported",
    ),
    "staff assignment": (
        KECS_ASSIGNMENTS,
        "assignment_id",
        "school_id, school_name, start_date, end_date, title, employee_type, alt_employee_type",
    ),
}


def _details(db: Database, kind: str, ids: list[int]) -> dict[int, dict[str, Any]]:
    """The raw rows `ids` of candidate `kind`, by id, with the columns the coordinator recognises."""
    if not ids:
        return {}
    table, key, columns = _DETAILS[kind]
    rows = db.rows(f"select {key}, {columns} from {table} where {key} in ({_marks(ids)})", ids)
    return _by_id(rows, key)


def _candidates(db: Database, rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """One entry per raw row of `kind` among the accounting `rows`: its details and decisions."""
    ids = _ids(r["candidate_id"] for r in rows if r["candidate_kind"] == kind)
    return _group_candidates(rows, kind, _details(db, kind, ids))


def _attach_sections(db: Database, entries: list[dict[str, Any]]) -> None:
    sections = _details(db, "section", _ids(e.get("section_id") for e in entries))
    for e in entries:
        if e.get("section_id") in sections:
            e["section"] = sections[e["section_id"]]


def _answer_head(db: Database, question: dict[str, Any], found: bool) -> dict[str, Any]:
    """What every answer starts with: the extract, its title, the question, the run's options, found."""
    return {
        "extract": db.extract,
        "title": TITLES[db.extract],
        "question": question,
        "context": _context(db),
        "found": found,
    }


# --- report verdicts -----------------------------------------------------------------------------


def _verdicts(
    rows: list[dict[str, Any]], reports: Sequence[str], kinds: dict[str, str]
) -> list[dict[str, Any]]:
    """Per report: on it or not, how many raw rows stand behind it, and the reasons otherwise.

    `kinds` names, per report, the candidate kind whose reported rows are the report's rows for
    this person or section (Detail: roster rows; Schoolwide: enrollments; ...)."""
    verdicts = []
    for report in reports:
        mine = [r for r in rows if r["report"] == report and r["candidate_kind"] == kinds[report]]
        if not mine:
            continue
        reported = [r for r in mine if r["status"] == "reported"]
        reasons = Counter((r["rule_id"], r["reason"]) for r in mine if r["status"] != "reported")
        verdicts.append(
            {
                "report": report,
                "on_report": bool(reported),
                "kind": kinds[report],
                "reported": len(reported),
                "set_aside": len(mine) - len(reported),
                "reported_ids": [r["candidate_id"] for r in reported],
                "reported_rules": sorted({r["rule_id"] for r in reported}),
                "set_aside_reasons": [
                    {"rule_id": k[0], "reason": k[1], "count": n} for k, n in reasons.most_common()
                ],
            }
        )
    return verdicts


# --- students ------------------------------------------------------------------------------------


def explain_student(db: Database, ident: str) -> dict[str, Any]:
    people = _person_rows(db, ident)
    answer: dict[str, Any] = {**_answer_head(db, {"student": ident}, bool(people)), "people": []}
    for person in people:
        pid = person["person_id"]
        rows = db.accounting("a.person_id = ? and a.candidate_kind <> 'staff assignment'", [pid])
        entry: dict[str, Any] = {"person": person}
        record_codes: set[str] = set()
        enrollments = _candidates(db, rows, "enrollment")
        rosters = _candidates(db, rows, "roster")
        _attach_sections(db, rosters)
        entry["enrollments"] = enrollments
        entry["rosters"] = rosters
        if db.extract == "kecs_lead":
            entry["verdicts"] = _verdicts(
                rows,
                ("Detail", "Schoolwide", "Caseload"),
                {"Detail": "roster", "Schoolwide": "enrollment", "Caseload": "enrollment"},
            )
            entry["detail_sections"] = _kecs_student_sections(db, pid)
        else:
            grades = _candidates(db, rows, "grading score")
            _attach_sections(db, grades)
            entry["grades"] = grades
            entry["records"], record_codes = _sca_records(db, "person_id = ?", [pid])
            entry["verdicts"] = _sca_record_verdict(entry["records"])
        entry["reasons"] = _reason_glossary(db, rows, record_codes)
        answer["people"].append(entry)
    return answer


def _kecs_student_sections(db: Database, person_id: int) -> list[dict[str, Any]]:
    """R5.BR1 / R5.BR9 per section the student is rostered on at its last day."""
    return db.rows(
        f"""
        select section_id, section_last_day, roster_id, enrollment_id, active_enrollment_count,
               candidate_enrollment_ids, has_active_enrollment
        from {KECS_STUDENT_SECTIONS}
        where person_id = ?
        order by section_id
        """,
        [person_id],
    )


def _sca_records(db: Database, where: str, params: Sequence[Any]) -> tuple[list[dict[str, Any]], set[str]]:
    """The candidate records of the Illinois file (student x section x period x enrollment group),
    and the reason codes of those left out (for the glossary)."""
    rows = db.rows(
        f"""
        select person_id, section_id, section_number, course_number, course_name,
               period_term_id, period_term_name, is_split_section,
               enrollment_id, enrollment_group_count, state_grade, roster_id,
               course_start_date, course_end_date, grade_score_id, grade_term_id,
               grade_score, grade_state_score, final_grade, course_credit,
               is_withdrawn, is_reported, exclusion_reason,
               rule_id, reason, explanation, reason_code
        from {SCA_RECORDS}
        where {where}
        order by section_id, period_start_date, period_term_id, enrollment_id
        """,
        params,
    )
    codes = {r.pop("reason_code") for r in rows}
    return rows, {c for c in codes if c}


def _sca_record_verdict(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    reported = [r for r in records if r["is_reported"]]
    reasons = Counter((r["rule_id"], r["reason"]) for r in records if not r["is_reported"])
    rules = set()
    for r in reported:
        if r["is_split_section"] or (r["enrollment_group_count"] or 1) > 1:
            rules.add("SCA Multiple Records")
        if r["is_withdrawn"] and r["final_grade"] == "17":
            rules.add("SCA No Score")
    return [
        {
            "report": SCA_REPORT,
            "on_report": bool(reported),
            "kind": "record",
            "reported": len(reported),
            "set_aside": len(records) - len(reported),
            "reported_ids": sorted({r["section_id"] for r in reported}),
            "reported_rules": sorted(rules),
            "set_aside_reasons": [
                {"rule_id": k[0], "reason": k[1], "count": n} for k, n in reasons.most_common()
            ],
        }
    ]


def _reason_glossary(
    db: Database, rows: list[dict[str, Any]], record_codes: Iterable[str] = ()
) -> list[dict[str, Any]]:
    found = db.reasons({r["reason_code"] for r in rows} | set(record_codes))
    return [
        {"rule_id": v["rule_id"], "reason": v["reason"], "explanation": v["explanation"]}
        for _, v in sorted(found.items(), key=lambda kv: (kv[1]["rule_id"], kv[1]["reason"]))
    ]


# --- sections ------------------------------------------------------------------------------------


def explain_section(db: Database, section_id: int) -> dict[str, Any]:
    details = _details(db, "section", [section_id])
    rows = db.accounting("a.section_id = ?", [section_id])
    section_rows = [r for r in rows if r["candidate_kind"] == "section"]
    answer: dict[str, Any] = {
        **_answer_head(db, {"section": section_id}, bool(section_rows) or section_id in details),
        "section": {"id": section_id, **details.get(section_id, {})},
        "decisions": [_decision(r) for r in section_rows],
    }
    answer["rosters"] = _candidates(db, rows, "roster")
    answer["roster_summary"] = _summarise(rows, "roster")
    record_codes: set[str] = set()
    if db.extract == "kecs_lead":
        answer["teacher_of_record"] = _kecs_teacher(db, section_id)
        answer["verdicts"] = _verdicts(
            rows, ("Detail", "Classes"), {"Detail": "section", "Classes": "section"}
        )
    else:
        answer["course"] = _sca_course(db, section_id)
        answer["periods"] = _sca_periods(db, section_id)
        answer["records"], record_codes = _sca_records(db, "section_id = ?", [section_id])
        answer["record_summary"] = _record_summary(answer["records"])
        answer["grade_summary"] = _summarise(rows, "grading score")
        answer["verdicts"] = _verdicts(rows, (SCA_REPORT,), {SCA_REPORT: "section"})
    answer["reasons"] = _reason_glossary(db, rows, record_codes)
    return answer


def _summarise(rows: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    counts = Counter(
        (r["report"], r["status"], r["rule_id"], r["reason"]) for r in rows if r["candidate_kind"] == kind
    )
    return [
        {"report": k[0], "status": k[1], "rule_id": k[2], "reason": k[3], "count": n}
        for k, n in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[1], str(kv[0][3])))
    ]


def _record_summary(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    counts = Counter(
        ("reported" if r["is_reported"] else "set aside", r["rule_id"], r["reason"]) for r in records
    )
    return [
        {"status": k[0], "rule_id": k[1], "reason": k[2], "count": n}
        for k, n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], str(kv[0][2])))
    ]


def _kecs_teacher(db: Database, section_id: int) -> dict[str, Any] | None:
    return db.one(
        f"""
        select teacher_person_id, teacher_source, section_last_day, primary_teacher_count,
               last_name, first_name
        from {KECS_TEACHERS}
        where section_id = ?
        """,
        [section_id],
    )


def _sca_course(db: Database, section_id: int) -> dict[str, Any] | None:
    return db.one(
        f"""
        select course_id, course_number, course_name, course_state_code, is_state_excluded,
               is_dual_credit, has_state_reported_task, exclusion_reason
        from {SCA_COURSES}
        where section_id = ?
        """,
        [section_id],
    )


def _sca_periods(db: Database, section_id: int) -> list[dict[str, Any]]:
    return db.rows(
        f"""
        select term_id, term_name, term_start_date, term_end_date, period_term_id,
               period_term_name, is_split_section, period_credit
        from {SCA_PERIODS}
        where section_id = ?
        order by term_start_date, term_id
        """,
        [section_id],
    )


# --- staff ---------------------------------------------------------------------------------------


def explain_staff(db: Database, ident: str) -> dict[str, Any]:
    people = _person_rows(db, ident, staff=True)
    answer: dict[str, Any] = {**_answer_head(db, {"staff": ident}, bool(people)), "people": []}
    for person in people:
        pid = person["person_id"]
        entry: dict[str, Any] = {"person": person}
        taught, taught_rows = _taught_sections(db, pid)
        if db.extract == "kecs_lead":
            rows = db.accounting("a.person_id = ? and a.candidate_kind = 'staff assignment'", [pid])
            entry["assignments"] = _candidates(db, rows, "staff assignment")
            entry["employment"] = _kecs_employment(db, pid)
            entry["verdicts"] = _verdicts(rows, ("Staff",), {"Staff": "staff assignment"})
        else:
            rows = []
            entry["note"] = (
                "The Student Course Assignment file has no staff fields: a staff member is never on it. "
                "The sections whose section record names this person as teacher are listed with their status."
            )
            entry["verdicts"] = []
        entry["taught_sections"] = taught
        entry["reasons"] = _reason_glossary(db, rows + taught_rows, [])
        answer["people"].append(entry)
    return answer


def _taught_sections(db: Database, person_id: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Sections this person teaches (KECS: teacher of record; IL: the section record's teacher)."""
    if db.extract == "kecs_lead":
        sql = f"select section_id, teacher_source from {KECS_TEACHERS} where teacher_person_id = ?"
    else:
        sql = f"select section_id, 'section record' as teacher_source from {SECTIONS} where teacher_person_id = ?"
    taught = db.rows(sql, [person_id])
    ids = _ids(t["section_id"] for t in taught)
    if not ids:
        return [], []
    rows = db.accounting(f"a.candidate_kind = 'section' and a.candidate_id in ({_marks(ids)})", ids)
    extra = {t["section_id"]: {"teacher_source": t["teacher_source"]} for t in taught}
    entries = _group_candidates(rows, "section", extra)
    _attach_sections(db, entries)
    return entries, rows


def _kecs_employment(db: Database, person_id: int) -> list[dict[str, Any]]:
    """The person's District Employment records; is_epsb_source marks the one R7.BR1 / EPSB ID uses."""
    return db.rows(
        f"""
        select employment_id, district_id, start_date, end_date, license_number, is_epsb_source
        from {KECS_EMPLOYMENT}
        where person_id = ?
        order by start_date, employment_id
        """,
        [person_id],
    )


# --- text ----------------------------------------------------------------------------------------


def _d(value: Any) -> str:
    """A date as MM/DD/YYYY (the files' format); blank as '(open)'."""
    if value is None:
        return "(open)"
    if isinstance(value, (date, datetime)):
        return value.strftime("%m/%d/%Y")
    return str(value)


def _v(value: Any, blank: str = "-") -> str:
    return blank if value is None or value == "" else str(value)


def _name(person: dict[str, Any]) -> str:
    last, first = person.get("last_name"), person.get("first_name")
    if not last and not first:
        return "(no name)"
    return f"{_v(last, '')}, {_v(first, '')}".strip(", ")


def _decision_lines(decisions: list[dict[str, Any]], indent: str) -> list[str]:
    width = max((len(x["report"]) for x in decisions), default=0)
    lines = []
    for x in decisions:
        head = f"{indent}{x['report'] + ':':<{width + 1}} {x['status']:<9}"
        if x["status"] == "reported":
            text = f"{head} by {x['rule_id']}"
        else:
            text = f"{head} {x['reason']}"
        if x.get("note"):
            text += f" - {x['note']}"
        lines.append(text)
    return lines


def _context_line(answer: dict[str, Any]) -> str:
    c = answer.get("context") or {}
    parts = []
    if c.get("end_year"):
        parts.append(f"end year {c['end_year']}")
    if c.get("date_range"):
        parts.append(f"date range {_d(c['date_range'][0])} - {_d(c['date_range'][1])}")
    if c.get("report_generation_date"):
        parts.append(f"report generation date {_d(c['report_generation_date'])}")
    if c.get("staff_year"):
        parts.append(f"staff year {_d(c['staff_year'][0])} - {_d(c['staff_year'][1])}")
    return "Run: " + ", ".join(parts) if parts else "Run: (options unknown)"


def _verdict_lines(verdicts: list[dict[str, Any]]) -> list[str]:
    lines = []
    for v in verdicts:
        if v["on_report"]:
            rules = ", ".join(v["reported_rules"])
            lines.append(
                f"  {v['report']}: ON the report ({v['reported']} {v['kind']}(s) behind it; by {rules})"
            )
        else:
            lines.append(f"  {v['report']}: NOT on the report")
        for r in v["set_aside_reasons"]:
            lines.append(f"      {r['count']} {v['kind']}(s) set aside: {r['reason']}")
    return lines


def _glossary_lines(reasons: list[dict[str, Any]]) -> list[str]:
    if not reasons:
        return []
    lines = ["", "What the reasons mean:"]
    for r in reasons:
        lines.append(f"  {r['reason']}")
        lines.append(f"      {r['explanation']}")
    return lines


def render_text(answer: dict[str, Any]) -> str:
    q = answer["question"]
    kind, ident = next(iter(q.items()))
    lines = [f"{answer['title']}: explain {kind} {ident}", _context_line(answer)]
    if not answer["found"]:
        lines.append("")
        if kind == "section":
            lines.append(
                f"Section {ident} is not in the raw section table of this run: nothing could report it."
            )
        else:
            lines.append(
                f"No person with person ID or State ID {ident} is in the raw person table of this run: "
                "the SIS export does not hold them, so no report can."
            )
        return "\n".join(lines) + "\n"
    if kind == "section":
        lines += _section_text(answer)
    else:
        for entry in answer["people"]:
            lines += _person_text(answer, entry, kind)
    lines += _glossary_lines(
        answer.get("reasons") or [r for e in answer.get("people", []) for r in e["reasons"]]
    )
    return "\n".join(_dedupe_glossary(lines)) + "\n"


def _dedupe_glossary(lines: list[str]) -> list[str]:
    out, seen_header = [], False
    for line in lines:
        if line == "What the reasons mean:":
            if seen_header:
                continue
            seen_header = True
        out.append(line)
    return out


def _person_text(answer: dict[str, Any], entry: dict[str, Any], kind: str) -> list[str]:
    p = entry["person"]
    ids = f"person ID {p['person_id']}"
    if p.get("state_id"):
        ids += f", State ID {p['state_id']}"
    if kind == "staff" and p.get("staff_state_id"):
        ids += f", staff state ID {p['staff_state_id']}"
    lines = ["", f"{_name(p)} ({ids})"]
    if entry.get("note"):
        lines.append(f"  {entry['note']}")
    lines += _verdict_lines(entry.get("verdicts", []))
    if kind == "student":
        lines += _enrollment_text(entry["enrollments"])
        if answer["extract"] == "il_sca":
            lines += _records_text(entry.get("records", []))
        lines += _roster_text(entry["rosters"])
        if answer["extract"] == "il_sca":
            lines += _grade_text(entry.get("grades", []))
    else:
        lines += _assignment_text(entry.get("assignments", []), entry.get("employment", []))
        lines += _taught_text(entry.get("taught_sections", []))
    return lines


def _candidate_lines(
    heading: str, entries: list[dict[str, Any]], describe: Callable[[dict[str, Any]], str]
) -> list[str]:
    """A list of candidate rows: the heading with their count, then each row described on one line
    with its decisions below it."""
    lines = ["", f"{heading} ({len(entries)}):"]
    for e in entries:
        lines.append(f"  {describe(e)}")
        lines += _decision_lines(e["decisions"], "      ")
    return lines


def _enrollment_text(enrollments: list[dict[str, Any]]) -> list[str]:
    def describe(e: dict[str, Any]) -> str:
        flags = []
        if e.get("is_no_show"):
            flags.append("no-show")
        if e.get("is_state_excluded"):
            flags.append("marked exclude")
        if e.get("primary_disability"):
            flags.append(f"disability {e['primary_disability']}")
        return (
            f"enrollment {e['id']}: {_v(e.get('calendar_name'))} ({_v(e.get('school_name'))}), "
            f"service type {_v(e.get('service_type'))}, {_d(e.get('start_date'))} - {_d(e.get('end_date'))}, "
            f"grade {_v(e.get('grade_level_name'))} (state grade {_v(e.get('state_grade'))})"
            + (f" [{', '.join(flags)}]" if flags else "")
        )

    return _candidate_lines("Enrollments considered", enrollments, describe)


def _section_label(s: dict[str, Any] | None, section_id: Any) -> str:
    if not s:
        return f"section {section_id}"
    return (
        f"section {section_id} ({_v(s.get('course_number'))} {_v(s.get('course_name'))}, "
        f"section {_v(s.get('section_number'))}, {_v(s.get('school_name'))})"
    )


def _roster_text(rosters: list[dict[str, Any]]) -> list[str]:
    return _candidate_lines(
        "Roster rows considered",
        rosters,
        lambda r: (
            f"roster {r['id']}: {_section_label(r.get('section'), r['section_id'])}, "
            f"{_d(r.get('effective_start_date'))} - {_d(r.get('effective_end_date'))}"
        ),
    )


def _records_text(records: list[dict[str, Any]]) -> list[str]:
    lines = [
        "",
        f"Records of the state file considered ({len(records)}: student x section x term period x enrollment):",
    ]
    for r in records:
        status = "reported" if r["is_reported"] else f"set aside: {_v(r.get('reason'))}"
        grade = _v(r.get("final_grade"), "(blank)")
        lines.append(
            f"  section {r['section_id']} ({_v(r.get('course_number'))} {_v(r.get('course_name'))}), "
            f"period {_v(r.get('period_term_name'))}, enrollment {r['enrollment_id']}: {status}; "
            f"final grade {grade}"
            + (
                f" (from grade {r['grade_score_id']}, score {_v(r.get('grade_score'))})"
                if r.get("grade_score_id")
                else ""
            )
        )
    return lines


def _grade_text(grades: list[dict[str, Any]]) -> list[str]:
    return _candidate_lines(
        "Grades considered",
        grades,
        lambda g: (
            f"grade {g['id']}: section {g['section_id']}, task {_v(g.get('task_name'))}, "
            f"term {_v(g.get('term_name'))}, score {_v(g.get('score'))}, posted {_d(g.get('posted_date'))}"
        ),
    )


def _assignment_text(assignments: list[dict[str, Any]], employment: list[dict[str, Any]]) -> list[str]:
    lines = _candidate_lines(
        "District Assignments considered",
        assignments,
        lambda a: (
            f"assignment {a['id']}: school {_v(a.get('school_name'))}, type {_v(a.get('employee_type'))}"
            f"/{_v(a.get('alt_employee_type'))}, {_v(a.get('title'))}, "
            f"{_d(a.get('start_date'))} - {_d(a.get('end_date'))}"
        ),
    )
    if employment:
        lines += ["", f"District Employment records ({len(employment)}):"]
        for e in employment:
            mark = " <- overlaps the staff year; EPSB ID from it (R7.BR1)" if e["is_epsb_source"] else ""
            lines.append(
                f"  employment {e['employment_id']}: {_d(e.get('start_date'))} - {_d(e.get('end_date'))}, "
                f"license {_v(e.get('license_number'))}{mark}"
            )
    return lines


def _taught_text(taught: list[dict[str, Any]]) -> list[str]:
    if not taught:
        return []
    return _candidate_lines(
        "Sections taught",
        taught,
        lambda t: f"{_section_label(t.get('section'), t['id'])}, teacher from {_v(t.get('teacher_source'))}",
    )


def _section_text(answer: dict[str, Any]) -> list[str]:
    s = answer["section"]
    lines = [
        "",
        _section_label(s, s["id"]) + f", {_d(s.get('section_start_date'))} - {_d(s.get('section_end_date'))}",
    ]
    lines += _decision_lines(answer["decisions"], "  ")
    t = answer.get("teacher_of_record")
    if t:
        lines.append(
            f"  Teacher of record: {_v(t.get('teacher_person_id'), 'none')} ({_name(t)}), "
            f"from {_v(t.get('teacher_source'), 'nowhere')}, checked on {_d(t.get('section_last_day'))}"
        )
    c = answer.get("course")
    if c:
        lines.append(
            f"  Course {c['course_id']}: state code {_v(c.get('course_state_code'))}, "
            f"State Exclude {'yes' if c.get('is_state_excluded') else 'no'}, "
            f"Dual Credit {'yes' if c.get('is_dual_credit') else 'no'}, "
            f"state-reported task {'yes' if c.get('has_state_reported_task') else 'no'}"
        )
    if answer.get("periods"):
        periods = sorted({(p["period_term_id"], p["period_term_name"]) for p in answer["periods"]}, key=str)
        lines.append(
            "  Reporting periods: "
            + ", ".join(f"{_v(n)} (term {i})" for i, n in periods)
            + (
                " - split by the state-reported task's term mask (SCA Multiple Records)"
                if len(periods) > 1
                else ""
            )
        )
    if answer.get("record_summary"):
        lines += ["", "Student records of the state file:"]
        for r in answer["record_summary"]:
            lines.append(f"  {r['count']} {r['status']}" + (f": {r['reason']}" if r["reason"] else ""))
    lines += ["", "Roster rows:"]
    for r in answer.get("roster_summary", []):
        lines.append(
            f"  {r['report']}: {r['count']} {r['status']}" + (f": {r['reason']}" if r["reason"] else "")
        )
    for r in answer.get("rosters", []):
        lines.append(
            f"  roster {r['id']}: student {r['person_id']}, "
            f"{_d(r.get('effective_start_date'))} - {_d(r.get('effective_end_date'))}"
        )
        lines += _decision_lines(r["decisions"], "      ")
    if answer.get("grade_summary"):
        lines += ["", "Grades posted to the section:"]
        for r in answer["grade_summary"]:
            lines.append(f"  {r['count']} {r['status']}" + (f": {r['reason']}" if r["reason"] else ""))
    return lines


if __name__ == "__main__":
    sys.exit(main())
