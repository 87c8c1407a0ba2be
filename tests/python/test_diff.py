"""`sis-extracts diff` and `--previous`: two runs of `all` on the small district, the second on a
copy of its raw files with known changes; the diff must name exactly those records.

The changes (chosen from the first run's files and database, so that they hit reported records):
- KECS: one student's roster in one section dropped (Detail record removed, not in the raw data);
  another's roster ending two weeks after the section starts (removed, set aside by R5.BR1); a
  third student's grade level changed (Detail `Grade` changed on each of their records); a
  fourth's last name changed (Detail `Last Name` changed; never printed on the console);
- Illinois: one student's roster in one section dropped (its records removed), another student's
  last name changed (`Legal Last Name` changed).
Diffing the other way round turns the removed records into added ones.
"""

from __future__ import annotations

import contextlib
import csv
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from sis_extracts.diff.reasons import connect

ALL_ARGS = (
    "--kecs-end-year", "2025", "--kecs-as-of", "2025-06-30 17:00",
    "--il-start", "2024-07-01", "--il-end", "2025-06-30", "--il-as-of", "2025-07-15",
    "--il-file-id", "001", "--il-end-year", "2025",
)  # fmt: skip
CHANGES_HEADER = ["extract", "report", "change"]


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(path, encoding="utf-8-sig", newline="") as f:
        header = next(csv.reader(f))
    return header, rows


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def _mdy(s: str) -> date:
    return datetime.strptime(s, "%m/%d/%Y").date()


@dataclass
class Plan:
    """What was changed in the raw copy, as the files show it."""

    dropped: tuple[str, str]  # KECS (section ID, student person ID): roster dropped
    ended: tuple[str, str]  # KECS (section ID, student person ID): roster ends early
    regraded: tuple[str, str, str]  # KECS student person ID, old grade, new grade
    renamed: str  # KECS student person ID whose last name changed
    il_dropped: tuple[str, str, str]  # IL (student ID, local course ID, section number)
    il_dropped_ids: tuple[int, int]  # IL (person ID, section ID) of that roster
    il_renamed: str  # IL student ID whose last name changed


def _change_raw(raw: Path, prev: Path) -> Plan:
    """Apply the changes of the module docstring to the raw folder `raw`, choosing the records
    from the previous run's output `prev` (an `all` run on the same raw files)."""
    _, detail = _read(prev / "kecs_lead" / "KECS_LEAD_Detail.csv")
    sections: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in detail:
        if r["Student Person ID"]:
            sections[r["Student Person ID"]].append(r)
    rh, rosters = _read(raw / "roster.csv")
    by_pair: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in rosters:
        by_pair[(r["sectionID"], r["personID"])].append(r)
    # students with several sections, each section on one plain roster row (no dates)
    plain = [
        p
        for p, rows in sorted(sections.items())
        if len(rows) >= 3
        and all(len(by_pair[(r["Section ID"], p)]) == 1 for r in rows)
        and all(not by_pair[(r["Section ID"], p)][0]["endDate"] for r in rows)
        and all(not by_pair[(r["Section ID"], p)][0]["startDate"] for r in rows)
    ]
    a, d, b, c = plain[0], plain[1], plain[2], plain[3]
    dropped = (sections[a][0]["Section ID"], a)
    ended_row = sections[d][0]
    ended = (ended_row["Section ID"], d)
    end = _mdy(ended_row["Section Start Date"]) + timedelta(days=14)
    assert end < _mdy(ended_row["Section Last Day"])
    by_pair[ended][0]["endDate"] = end.isoformat()  # ended = (section, person), as by_pair's key

    con = connect(prev / ".sis-extracts" / "all" / "sis_extracts.duckdb")  # dbt may hold it in this process
    try:
        il = con.execute(
            "select person_id, section_id, student_id, local_course_id, section_number "
            "from marts.il_sca__student_course_assignment where student_id is not null "
            "order by person_id, section_id limit 200"
        ).fetchall()
    finally:
        con.close()
    il_person, il_section, il_student, il_course, il_number = il[0]
    il_other = next(row for row in il if row[0] != il_person)
    drop = {(dropped[0], dropped[1]), (str(il_section), str(il_person))}
    _write(raw / "roster.csv", rh, [r for r in rosters if (r["sectionID"], r["personID"]) not in drop])

    eh, enrollments = _read(raw / "enrollment.csv")
    _, grades = _read(raw / "gradelevel.csv")
    enrollment_id = sections[b][0]["Enrollment ID"]
    enr = next(e for e in enrollments if e["enrollmentID"] == enrollment_id)
    names = sorted(g["name"] for g in grades if g["calendarID"] == enr["calendarID"] and g["exclude"] == "0")
    old_grade = enr["grade"]
    new_grade = next(n for n in names if n != old_grade and n.isdigit() and abs(int(n) - int(old_grade)) == 1)
    enr["grade"] = new_grade
    _write(raw / "enrollment.csv", eh, enrollments)

    _, people = _read(raw / "person.csv")
    ih, identities = _read(raw / "identity.csv")
    current = {p["personID"]: p["currentIdentityID"] for p in people}
    for person in (c, str(il_other[0])):
        ident = next(i for i in identities if i["identityID"] == current[person])
        ident["lastName"] = ident["lastName"] + "x"
    _write(raw / "identity.csv", ih, identities)
    return Plan(
        dropped,
        ended,
        (b, sections[b][0]["Grade"], new_grade),
        c,
        (il_student, il_course, il_number),
        (int(il_person), int(il_section)),
        il_other[2],
    )


