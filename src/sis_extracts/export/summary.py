"""The run summary: what each report considered, reported and set aside, the largest set-aside
reasons, the students enrolled in the selected calendars who are on no report, and the Issues by
number. Read from the run's audit models (audit__accounting_summary, audit__students_on_no_report),
the Issues mart and the Issues catalog; written as summary.json beside manifest.json and printed on
the console. Nothing is decided here: the figures are the models' own.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from sis_extracts.export.marts import MartSpec, quote_ident, relation_exists, rows_as_dicts
from sis_extracts.export.writer import FileResult, atomic_file

SUMMARY_NAME = "summary.json"
TOP_REASONS = 5
# the Issues catalog of each extract (seeds/reference/*_issue_catalog.csv: what to fix in the SIS)
ISSUE_CATALOGS = {"kecs_lead": "reference.kecs_issue_catalog", "il_sca": "reference.il_sca_issue_catalog"}






def report_accounting(con: duckdb.DuckDBPyConnection, extract: str, reports: list[str]) -> list[dict]:
    """Per report (in `reports` order): candidates per kind and the TOP_REASONS largest set-aside reasons."""
    if not relation_exists(con, "audit.audit__accounting_summary"):
        return []
    out = []
    for report in reports:
        kinds = rows_as_dicts(
            con,
            "select candidate_kind as kind, candidates as considered, reported, set_aside "
            "from audit.audit__accounting_summary where extract = ? and report = ? and line_type = 'total' "
            "order by candidates desc, candidate_kind",
            [extract, report],
        )
        if not kinds:
            continue
        top = rows_as_dicts(
            con,
            "select candidate_kind as kind, rule_id, reason_code, reason, set_aside as count "
            "from audit.audit__accounting_summary where extract = ? and report = ? and line_type = 'reason' "
            f"order by set_aside desc, rule_id, reason_code limit {TOP_REASONS}",
            [extract, report],
        )
        out.append({"report": report, "candidates": kinds, "top_set_aside": top})
    return out


def students_on_no_report(con: duckdb.DuckDBPyConnection, extract: str) -> dict | None:
    """Students enrolled in the selected calendars: how many, how many on a report, and those on
    none by reason (largest first)."""
    if not relation_exists(con, "audit.audit__students_on_no_report"):
        return None
    enrolled, on_report = con.execute(
        "select count(*), count(*) filter (where is_on_a_report) "
        "from audit.audit__students_on_no_report where extract = ?",
        [extract],
    ).fetchone()
    by_reason = rows_as_dicts(
        con,
        "select rule_id, reason_code, reason, count(*) as count from audit.audit__students_on_no_report "
        "where extract = ? and not is_on_a_report group by rule_id, reason_code, reason "
        "order by count desc, rule_id, reason_code",
        [extract],
    )
    return {
        "enrolled": int(enrolled),
        "on_a_report": int(on_report),
        "on_no_report": int(enrolled - on_report),
        "by_reason": by_reason,
    }


def student_selection(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The run's student selection (--students): the IDs given, how many name a student, and the
    unknown ones (listed: the user gave them). None when no selection was given."""
    if not relation_exists(con, "audit.audit__student_selection"):
        return None
    rows = con.execute(
        "select given_id, bool_or(is_known) from audit.audit__student_selection group by given_id order by given_id"
    ).fetchall()
    if not rows:
        return None
    return {
        "given": len(rows),
        "known": sum(1 for _, known in rows if known),
        "unknown": [given for given, known in rows if not known],
    }


def issues_by_number(con: duckdb.DuckDBPyConnection, extract: str, issues: MartSpec | None) -> list[dict] | None:
    """The Issues report grouped by issue number, with the catalog's severity, name, report and fix
    (None when the run built no Issues report). The review overview shows these rows."""
    if issues is None:
        return None
    catalog = ISSUE_CATALOGS[extract]
    has_catalog = relation_exists(con, catalog)
    fix = "max(_cat.fix_in_sis)" if has_catalog else "cast(null as varchar)"
    join = f"left join {catalog} as _cat on _cat.issue_number = _mart.issue_number" if has_catalog else ""
    cols = {c.lower(): c for c in issues.all_columns}
    if not {"issue_number", "severity", "issue_name", "affects_report"} <= cols.keys():
        return []
    q = {
        k: f"_mart.{quote_ident(cols[k])}"
        for k in ("issue_number", "severity", "issue_name", "affects_report")
    }
    return rows_as_dicts(
        con,
        f"select {q['issue_number']} as issue_number, max({q['severity']}) as severity, "
        f"max({q['issue_name']}) as issue_name, max({q['affects_report']}) as affects_report, "
        f"{fix} as fix_in_sis, count(*) as count from {issues.relation} as _mart {join} "
        f"group by {q['issue_number']} order by {q['issue_number']}",
    )


def build_summary(
    con: duckdb.DuckDBPyConnection,
    *,
    extract: str,
    title: str,
    generated: str,
    options: list[tuple[str, str]],
    files: list[FileResult],
    reports: list[str],
    issues: MartSpec | None,
    issues_by_severity: dict[str, int] | None,
) -> dict:
    return {
        "extract": extract,
        "title": title,
        "generated": generated,
        "options": dict(options),
        "files": [{"report": f.report, "file": f.name, "records": f.records} for f in files],
        "reports": report_accounting(con, extract, reports),
        "students_on_no_report": students_on_no_report(con, extract),
        "student_selection": student_selection(con),
        "issues": {
            "by_severity": issues_by_severity,  # None: no Issues report built
            "by_number": issues_by_number(con, extract, issues),
        },
    }


def write_summary(out: Path, summary: dict) -> Path:
    final = out / SUMMARY_NAME
    with atomic_file(final) as tmp:
        tmp.write_text(
            json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
        )
    return final


def summary_lines(summary: dict) -> list[str]:
    """The console lines of a summary: each report's figures and largest reasons, then the students
    on no report by reason (always shown, zero included)."""
    lines: list[str] = []
    for rep in summary.get("reports", []):
        kinds = "; ".join(
            f"{k['considered']:,} {k['kind']} candidates, {k['reported']:,} reported, {k['set_aside']:,} set aside"
            for k in rep["candidates"]
        )
        lines.append(f"  {rep['report']}: {kinds}")
        for r in rep["top_set_aside"]:
            lines.append(f"      {r['rule_id']} {_words(r)}: {r['count']:,} {_plural(r['kind'], r['count'])}")
    selection = summary.get("student_selection")
    if selection:
        unknown = ", ".join(selection["unknown"]) or "none"
        lines.append(
            f"  Student selection (--students): {selection['given']:,} ID(s) given, {selection['known']:,} "
            f"name a student; unknown IDs: {unknown}"
        )
    students = summary.get("students_on_no_report")
    if students is not None:
        lines.append(
            f"  Students enrolled in the selected calendars: {students['enrolled']:,}; on a report "
            f"{students['on_a_report']:,}; on no report {students['on_no_report']:,}"
        )
        for r in students["by_reason"]:
            lines.append(f"      {r['rule_id']} {_words(r)}: {r['count']:,} student(s)")
    return lines


def _words(reason: dict) -> str:
    """The reason's words without its leading rule ID (the catalog's words start with it)."""
    words = str(reason.get("reason") or reason.get("reason_code") or "")
    rule = str(reason.get("rule_id") or "")
    return words[len(rule) :].strip() if rule and words.startswith(rule) else words


def _plural(kind: str, n: int) -> str:
    return kind if n == 1 else f"{kind}s"


def read_summary(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
