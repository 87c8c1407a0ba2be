"""Why a record of the previous run is not in the new one: what the new run's accounting says.

The accounting (audit.audit__<extract>_accounting of the new run's database) keeps every candidate
raw row of each report, reported or set aside with its rule ID and reason. A removed record is
matched to the candidates of its report by the SIS ids it stands for: person, section,
enrollment, school. They are the ids the previous run's mart kept beside the record (its columns
not written to the file, e.g. the Illinois record's person_id and section_id), when the previous
run's database is still there; else the file's own ids (Person ID, Section ID, Enrollment ID),
and a state ID, a local course + section number or a school number looked up in the new run's
read models (audit__explain_people, audit__explain_sections) and staged school table.

A candidate carrying every id of the key decides (a set-aside one first, and among those the
ones the previous run had not set aside for the same reason, when its database is there); else
the candidates of one id of the key (the student's enrollments, the section) give the reason when
every one of them is set aside; else the row is not in the new run's raw data. Nothing is decided
here: the status and reason are the accounting's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import duckdb

from sis_extracts.diff.records import Change, Layout
from sis_extracts.export.marts import quote_ident

ACCOUNTING = {"kecs_lead": "audit.audit__kecs_lead_accounting", "il_sca": "audit.audit__il_sca_accounting"}
PEOPLE = "audit.audit__explain_people"
SECTIONS = "audit.audit__explain_sections"
SCHOOLS = "staging.stg_ic__school"
DIMENSIONS = ("person_id", "section_id", "enrollment_id", "school_id")
# key column of a file -> the accounting's id it holds, as it is
DIRECT = {
    "person_id": "person_id",
    "student_person_id": "person_id",
    "section_id": "section_id",
    "enrollment_id": "enrollment_id",
}
# columns a mart keeps beside the file's (meta.export: false) that hold an accounting id
HIDDEN = {
    "person_id": "person_id",
    "section_id": "section_id",
    "enrollment_id": "enrollment_id",
    "school_id": "school_id",
}
NOT_IN_RAW = "not in the new run's raw data"
AGGREGATE = "an aggregate row: the accounting keeps its students and sections, not this row (see Detail)"
NO_DATABASE = "unknown: the new run's database is not there"


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """The run's database, read-only; in the process that just built it, with dbt's configuration
    (DuckDB refuses a second connection with another configuration)."""
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.ConnectionException:
        return duckdb.connect(str(path))


def _ints(values: Iterable[str]) -> list[int]:
    out = []
    for v in values:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


class Reasons:
    """Looks up the removed records of one extract in the new run's accounting."""

    def __init__(self, con: duckdb.DuckDBPyConnection | None, extract: str) -> None:
        self.con = con
        self.table = ACCOUNTING[extract]
        self.reports = self._reports()

    def _reports(self) -> set[str]:
        if self.con is None:
            return set()
        try:
            return {r[0] for r in self.con.execute(f"select distinct report from {self.table}").fetchall()}
        except duckdb.Error:
            return set()

    def _lookup(self, sql: str, params: list) -> dict[tuple, list[int]]:
        out: dict[tuple, list[int]] = {}
        try:
            rows = self.con.execute(sql, params).fetchall() if self.con else []
        except duckdb.Error:
            return out
        for *k, v in rows:
            out.setdefault(tuple(k), []).append(int(v))
        return out

    def _ids(self, layout: Layout, changes: list[Change]) -> list[dict[str, list[int]]]:
        """For each removed record: the accounting ids its key stands for (dimension -> ids)."""
        key = list(layout.key)

        def val(c: Change, name: str) -> str:
            return c.key[key.index(name)] if name in key else ""

        people = sections = schools = {}
        if "student_id" in key or "sap_id" in key:
            people = self._lookup(
                f"select 's', state_id, person_id from {PEOPLE} where state_id is not null "
                f"union all select 'n', student_number, person_id from {PEOPLE} "
                "where student_number is not null",
                [],
            )
        if "local_course_id" in key and "section_number" in key:
            sections = self._lookup(f"select course_number, section_number, section_id from {SECTIONS}", [])
        if "school_number" in key:
            schools = self._lookup(f"select school_number, school_id from {SCHOOLS}", [])
        out = []
        for c in changes:
            ids: dict[str, list[int]] = {}
            for name, dim in DIRECT.items():
                if name in key and _ints([val(c, name)]):
                    ids[dim] = _ints([val(c, name)])
            if "person_id" not in ids and (val(c, "student_id") or val(c, "sap_id")):
                found = people.get(("s", val(c, "student_id"))) or people.get(("n", val(c, "sap_id")))
                ids["person_id"] = found or []
            if "local_course_id" in key and "section_number" in key:
                ids["section_id"] = sections.get((val(c, "local_course_id"), val(c, "section_number")), [])
            if "school_number" in key and val(c, "school_number"):
                ids["school_id"] = schools.get((val(c, "school_number"),), [])
            out.append(ids)
        return out

    def explain(
        self,
        layout: Layout,
        label: str,
        changes: list[Change],
        previous: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        """Set `reason` on every removed change of one report."""
        removed = [c for c in changes if c.kind == "removed"]
        if not removed:
            return
        if self.con is None:
            for c in removed:
                c.reason = NO_DATABASE
            return
        report = layout.report or label
        if report not in self.reports:
            fallback = (
                "no longer raised by the new run (fixed in the SIS, or no longer a candidate)"
                if "issue" in layout.mart
                else "the new run's accounting does not cover this report"
            )
            for c in removed:
                c.reason = fallback
            return
        wanted = self._ids(layout, removed)
        for ids, kept in zip(wanted, _kept_ids(previous, layout, removed)):
            ids.update(kept)
        candidates = self._candidates(report, wanted)
        unchanged = _set_aside_before(previous, self.table, report, candidates)
        by_id: dict[tuple[str, int], list[int]] = {}  # (dimension, id) -> positions in candidates
        for pos, cand in enumerate(candidates):
            for d, v in zip(DIMENSIONS, cand[:4]):
                if v is not None:
                    by_id.setdefault((d, v), []).append(pos)
        for c, ids in zip(removed, wanted):
            near = sorted({p for d, values in ids.items() for v in values for p in by_id.get((d, v), [])})
            c.reason = _reason(ids, [candidates[p] for p in near], unchanged)

    def _candidates(self, report: str, wanted: list[dict[str, list[int]]]) -> list[tuple]:
        conds, params = [], [report]
        for dim in DIMENSIONS:
            values = sorted({v for ids in wanted for v in ids.get(dim, [])})
            if values:
                conds.append(f"{dim} in (select unnest(?::bigint[]))")
                params.append(values)
        if not conds:
            return []
        sql = (
            f"select {', '.join(DIMENSIONS)}, status, coalesce(reason, reason_code, ''), coalesce(note, ''), "
            f"candidate_kind, candidate_id, coalesce(reason_code, '') from {self.table} "
            f"where report = ? and ({' or '.join(conds)})"
        )
        return self.con.execute(sql, params).fetchall()


def _kept_ids(
    con: duckdb.DuckDBPyConnection | None, layout: Layout, removed: list[Change]
) -> list[dict[str, list[int]]]:
    """For each removed record: the ids the previous run's mart kept beside it (dimension -> ids);
    empty when that database or mart is not there."""
    empty: list[dict[str, list[int]]] = [{} for _ in removed]
    dims = [c for c in layout.hidden if c in HIDDEN]
    if con is None or not dims or not layout.relation or not removed:
        return empty
    keys = ", ".join(f"coalesce(cast(_m.{quote_ident(k)} as varchar), '')" for k in layout.key)
    first = sorted({c.key[0] for c in removed})
    sql = (
        f"select {keys}, {', '.join(f'_m.{quote_ident(d)}' for d in dims)} from {layout.relation} as _m "
        f"where coalesce(cast(_m.{quote_ident(layout.key[0])} as varchar), '') "
        "in (select unnest(?::varchar[]))"
    )
    try:
        rows = con.execute(sql, [first]).fetchall()
    except duckdb.Error:
        return empty
    found: dict[tuple, dict[str, set[int]]] = {}
    n = len(layout.key)
    for r in rows:
        ids = found.setdefault(tuple(r[:n]), {})
        for d, v in zip(dims, r[n:]):
            if v is not None:
                ids.setdefault(HIDDEN[d], set()).add(int(v))
    return [{d: sorted(v) for d, v in found.get(c.key, {}).items()} for c in removed]


def _set_aside_before(
    con: duckdb.DuckDBPyConnection | None, table: str, report: str, candidates: list[tuple]
) -> set[tuple]:
    """(kind, id, reason code) of the candidates the previous run had already set aside for the
    same reason, when its database is there: those did not take the record away."""
    aside = sorted({c[8] for c in candidates if c[4] != "reported" and c[8] is not None})
    if con is None or not aside:
        return set()
    try:
        rows = con.execute(
            f"select candidate_kind, candidate_id, coalesce(reason_code, '') from {table} where report = ? "
            "and status <> 'reported' and candidate_id in (select unnest(?::bigint[]))",
            [report, aside],
        ).fetchall()
    except duckdb.Error:
        return set()
    return {tuple(r) for r in rows}


def _new_first(rows: list[tuple], unchanged: set[tuple]) -> list[tuple]:
    """The set-aside candidates whose reason is new since the previous run, if any; else all."""
    new = [c for c in rows if (c[7], c[8], c[9]) not in unchanged]
    return new or rows


def _reason(ids: dict[str, list[int]], candidates: list[tuple], unchanged: set[tuple] = frozenset()) -> str:
    known = {d: set(v) for d, v in ids.items()}
    if not known:
        return AGGREGATE
    if any(not v for v in known.values()):
        return NOT_IN_RAW  # an id of the key (state ID, course/section, school) the new run does not hold
    full: list[tuple] = []
    partial: dict[frozenset[str], list[tuple]] = {}
    for cand in candidates:
        values = dict(zip(DIMENSIONS, cand[:4]))
        carried = {d for d in known if values[d] is not None}
        if not carried or any(values[d] not in known[d] for d in carried):
            continue
        if carried == set(known):
            full.append(cand)
        else:
            partial.setdefault(frozenset(carried), []).append(cand)
    aside = [c for c in full if c[4] != "reported"]
    if aside:
        return _summarise(_new_first(aside, unchanged))
    if full:
        kinds = ", ".join(sorted({f"{c[7]} {c[8]}" for c in full})[:3])
        return f"reported by the new run ({kinds}) under other values of the record's key"
    # no candidate with every id of the key: one whose candidates are all set aside explains it
    # (the student's enrollments, the section); one with a reported candidate does not
    for dims in sorted(partial, key=len, reverse=True):
        if all(c[4] != "reported" for c in partial[dims]):
            return _summarise(_new_first(partial[dims], unchanged))
    return NOT_IN_RAW


def _summarise(rows: list[tuple]) -> str:
    counts = Counter((r[5], r[6]) for r in rows)
    (reason, note), n = counts.most_common(1)[0]
    text = f"{reason} ({note})" if note else reason
    if len(rows) > 1:
        text += f" [{n} of {len(rows)} candidates set aside: {', '.join(sorted({r[7] for r in rows}))}]"
    else:
        text += f" [{rows[0][7]} {rows[0][8]}]"
    return text