@dataclass
class Runs:
    prev: Path
    new: Path
    plan: Plan
    stdout: str
    code: int


@pytest.fixture(scope="module")
def runs(extract_run, raw_district: Path, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    first = extract_run("all", *ALL_ARGS)
    assert first.result.code == 0, first.result.stderr
    raw = tmp_path_factory.mktemp("diff_raw")
    shutil.copytree(raw_district, raw, dirs_exist_ok=True)
    plan = _change_raw(raw, first.out)
    new = tmp_path_factory.mktemp("diff_new")
    from conftest import run_cli

    res = run_cli(["all", "--raw", raw, "--out", new, "--quiet", "--previous", first.out, *ALL_ARGS])
    assert res.code == 0, res.stderr
    return Runs(first.out, new, plan, res.stdout, res.code)


def _changes(path: Path) -> list[dict[str, str]]:
    return _read(path)[1]


def _of(changes: list[dict[str, str]], report: str, kind: str | None = None) -> list[dict[str, str]]:
    return [c for c in changes if c["report"] == report and (kind is None or c["change"] == kind)]


def test_previous_writes_changes_into_the_new_output(runs: Runs) -> None:
    csv_path, html_path = runs.new / "changes.csv", runs.new / "changes.html"
    assert csv_path.is_file() and html_path.is_file()
    header = _read(csv_path)[0]
    assert header[:3] == CHANGES_HEADER and header[-4:] == ["field", "old", "new", "reason"]
    # the per-report counts follow the run's summary on stdout
    assert "Changes since" in runs.stdout
    detail_line = next(ln for ln in runs.stdout.splitlines() if ln.strip().startswith("Detail "))
    changes = _changes(csv_path)
    removed = len(_of(changes, "Detail", "removed"))
    changed = len({(c["Section ID"], c["Student Person ID"]) for c in _of(changes, "Detail", "changed")})
    assert detail_line.split()[-3:] == ["0", str(removed), str(changed)]


def test_previous_adds_the_changes_to_the_review_pages(runs: Runs) -> None:
    """--previous puts the per-report counts and a link to changes.html into the run's review
    pages: the top index of `all` (changes.html beside it) and each extract's overview (../)."""
    changes = _changes(runs.new / "changes.csv")
    removed = len(_of(changes, "Detail", "removed"))
    top = (runs.new / "index.html").read_text("utf-8")
    assert 'id="changes-table"' in top and 'href="changes.html"' in top
    kecs = (runs.new / "kecs_lead" / "index.html").read_text("utf-8")
    assert 'href="../changes.html"' in kecs and "<!-- changes-since-previous -->" not in kecs
    section = kecs[kecs.index('id="changes-table"') :]
    row = next(r for r in section.split("<tr>") if r.startswith("<td>KECS") and "<td>Detail</td>" in r)
    assert f'<td class="num">{removed:,}</td>' in row
    il = (runs.new / "il_sca" / "index.html").read_text("utf-8")
    assert 'href="../changes.html"' in il and "Student Course Assignment" in il[il.index('id="changes-table"') :]


def test_detail_names_exactly_the_changed_records(runs: Runs) -> None:
    changes = _changes(runs.new / "changes.csv")
    p = runs.plan
    removed = {(c["Section ID"], c["Student Person ID"]): c for c in _of(changes, "Detail", "removed")}
    assert set(removed) == {p.dropped, p.ended}
    assert removed[p.dropped]["reason"] == "not in the new run's raw data"
    assert removed[p.ended]["reason"].startswith("R5.BR1"), removed[p.ended]["reason"]
    assert not _of(changes, "Detail", "added")
    changed = _of(changes, "Detail", "changed")
    by_student = defaultdict(set)
    for c in changed:
        by_student[c["Student Person ID"]].add(
            (c["field"], c["old"], c["new"]) if c["field"] == "Grade" else c["field"]
        )
    assert set(by_student) == {p.regraded[0], p.renamed}
    assert by_student[p.regraded[0]] == {("Grade", p.regraded[1], p.regraded[2])}
    assert by_student[p.renamed] == {"Last Name"}
    # every Detail record of the regraded student changed, and only the grade
    _, prev_detail = _read(runs.prev / "kecs_lead" / "KECS_LEAD_Detail.csv")
    n = sum(1 for r in prev_detail if r["Student Person ID"] == p.regraded[0])
    assert len([c for c in changed if c["Student Person ID"] == p.regraded[0]]) == n


def test_classes_count_the_lost_students(runs: Runs) -> None:
    changes = _changes(runs.new / "changes.csv")
    totals = {
        c["Section ID"]: c
        for c in _of(changes, "Classes (Aggregate)", "changed")
        if c["field"] == "Total Students"
    }
    for section in (runs.plan.dropped[0], runs.plan.ended[0]):
        assert int(totals[section]["new"]) == int(totals[section]["old"]) - 1


def test_illinois_records_removed_and_renamed(runs: Runs) -> None:
    changes = _changes(runs.new / "changes.csv")
    student, course, number = runs.plan.il_dropped
    removed = _of(changes, "Student Course Assignment", "removed")
    assert removed and {(c["Student ID"], c["Local Course ID"], c["Section Number"]) for c in removed} == {
        (student, course, number)
    }
    _, prev_rows = _read_state(runs.prev)
    assert len(removed) == sum(
        1 for r in prev_rows if (r[0], r[10], r[13]) == (student, course, number)
    )  # Student ID, Local Course ID, Section Number
    # the reason is the new run's accounting's, for a candidate of that student and section that
    # the previous run did not set aside for the same reason
    person, section = runs.plan.il_dropped_ids
    accounting = "audit.audit__il_sca_accounting"
    query = (
        f"select candidate_kind, candidate_id, reason_code, reason from {accounting} "
        "where person_id = ? and section_id = ? and status = 'set aside'"
    )
    with contextlib.closing(connect(runs.new / ".sis-extracts" / "all" / "sis_extracts.duckdb")) as con:
        now = con.execute(query, [person, section]).fetchall()
    with contextlib.closing(connect(runs.prev / ".sis-extracts" / "all" / "sis_extracts.duckdb")) as con:
        before = {r[:3] for r in con.execute(query, [person, section]).fetchall()}
    new_reasons = {r[3] for r in now if r[:3] not in before}
    assert new_reasons
    assert all(c["reason"].split(" [")[0] in new_reasons for c in removed), (removed, new_reasons)
    changed = _of(changes, "Student Course Assignment", "changed")
    assert {c["Student ID"] for c in changed} == {runs.plan.il_renamed}
    assert {c["field"] for c in changed} == {"Legal Last Name"}
    assert all(c["new"] == c["old"] + "x" for c in changed)


def _read_state(out: Path) -> tuple[list[str], list[list[str]]]:
    [path] = sorted((out / "il_sca").glob("SCA12_*.csv"))
    with open(path, encoding="utf-8", newline="") as f:
        lines = list(csv.reader(f))
    return lines[0], lines[1:]


def test_console_shows_ids_never_names(runs: Runs, cli_run, tmp_path: Path) -> None:
    res = cli_run(["diff", runs.prev, runs.new, "--out", tmp_path, "--limit", "1000"])
    assert res.code == 0, res.stderr
    _, detail = _read(runs.new / "kecs_lead" / "KECS_LEAD_Detail.csv")
    renamed = next(r for r in detail if r["Student Person ID"] == runs.plan.renamed)
    assert runs.plan.renamed in res.stdout and "Last Name changed" in res.stdout
    _, prev_detail = _read(runs.prev / "kecs_lead" / "KECS_LEAD_Detail.csv")
    before = next(r for r in prev_detail if r["Student Person ID"] == runs.plan.renamed)
    names = {renamed["Last Name"], before["Last Name"], renamed["First Name"]}
    assert renamed["Last Name"] != before["Last Name"] and all(names)
    for name in names:
        assert name not in res.stdout
    # the files hold what the state files hold: the new name is in changes.csv and changes.html
    assert renamed["Last Name"] in (tmp_path / "changes.csv").read_text("utf-8")
    html = (tmp_path / "changes.html").read_text("utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    removed = [c for c in _changes(tmp_path / "changes.csv") if c["change"] == "removed"]
    assert html.count('<tr class="removed">') == len(removed) > 0


def test_swapped_runs_show_the_removed_records_as_added(runs: Runs, cli_run, tmp_path: Path) -> None:
    res = cli_run(["diff", runs.new / "kecs_lead", runs.prev / "kecs_lead", "--out", tmp_path])
    assert res.code == 0, res.stderr
    changes = _changes(tmp_path / "changes.csv")
    assert {c["extract"] for c in changes} == {"kecs_lead"}
    added = {(c["Section ID"], c["Student Person ID"]) for c in _of(changes, "Detail", "added")}
    assert added == {runs.plan.dropped, runs.plan.ended}
    assert not _of(changes, "Detail", "removed")


def test_same_folder_has_no_changes(runs: Runs, cli_run, tmp_path: Path) -> None:
    res = cli_run(["diff", runs.prev / "il_sca", runs.prev / "il_sca", "--out", tmp_path])
    assert res.code == 0, res.stderr
    assert len(_read(tmp_path / "changes.csv")[1]) == 0
    line = next(ln for ln in res.stdout.splitlines() if ln.strip().startswith("Student Course Assignment "))
    assert line.split()[-3:] == ["0", "0", "0"]


@pytest.mark.parametrize("case", ["missing", "not_output", "other_extract"])
def test_bad_folders_are_usage_errors(runs: Runs, cli_run, tmp_path: Path, case: str) -> None:
    (tmp_path / "empty").mkdir()
    prev, new = {
        "missing": (tmp_path / "nowhere", runs.new),
        "not_output": (tmp_path / "empty", runs.new),
        "other_extract": (runs.prev / "kecs_lead", runs.new / "il_sca"),
    }[case]
    res = cli_run(["diff", prev, new, "--out", tmp_path / "changes"])
    assert res.code == 2, (res.stdout, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert str(prev) in lines[0]
    # the message, then the one line saying what to do
    assert len(lines) == 2 and lines[1].strip().startswith(("What to do: Give", "What to do: Compare"))
    assert not (tmp_path / "changes").exists()


def test_previous_that_is_the_run_output_stops_before_the_run(runs: Runs, cli_run, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(runs.prev, out)
    before = sorted(p.name for p in (out / "kecs_lead").iterdir())
    res = cli_run(
        ["all", "--raw", tmp_path / "no-raw", "--out", out, "--previous", out / "kecs_lead", *ALL_ARGS]
    )
    assert res.code == 2 and "is the run's own --out folder" in res.stderr
    assert sorted(p.name for p in (out / "kecs_lead").iterdir()) == before


def test_previous_on_one_extract_writes_into_its_folder(runs: Runs, tmp_path: Path) -> None:
    import io

    from sis_extracts.diff import after_run

    new = tmp_path / "kecs"
    _copy_run(runs.new / "kecs_lead", new)
    stream = io.StringIO()
    result = after_run(runs.prev, new, stream)  # an `all` folder as --previous of a kecs-lead run
    assert [ex.extract for ex in result.extracts] == ["kecs_lead"]
    assert (new / "changes.csv").is_file() and (new / "changes.html").is_file()
    text = stream.getvalue()
    assert "il_sca: only in the previous folder; not compared." in text
    detail = next(ln for ln in text.splitlines() if ln.strip().startswith("Detail "))
    assert detail.split()[-2] == "2"  # the two removed Detail records


def test_previous_that_is_not_an_output_folder_stops_before_the_run(
    cli_run, raw_district: Path, tmp_path: Path
) -> None:
    res = cli_run(
        ["all", "--raw", raw_district, "--out", tmp_path / "out", "--previous", tmp_path, *ALL_ARGS]
    )
    assert res.code == 2
    assert "--previous folder" in res.stderr
    assert not (tmp_path / "out").exists()


def test_manifest_keys_come_from_the_marts_tests(runs: Runs) -> None:
    from sis_extracts.diff.records import layouts

    manifest = json.loads(
        (runs.new / ".sis-extracts" / "all" / "target" / "manifest.json").read_text("utf-8")
    )
    keys = {
        layout.mart: layout.key for layout in layouts(manifest, "kecs_lead") + layouts(manifest, "il_sca")
    }
    assert keys["kecs_lead__detail"] == ("section_id", "student_person_id")
    assert keys["kecs_lead__classes"] == ("section_id",)
    assert "school_number" in keys["kecs_lead__staff"] and "person_id" in keys["kecs_lead__staff"]
    assert keys["il_sca__student_course_assignment"][:2] == ("student_id", "sap_id")


def _copy_run(src: Path, dest: Path) -> dict:
    """A copy of one extract's output folder (its manifest still names the run's work folder)."""
    shutil.copytree(src, dest)
    return json.loads((dest / "manifest.json").read_text("utf-8"))


def test_tab_file_reads_as_the_state_file(runs: Runs, cli_run, tmp_path: Path) -> None:
    copy = tmp_path / "il_tab"
    manifest = _copy_run(runs.prev / "il_sca", copy)
    [entry] = [f for f in manifest["files"] if f["format"] == "state"]
    header_record, records = _read_state(runs.prev)
    layout = json.loads((runs.prev / ".sis-extracts" / "all" / "target" / "manifest.json").read_text("utf-8"))
    node = layout["nodes"]["model.sis_extracts.il_sca__student_course_assignment"]
    headers = [
        (c.get("config") or {}).get("meta", {}).get("header")
        for c in node["columns"].values()
        if (c.get("config") or {}).get("meta", {}).get("export", True) is not False
    ]
    assert len(headers) == len(records[0])
    (copy / entry["name"]).unlink()
    tab_name = entry["name"].replace(".csv", ".txt")
    with open(copy / tab_name, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter="\t", lineterminator="\r\n").writerows([header_record, headers, *records])
    entry.update(name=tab_name, format="tab")
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    res = cli_run(["diff", runs.prev / "il_sca", copy, "--out", tmp_path / "d"])
    assert res.code == 0, res.stderr
    line = next(ln for ln in res.stdout.splitlines() if ln.strip().startswith("Student Course Assignment "))
    assert line.split()[-5:] == [f"{len(records):,}", f"{len(records):,}", "0", "0", "0"]


def test_html_pages_are_said_not_compared(runs: Runs, cli_run, tmp_path: Path) -> None:
    copy = tmp_path / "kecs_html"
    manifest = _copy_run(runs.new / "kecs_lead", copy)
    entry = next(f for f in manifest["files"] if f["name"] == "KECS_LEAD_Detail.csv")
    (copy / "KECS_LEAD_Detail.csv").rename(copy / "KECS_LEAD_Detail.html")
    entry.update(name="KECS_LEAD_Detail.html", format="html")
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    res = cli_run(["diff", runs.prev / "kecs_lead", copy, "--out", tmp_path / "d"])
    assert res.code == 0, res.stderr
    assert "1 HTML page(s) not compared" in res.stdout and "KECS_LEAD_Detail.html" in res.stdout
    assert not [ln for ln in res.stdout.splitlines() if ln.strip().startswith("Detail ")]
    changes = _changes(tmp_path / "d" / "changes.csv")
    assert not _of(changes, "Detail") and _of(changes, "Classes (Aggregate)", "changed")


def test_without_the_previous_database_the_file_ids_give_the_reason(
    runs: Runs, cli_run, tmp_path: Path
) -> None:
    copy = tmp_path / "kecs"
    manifest = _copy_run(runs.prev / "kecs_lead", copy)
    manifest["work_folder"] = str(tmp_path / "gone")
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    res = cli_run(["diff", copy, runs.new / "kecs_lead", "--out", tmp_path / "d"])
    assert res.code == 0, res.stderr
    removed = {
        (c["Section ID"], c["Student Person ID"]): c["reason"]
        for c in _of(_changes(tmp_path / "d" / "changes.csv"), "Detail", "removed")
    }
    assert removed[runs.plan.dropped] == "not in the new run's raw data"
    assert removed[runs.plan.ended].startswith("R5.BR1")


def test_html_page_stays_small_with_many_changes(tmp_path: Path) -> None:
    from sis_extracts.diff.compare import DiffResult, ExtractDiff
    from sis_extracts.diff.records import FileSource, Layout
    from sis_extracts.diff.render import write_csv, write_html
    from sis_extracts.diff.table import compare_sources

    layout = Layout("m", "Detail", ("id", "note"), ("ID", "Note"), ("id",))
    sources = []
    for side, text in (("old", "a" * 300), ("new", "b" * 300)):
        path = tmp_path / f"{side}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([["ID", "Note"], *([str(i), text] for i in range(20000))])
        sources.append([FileSource(path, layout, ",", 1)])
    rd = compare_sources(layout, "Detail", *sources)
    assert rd.count("changed") == 20000 and rd.before == rd.after == 20000
    assert rd.changes[0].fields == [("note", "a" * 300, "b" * 300)]
    result = DiffResult(tmp_path, tmp_path, [ExtractDiff("kecs_lead", "KECS", tmp_path, tmp_path, [rd])])
    page = write_html(result, tmp_path)
    assert page.stat().st_size < 2_000_000
    assert "The first 1000 of 20000 changes" in page.read_text("utf-8")
    assert len(_read(write_csv(result, tmp_path))[1]) == 20000


def test_records_are_paired_identical_first_then_in_file_order(tmp_path: Path) -> None:
    from sis_extracts.diff.records import FileSource, Layout
    from sis_extracts.diff.table import compare_sources

    layout = Layout("m", "R", ("date_time_generated", "k", "v"), ("Generated", "K", "V"), ("k",))
    rows = {
        # key 1: an identical record twice in the old run, once in the new: one removed
        # key 2: x, y -> y, z: y matches y; x -> z is a change
        # key 3: only new; the time stamp never counts
        "old": [["t1", "1", "a"], ["t1", "1", "a"], ["t1", "2", "x"], ["t1", "2", "y"]],
        "new": [["t2", "2", "y"], ["t2", "1", "a"], ["t2", "2", "z"], ["t2", "3", ""]],
    }
    sources = []
    for side, body in rows.items():
        path = tmp_path / f"{side}.csv"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([["Generated", "K", "V"], *body])
        sources.append([FileSource(path, layout, ",", 1)])
    rd = compare_sources(layout, "R", *sources)
    got = sorted((c.kind, c.key, tuple(c.fields)) for c in rd.changes)
    assert got == [
        ("added", ("3",), ()),
        ("changed", ("2",), (("v", "x", "z"),)),
        ("removed", ("1",), ()),
    ]
