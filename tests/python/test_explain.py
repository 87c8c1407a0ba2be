"""`sis-extracts explain` gives the right answer for one case of every rule of both documents.

A tiny raw folder is written by `write_tiny_district()` (the raw contract's CSV files, a handful of
rows each): one Kentucky district and one Illinois district whose students, sections and staff each
show one rule. dbt builds the extracts and the accounting on it once (module fixture); each test
asks `explain` (JSON) about one student, section or staff member and checks the rule ID and reason.

KECS LEAD: R5.BR1 .. R5.BR9, R6.BR2, R7.BR1, R8.BR1, R9.BR1.
Illinois SCA: state grade, state code, state-reported task for grades 03-12, state exclude, dual
credit, no score and the 17 withdrawal, most recent term, multiple records.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_accounting import run_dbt  # dbt on a raw folder with the documents' options

from sis_extracts import explain

# The raw contract's columns (macros/raw/sis_raw_contract.sql, docs/raw_contract.md), required and optional, in order.
COLUMNS: dict[str, list[str]] = {
    "district": ["districtID", "number", "name", "state", "region", "county", "type"],
    "school": ["schoolID", "districtID", "number", "name", "stateClassification", "exclude"],
    "schoolyear": ["endYear", "label", "active", "startDate", "endDate"],
    "calendar": [
        "calendarID", "schoolID", "districtID", "endYear", "name", "startDate", "endDate",
        "summerSchool", "exclude",
    ],
    "day": ["calendarID", "structureID", "date", "instruction", "attendance"],
    "gradelevel": ["calendarID", "name", "stateGrade", "exclude"],
    "schedulestructure": ["structureID", "calendarID", "name", "active"],
    "trial": ["trialID", "structureID", "calendarID", "active"],
    "termschedule": ["termScheduleID", "structureID", "name"],
    "term": ["termID", "termScheduleID", "name", "seq", "startDate", "endDate"],
    "person": ["personID", "stateID", "studentNumber", "staffNumber", "staffStateID", "currentIdentityID"],
    "identity": [
        "identityID", "personID", "lastName", "firstName", "middleName", "suffix", "gender",
        "birthdate", "raceEthnicityFed", "hispanicEthnicity", "legalLastName", "legalFirstName",
        "effectiveDate",
    ],
    "enrollment": [
        "enrollmentID", "personID", "calendarID", "structureID", "grade", "serviceType", "startDate",
        "endDate", "endStatus", "noShow", "stateExclude", "disability1", "specialEdStatus",
        "singleParent", "displacedHomemaker", "homeSchoolRCDTS", "servingSchoolRCDTS",
    ],
    "lep": ["personID", "programStatus", "identifiedDate", "exitDate"],
    "teammember": ["personID", "staffPersonID", "role", "module", "startDate", "endDate"],
    "course": [
        "courseID", "calendarID", "number", "name", "active", "stateCode", "homeroom", "stateExclude",
        "coreContent", "teachingMethod", "courseLevel", "articulatedCredit", "dualCredit", "setting",
        "instructionLanguage", "competencyBased",
    ],
    "section": [
        "sectionID", "courseID", "trialID", "number", "teacherPersonID", "termCode",
        "instructionalSetting", "sectionSpecialType", "ktsExchange", "responsive", "crossSite",
    ],
    "sectionplacement": ["sectionID", "trialID", "termID", "periodID"],
    "sectionstaffhistory": ["sectionID", "personID", "staffType", "role", "startDate", "endDate"],
    "roster": ["rosterID", "personID", "sectionID", "trialID", "startDate", "endDate"],
    "gradingtask": ["taskID", "name", "seq", "stateReported"],
    "coursegradingtask": ["courseID", "taskID", "scoreGroupID", "creditAmount", "termMask"],
    "scoregroup": ["scoreGroupID", "name"],
    "scorelistitem": ["scoreGroupID", "score", "stateScore", "seq", "passing"],
    "gradingscore": ["scoreID", "personID", "sectionID", "taskID", "termID", "calendarID", "score", "percent", "date"],
    "employment": ["employmentID", "personID", "districtID", "startDate", "endDate", "licenseNumber"],
    "employmentassignment": [
        "assignmentID", "personID", "districtID", "schoolID", "startDate", "endDate", "title", "type",
        "altType", "teacher", "specialEd", "fte",
    ],
}


def write_raw(folder: Path, tables: dict[str, list[dict[str, Any]]]) -> Path:
    """Write one CSV per raw contract table (header always; a missing value is an empty field)."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, columns in COLUMNS.items():
        rows = tables.get(table, [])
        unknown = {k for r in rows for k in r} - set(columns)
        assert not unknown, f"{table}: unknown columns {unknown}"
        with (folder / f"{table}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(columns)
            for r in rows:
                w.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    return folder


def _people(tables: dict[str, list], people: list[tuple]) -> None:
    """(personID, stateID, last, first[, studentNumber]) -> person + identity rows."""
    for p in people:
        pid, state_id, last, first = p[:4]
        number = p[4] if len(p) > 4 else f"N{pid}"
        tables["person"].append(
            {"personID": pid, "stateID": state_id, "studentNumber": number, "currentIdentityID": pid}
        )
        tables["identity"].append(
            {
                "identityID": pid, "personID": pid, "lastName": last, "firstName": first, "gender": "F",
                "birthdate": "2010-03-04", "raceEthnicityFed": "6", "effectiveDate": "2020-01-01",
            }
        )


def write_tiny_district(folder: Path) -> Path:
    """A KY district and an IL district, one case of each rule (IDs are named in the tests)."""
    t: dict[str, list[dict[str, Any]]] = {k: [] for k in COLUMNS}
    t["schoolyear"] = [
        {"endYear": 2025, "label": "24-25", "active": 1, "startDate": "2024-07-01", "endDate": "2025-06-30"},
        {"endYear": 2024, "label": "23-24", "active": 0, "startDate": "2023-07-01", "endDate": "2024-06-30"},
    ]
    t["district"] = [
        {"districtID": 1, "number": "061", "name": "Tiny KY Schools", "state": "KY"},
        {"districtID": 2, "number": "0204", "name": "Tiny IL CUSD", "state": "IL", "region": "19",
         "county": "022", "type": "26"},
    ]
    t["school"] = [
        {"schoolID": 1, "districtID": 1, "number": "001", "name": "KY High", "stateClassification": "A1"},
        {"schoolID": 2, "districtID": 1, "number": "002", "name": "KY Day Treatment", "stateClassification": "F1"},
        {"schoolID": 3, "districtID": 2, "number": "0001", "name": "IL High"},
        {"schoolID": 4, "districtID": 2, "number": "0002", "name": "IL Elementary"},
    ]

    def cal(cid, school, district, name, start, end, summer=0, year=2025):
        return {"calendarID": cid, "schoolID": school, "districtID": district, "endYear": year, "name": name,
                "startDate": start, "endDate": end, "summerSchool": summer, "exclude": 0}

    t["calendar"] = [
        cal(10, 1, 1, "24-25 KY High", "2024-08-15", "2025-05-30"),
        cal(11, 1, 1, "25 KY Summer", "2025-06-05", "2025-07-10", summer=1),
        cal(12, 2, 1, "24-25 KY Day Treatment", "2024-08-15", "2025-05-30"),
        cal(14, 1, 1, "24-25 KY High Night", "2024-08-15", "2025-05-30"),
        cal(20, 3, 2, "24-25 IL High", "2024-08-14", "2025-06-05"),
        cal(21, 4, 2, "24-25 IL Elementary", "2024-08-14", "2025-06-05"),
    ]
    structures = {10: 100, 11: 101, 12: 102, 14: 104, 20: 110, 21: 111}
    for c, s in structures.items():
        t["schedulestructure"].append({"structureID": s, "calendarID": c, "name": f"Main {c}", "active": 1})
        t["trial"].append({"trialID": s + 100, "structureID": s, "calendarID": c, "active": 1})
        t["termschedule"].append({"termScheduleID": s + 200, "structureID": s, "name": f"Terms {c}"})
        t["day"] += [
            {"calendarID": c, "structureID": s, "date": d, "instruction": 1, "attendance": 1}
            for d in ("2024-08-15", "2025-05-30")
        ]
    t["trial"].append({"trialID": 299, "structureID": 100, "calendarID": 10, "active": 0})
    t["term"] = [
        {"termID": 400, "termScheduleID": 300, "name": "S1", "seq": 1, "startDate": "2024-08-15", "endDate": "2024-12-20"},
        {"termID": 401, "termScheduleID": 300, "name": "S2", "seq": 2, "startDate": "2025-01-06", "endDate": "2025-05-30"},
        {"termID": 402, "termScheduleID": 301, "name": "SU", "seq": 1, "startDate": "2025-06-05", "endDate": "2025-07-10"},
        {"termID": 403, "termScheduleID": 302, "name": "Y", "seq": 1, "startDate": "2024-08-15", "endDate": "2025-05-30"},
        {"termID": 404, "termScheduleID": 304, "name": "Y", "seq": 1, "startDate": "2024-08-15", "endDate": "2025-05-30"},
        {"termID": 410, "termScheduleID": 310, "name": "S1", "seq": 1, "startDate": "2024-08-14", "endDate": "2024-12-20"},
        {"termID": 411, "termScheduleID": 310, "name": "S2", "seq": 2, "startDate": "2025-01-06", "endDate": "2025-06-05"},
        {"termID": 412, "termScheduleID": 311, "name": "Y", "seq": 1, "startDate": "2024-08-14", "endDate": "2025-06-05"},
    ]
    t["gradelevel"] = [
        {"calendarID": 10, "name": "09", "stateGrade": "09", "exclude": 0},
        {"calendarID": 10, "name": "10", "stateGrade": "10", "exclude": 1},  # R5.BR5: still reported
        {"calendarID": 11, "name": "09", "stateGrade": "09"},
        {"calendarID": 12, "name": "09", "stateGrade": "09"},
        {"calendarID": 14, "name": "09", "stateGrade": "09"},
        {"calendarID": 20, "name": "09", "stateGrade": "09"},
        {"calendarID": 21, "name": "PK", "stateGrade": "14"},
        {"calendarID": 21, "name": "KG", "stateGrade": "15"},
    ]

    # --- Kentucky courses, sections (trial = structure + 100) ---------------------------------
    def course(cid, cal_id, number, name, active=1, **kw):
        return {"courseID": cid, "calendarID": cal_id, "number": number, "name": name, "active": active, **kw}

    t["course"] = [
        course(500, 10, "ENG1", "English I", stateCode="010101"),
        course(501, 10, "ART1", "Art I", active=0, stateCode="050101"),  # R5.BR2
        course(502, 11, "SUM1", "Summer Reading", stateCode="010102"),  # R5.BR8
        course(503, 12, "DT1", "Day Treatment English", stateCode="010103"),  # R5.BR4
        course(504, 10, "SH1", "Study Hall", stateCode="990101"),  # R6.BR2: no students
        course(505, 14, "NGT1", "Night English", stateCode="010104"),  # R8.BR1: second calendar
    ]
    kecs_sections = [(600, 500, 200, [400, 401]), (601, 501, 200, [400, 401]), (602, 502, 201, [402]),
                     (603, 503, 202, [403]), (604, 504, 200, [400, 401]), (606, 505, 204, [404])]
    for sid, cid, trial, terms in kecs_sections:
        t["section"].append({"sectionID": sid, "courseID": cid, "trialID": trial, "number": "1",
                             "teacherPersonID": 9001})
        t["sectionplacement"] += [{"sectionID": sid, "trialID": trial, "termID": x, "periodID": 1} for x in terms]
    t["sectionstaffhistory"].append({"sectionID": 600, "personID": 9001, "staffType": "P"})

    _people(t, [
        (1001, "1001001", "Able", "Ana"), (1002, "1002002", "Baker", "Ben"), (1003, "1003003", "Cole", "Cy"),
        (1004, None, "Dunn", "Dee"), (1005, "1005005", "Eve", "Eli"), (1006, "1006006", "Ford", "Fay"),
        (1007, "1007007", "Gray", "Gus"), (1008, "1008008", "Hale", "Hal"), (1009, "1009009", "Ives", "Ida"),
        (1010, "1010010", "Jones", "Jo"),
        (9001, None, "Teach", "Tara"), (9002, None, "Nojob", "Ned"), (9101, None, "Illi", "Ian"),
    ])

    def enr(eid, pid, cal_id, grade, start="2024-08-15", end=None, stype="P", **kw):
        return {"enrollmentID": eid, "personID": pid, "calendarID": cal_id, "grade": grade, "serviceType": stype,
                "startDate": start, "endDate": end, **kw}

    def ros(rid, pid, sid, trial, start=None, end=None):
        return {"rosterID": rid, "personID": pid, "sectionID": sid, "trialID": trial, "startDate": start,
                "endDate": end}

    t["enrollment"] += [
        enr(700, 1001, 10, "09"), enr(701, 1001, 10, "09", stype="S"),  # R5.BR9: P wins
        enr(702, 1002, 10, "09", disability1="AUT"), enr(703, 1002, 14, "09", stype="S", disability1="AUT"),
        enr(704, 1003, 10, "09", noShow=1),  # R5.BR7
        enr(705, 1004, 10, "10", stateExclude=1),  # R5.BR5 grade level + R5.BR6 exclude; no State ID
        enr(706, 1005, 10, "09"),
        enr(707, 1006, 10, "09"),
        enr(708, 1007, 11, "09", start="2025-06-05"),  # R5.BR8
        enr(709, 1008, 12, "09"),  # R5.BR4
        enr(710, 1009, 10, "09", start="2023-08-15", end="2024-05-30"),  # R5.BR3
        enr(711, 1010, 10, "09", end="2025-02-01"),  # R5.BR1: not active on the last day
        enr(799, 1001, 999, "09"),  # raw: unknown calendar, a candidate of both extracts
    ]
    t["roster"] += [
        ros(800, 1001, 600, 200), ros(801, 1002, 600, 200), ros(802, 1002, 606, 204),
        ros(803, 1003, 600, 200), ros(804, 1004, 600, 200),
        ros(805, 1005, 600, 200, end="2024-12-01"),  # R5.BR1: left before the section's last day
        ros(806, 1006, 601, 200), ros(807, 1007, 602, 201), ros(808, 1008, 603, 202), ros(809, 1010, 600, 200),
        ros(899, 1001, 9999, 200),  # raw: unknown section
    ]
    t["teammember"].append({"personID": 1002, "staffPersonID": 9001, "role": "Case Manager", "module": "specialEd",
                            "startDate": "2024-08-01"})
    t["employment"] += [
        {"employmentID": 1100, "personID": 9001, "districtID": 1, "startDate": "2020-08-01", "licenseNumber": "EPSB01"},
    ]
    t["employmentassignment"] += [
        {"assignmentID": 1200, "personID": 9001, "districtID": 1, "schoolID": 1, "startDate": "2020-08-01",
         "title": "Teacher", "type": "01", "teacher": 1, "fte": "1.00"},
        {"assignmentID": 1201, "personID": 9002, "districtID": 1, "schoolID": 1, "startDate": "2024-08-01",
         "title": "Teacher", "type": "01", "teacher": 1, "fte": "1.00"},  # R7.BR1: no employment
    ]

    # --- Illinois ------------------------------------------------------------------------------
    t["gradingtask"] = [
        {"taskID": 1, "name": "Semester Grade", "seq": 1, "stateReported": 1},
        {"taskID": 2, "name": "Progress", "seq": 2, "stateReported": 0},
    ]
    t["scoregroup"] = [{"scoreGroupID": 1, "name": "Letter"}]
    t["scorelistitem"] = [
        {"scoreGroupID": 1, "score": "A", "stateScore": "02", "seq": 1, "passing": 1},
        {"scoreGroupID": 1, "score": "B", "stateScore": "05", "seq": 2, "passing": 1},
    ]
    t["course"] += [
        course(520, 20, "ENG9", "English 9", stateCode="01001A000"),  # multiple records: S1 and S2
        course(521, 20, "BIO", "Biology"),  # state code
        course(522, 20, "HIST", "History", stateCode="04001A000", stateExclude=1),  # state exclude
        course(523, 20, "CHEM", "Chemistry", stateCode="03001A000", dualCredit=1),  # dual credit
        course(524, 20, "PE", "Phys Ed", stateCode="08001A000"),  # no state-reported task (03-12)
        course(525, 20, "MATH", "Algebra", stateCode="02001A000"),  # most recent term
        course(526, 20, "ART", "Art", stateCode="05001A000"),  # no score / 17
        course(527, 21, "READK", "Reading K", stateCode="01000K000"),  # K and PK
    ]
    cgt = [(520, 1, "0.5", "11"), (521, 1, "0.5", "11"), (522, 1, "0.5", "11"), (523, 1, "0.5", "11"),
           (524, 2, None, "01"), (525, 1, "1", "01"), (526, 1, "1", "01"), (527, 1, None, "1")]
    t["coursegradingtask"] = [
        {"courseID": c, "taskID": k, "scoreGroupID": 1, "creditAmount": cr, "termMask": m} for c, k, cr, m in cgt
    ]
    for sid, cid in [(620, 520), (621, 521), (622, 522), (623, 523), (624, 524), (625, 525), (626, 526)]:
        t["section"].append({"sectionID": sid, "courseID": cid, "trialID": 210, "number": "1",
                             "teacherPersonID": 9101, "termCode": "Y1"})
        t["sectionplacement"] += [{"sectionID": sid, "trialID": 210, "termID": x, "periodID": 1} for x in (410, 411)]
    t["section"].append({"sectionID": 627, "courseID": 527, "trialID": 211, "number": "1", "termCode": "Y1"})
    t["sectionplacement"].append({"sectionID": 627, "trialID": 211, "termID": 412, "periodID": 1})

    _people(t, [
        (2001, "200100001", "Kim", "Kai", "S2001"), (2002, "200200002", "Lee", "Lu", "S2002"),
        (2003, "200300003", "Moss", "Mia", "S2003"), (2004, "200400004", "Nash", "Ned", "S2004"),
        (2005, "200500005", "Ortiz", "Oli", "S2005"),
    ])
    t["enrollment"] += [
        enr(720, 2001, 20, "09", start="2024-08-14", singleParent=0),
        enr(721, 2002, 20, "09", start="2024-08-14"),
        enr(722, 2003, 21, "PK", start="2024-08-14"),  # state grade 14: not reported
        enr(723, 2004, 21, "KG", start="2024-08-14"),
        enr(724, 2005, 20, "09", start="2024-08-14", singleParent=0),  # split by Single Parent
        enr(725, 2005, 20, "09", start="2024-08-14", stype="S", singleParent=1),
    ]
    t["roster"] += [
        ros(820, 2001, 620, 210), ros(821, 2001, 621, 210), ros(822, 2001, 622, 210), ros(823, 2001, 623, 210),
        ros(824, 2001, 624, 210), ros(825, 2001, 625, 210), ros(826, 2001, 626, 210),
        ros(827, 2002, 626, 210, end="2025-02-15"),  # withdrew, no score: 17
        ros(828, 2003, 627, 211), ros(829, 2004, 627, 211), ros(830, 2005, 625, 210),
    ]

    def score(sid, pid, sec, task, term, value, cal_id=20):
        return {"scoreID": sid, "personID": pid, "sectionID": sec, "taskID": task, "termID": term,
                "calendarID": cal_id, "score": value, "date": "2025-06-01"}

    t["gradingscore"] = [
        score(900, 2001, 620, 1, 410, "A"), score(901, 2001, 620, 1, 411, "B"),
        score(902, 2001, 621, 1, 411, "A"), score(903, 2001, 622, 1, 411, "A"), score(904, 2001, 623, 1, 411, "A"),
        score(905, 2001, 624, 2, 411, "A"),
        score(906, 2001, 625, 1, 410, "B"), score(907, 2001, 625, 1, 411, "A"),  # most recent term: 907
        score(908, 2004, 627, 1, 412, "A", cal_id=21),
        score(909, 2005, 625, 1, 411, "A"),
    ]
    return write_raw(folder, t)


@pytest.fixture(scope="module")
def tiny_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("explain_tiny")
    raw = write_tiny_district(home / "raw")
    proc = run_dbt(
        home, raw, "build", "--select", "+path:models/audit", "+path:tests/audit",
        "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test",
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    proc = run_dbt(home, raw, "test", "--select", "path:tests/audit", "path:models/audit",
                   "--exclude-resource-type", "unit_test")
    assert proc.returncode == 0, "accounting tests fail on the tiny district:\n" + proc.stdout[-4000:]
    return home / "db.duckdb"


def ask(db: Path, extract: str, **who: str) -> dict[str, Any]:
    args = argparse.Namespace(extract=extract, db=db, student=None, section=None, staff=None, json=True)
    for k, v in who.items():
        setattr(args, k, str(v))
    out, err = io.StringIO(), io.StringIO()
    assert explain.run(args, out=out, err=err) == 0, err.getvalue()
    return json.loads(out.getvalue())


def person(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["found"] and len(answer["people"]) == 1, answer
    return answer["people"][0]


def decision(entries: list[dict[str, Any]], raw_id: int, report: str) -> dict[str, Any]:
    for e in entries:
        if e["id"] == raw_id:
            for d in e["decisions"]:
                if d["report"] == report:
                    return d
    raise AssertionError(f"no decision for {raw_id} on {report}: {[e['id'] for e in entries]}")


def verdict(entry: dict[str, Any], report: str) -> dict[str, Any]:
    return next(v for v in entry["verdicts"] if v["report"] == report)


# --- KECS LEAD ---------------------------------------------------------------------------------


def test_r5_br1_roster_ended_before_the_section_last_day(tiny_db):
    """R5.BR1: a student whose roster ended in December is not rostered on the section's last day."""
    p = person(ask(tiny_db, "kecs-lead", student=1005))
    d = decision(p["rosters"], 805, "Detail")
    assert (d["status"], d["rule_id"], d["reason_code"]) == ("set aside", "R5.BR1", "kecs_r5_br1_roster_not_on_last_day")
    assert "2025-05-30" in d["note"]
    e = decision(p["enrollments"], 706, "Detail")
    assert (e["rule_id"], e["reason_code"]) == ("R5.BR1", "kecs_r5_br1_not_rostered")
    assert not verdict(p, "Detail")["on_report"]


def test_r5_br1_enrollment_ended_before_the_section_last_day(tiny_db):
    """R5.BR1: rostered on the last day, but the enrollment ended in February."""
    p = person(ask(tiny_db, "kecs-lead", student="1010010"))  # by State ID
    assert decision(p["rosters"], 809, "Detail")["reason_code"] == "kecs_r5_br1_no_active_enrollment"
    assert decision(p["enrollments"], 711, "Detail")["reason_code"] == "kecs_r5_br1_not_active_on_last_day"


def test_r5_br2_inactive_course(tiny_db):
    """R5.BR2: the section of an inactive course is on neither Detail nor Classes, nor its rosters."""
    p = person(ask(tiny_db, "kecs-lead", student=1006))
    d = decision(p["rosters"], 806, "Detail")
    assert (d["rule_id"], d["reason"]) == ("R5.BR2", "R5.BR2 inactive course")
    s = ask(tiny_db, "kecs-lead", section=601)
    assert {(x["report"], x["reason"]) for x in s["decisions"]} == {
        ("Detail", "R5.BR2 inactive course"),
        ("Classes", "R5.BR2 inactive course"),
    }


def test_r5_br3_enrollment_outside_the_date_range(tiny_db):
    """R5.BR3: an enrollment of last year does not overlap the Date Range."""
    p = person(ask(tiny_db, "kecs-lead", student=1009))
    d = decision(p["enrollments"], 710, "Detail")
    assert (d["rule_id"], d["reason_code"]) == ("R5.BR3", "kecs_r5_br3_enrollment_outside_range")


def test_r5_br4_school_state_classification_not_reported(tiny_db):
    """R5.BR4: a school classified F1 cannot show on the report."""
    p = person(ask(tiny_db, "kecs-lead", student=1008))
    for d in (decision(p["enrollments"], 709, "Detail"), decision(p["rosters"], 808, "Detail")):
        assert (d["rule_id"], d["reason"]) == ("R5.BR4", "R5.BR4 school State Classification not reported")


def test_r5_br5_and_r5_br6_excluded_grade_level_and_enrollment_still_reported(tiny_db):
    """R5.BR5 / R5.BR6: a grade level and an enrollment marked exclude are still on Detail."""
    p = person(ask(tiny_db, "kecs-lead", student=1004))
    d = decision(p["enrollments"], 705, "Detail")
    assert d["status"] == "reported"
    assert "R5.BR5" in d["note"] and "R5.BR6" in d["note"]
    assert decision(p["rosters"], 804, "Detail")["status"] == "reported"


def test_r5_br7_no_show(tiny_db):
    """R5.BR7: a no-show enrollment is never reported; its roster has no active enrollment."""
    p = person(ask(tiny_db, "kecs-lead", student=1003))
    d = decision(p["enrollments"], 704, "Detail")
    assert (d["status"], d["rule_id"], d["reason"]) == ("set aside", "R5.BR7", "R5.BR7 no-show")
    assert decision(p["rosters"], 803, "Detail")["reason_code"] == "kecs_r5_br1_no_active_enrollment"
    assert not verdict(p, "Detail")["on_report"]


def test_r5_br8_summer_school(tiny_db):
    """R5.BR8: summer-school calendars are not reported."""
    p = person(ask(tiny_db, "kecs-lead", student=1007))
    for d in (decision(p["enrollments"], 708, "Detail"), decision(p["rosters"], 807, "Detail")):
        assert (d["rule_id"], d["reason"]) == ("R5.BR8", "R5.BR8 summer-school calendar")


def test_r5_br9_same_dates_service_type_p_is_chosen(tiny_db):
    """R5.BR9: two enrollments with the same dates; the one with service type P is chosen."""
    p = person(ask(tiny_db, "kecs-lead", student=1001))
    chosen = decision(p["enrollments"], 700, "Detail")
    other = decision(p["enrollments"], 701, "Detail")
    assert (chosen["status"], chosen["rule_id"]) == ("reported", "R5.BR9")
    assert (other["status"], other["reason"]) == ("set aside", "R5.BR9 not the chosen enrollment")
    assert "700" in other["note"]
    r = decision(p["rosters"], 800, "Detail")
    assert r["rule_id"] == "R5.BR9" and "700, 701" in r["note"]
    assert p["detail_sections"][0]["candidate_enrollment_ids"] == "700, 701"


def test_raw_rows_of_unknown_calendar_or_section_are_candidates_of_both_extracts(tiny_db):
    """An enrollment of a missing calendar and a roster of a missing section: RAW reasons in both."""
    for extract, report in (("kecs-lead", "Detail"), ("il-sca", "Student Course Assignment")):
        p = person(ask(tiny_db, extract, student=1001))
        assert decision(p["enrollments"], 799, report)["reason_code"] == "raw_calendar_missing"
        assert decision(p["rosters"], 899, report)["reason_code"] == "raw_section_missing"


def test_r6_br2_section_without_students_is_on_classes(tiny_db):
    """R6.BR2: a section with no students is on Detail (one blank row) and on Classes."""
    s = ask(tiny_db, "kecs-lead", section=604)
    assert {(x["report"], x["status"], x["rule_id"]) for x in s["decisions"]} == {
        ("Detail", "reported", "R6.BR2"),
        ("Classes", "reported", "R6.BR2"),
    }
    assert s["rosters"] == []


def test_r7_br1_staff_without_employment_is_not_active(tiny_db):
    """R7.BR1: a District Assignment without a District Employment record overlapping 7/1-6/30."""
    p = person(ask(tiny_db, "kecs-lead", staff=9002))
    d = decision(p["assignments"], 1201, "Staff")
    assert (d["rule_id"], d["reason"]) == ("R7.BR1", "R7.BR1 no employment overlapping 7/1-6/30")
    ok = person(ask(tiny_db, "kecs-lead", staff=9001))
    assert decision(ok["assignments"], 1200, "Staff")["status"] == "reported"
    assert [e["employment_id"] for e in ok["employment"] if e["is_epsb_source"]] == [1100]
    assert {t["id"] for t in ok["taught_sections"]} >= {600}


def test_r8_br1_schoolwide_prefers_primary_and_needs_a_state_id(tiny_db):
    """R8.BR1: two Detail enrollments at one school: P is counted, S is not; no State ID: not counted."""
    p = person(ask(tiny_db, "kecs-lead", student=1002))
    assert decision(p["enrollments"], 702, "Detail")["status"] == "reported"
    assert decision(p["enrollments"], 703, "Detail")["status"] == "reported"
    assert decision(p["enrollments"], 702, "Schoolwide")["status"] == "reported"
    other = decision(p["enrollments"], 703, "Schoolwide")
    assert (other["rule_id"], other["reason_code"]) == ("R8.BR1", "kecs_r8_br1_not_chosen")
    assert "702" in other["note"]
    q = person(ask(tiny_db, "kecs-lead", student=1004))
    assert decision(q["enrollments"], 705, "Schoolwide")["reason"] == "R8.BR1 no State ID"


def test_r9_br1_caseload_one_enrollment_per_district_with_a_disability(tiny_db):
    """R9.BR1: the student with a disability is counted once in the district (P), for case manager 9001;
    a student without a primary disability is not on Caseload."""
    p = person(ask(tiny_db, "kecs-lead", student=1002))
    chosen = decision(p["enrollments"], 702, "Caseload")
    assert chosen["status"] == "reported" and "9001" in chosen["note"]
    assert decision(p["enrollments"], 703, "Caseload")["reason_code"] == "kecs_r9_br1_not_chosen"
    q = person(ask(tiny_db, "kecs-lead", student=1001))
    assert decision(q["enrollments"], 700, "Caseload")["reason"] == "R9.BR1 no primary disability"


# --- Illinois SCA ------------------------------------------------------------------------------

SCA = "Student Course Assignment"


def test_sca_state_grade_pk_not_reported(tiny_db):
    """SCA state grade: a PK enrollment (state grade 14) does not report; nor does its roster."""
    p = person(ask(tiny_db, "il-sca", student=2003))
    d = decision(p["enrollments"], 722, SCA)
    assert (d["rule_id"], d["reason"]) == ("SCA State Grade", "SCA state grade not reported")
    r = decision(p["rosters"], 828, SCA)
    assert r["reason_code"] == "sca_no_reportable_enrollment" and "state grade not reported" in r["note"]
    k = person(ask(tiny_db, "il-sca", student=2004))  # K (15) reports
    assert decision(k["rosters"], 829, SCA)["status"] == "reported"


def test_sca_state_code_required(tiny_db):
    """SCA state code: a course without a State Code does not report."""
    s = ask(tiny_db, "il-sca", section=621)
    assert [(x["rule_id"], x["reason_code"]) for x in s["decisions"]] == [("SCA State Code", "sca_course_without_state_code")]
    p = person(ask(tiny_db, "il-sca", student=2001))
    assert decision(p["rosters"], 821, SCA)["reason_code"] == "sca_course_without_state_code"
    assert decision(p["grades"], 902, SCA)["reason_code"] == "sca_course_without_state_code"


def test_sca_state_reported_task_for_grades_03_12(tiny_db):
    """SCA: for grades 03-12 the course needs a state-reported grading task."""
    p = person(ask(tiny_db, "il-sca", student=2001))
    d = decision(p["rosters"], 824, SCA)
    assert (d["rule_id"], d["reason_code"]) == ("SCA State Reported Task", "sca_no_state_reported_task")
    rec = [r for r in p["records"] if r["section_id"] == 624]
    assert len(rec) == 1 and rec[0]["exclusion_reason"] == "no_state_reported_task"


def test_sca_state_exclude_course(tiny_db):
    """SCA: a course marked State Exclude does not report."""
    s = ask(tiny_db, "il-sca", section=622)
    assert [(x["rule_id"], x["reason"]) for x in s["decisions"]] == [
        ("SCA State Exclude", "SCA State Exclude course marked State Exclude")
    ]
    assert {r["reason"] for r in s["roster_summary"]} == {"SCA State Exclude course marked State Exclude"}


def test_sca_dual_credit_course(tiny_db):
    """SCA: a course marked Dual Credit does not report."""
    s = ask(tiny_db, "il-sca", section=623)
    assert [(x["rule_id"], x["reason"]) for x in s["decisions"]] == [("SCA Dual Credit", "SCA dual credit course")]
    assert s["course"]["is_dual_credit"] is True


def test_sca_no_score_completed_course_is_left_out(tiny_db):
    """SCA no score: the student stayed to the end and has no grade: the record does not report."""
    p = person(ask(tiny_db, "il-sca", student=2001))
    d = decision(p["rosters"], 826, SCA)
    assert (d["rule_id"], d["reason"]) == ("SCA No Score", "SCA no score")


def test_sca_withdrawal_without_score_reports_17(tiny_db):
    """SCA no score / withdrawal: the roster ended before the course, no grade: reports 17 (W)."""
    p = person(ask(tiny_db, "il-sca", student=2002))
    d = decision(p["rosters"], 827, SCA)
    assert (d["status"], d["rule_id"]) == ("reported", "SCA No Score") and "17" in d["note"]
    (rec,) = p["records"]
    assert rec["final_grade"] == "17" and rec["is_reported"]
    assert verdict(p, SCA)["on_report"] and "SCA No Score" in verdict(p, SCA)["reported_rules"]


def test_sca_most_recent_term_grade_reports(tiny_db):
    """SCA most recent term: two grades in one record (S1 B, S2 A): the S2 grade reports."""
    p = person(ask(tiny_db, "il-sca", student=2001))
    assert decision(p["grades"], 907, SCA)["status"] == "reported"
    d = decision(p["grades"], 906, SCA)
    assert (d["rule_id"], d["reason_code"]) == ("SCA Most Recent Term", "sca_not_most_recent")
    assert "907" in d["note"]


def test_sca_multiple_records_term_mask_and_enrollments(tiny_db):
    """SCA multiple records: a task marked in S1 and S2 gives two records; two enrollments that differ
    in Single Parent give a record each."""
    p = person(ask(tiny_db, "il-sca", student=2001))
    recs = [r for r in p["records"] if r["section_id"] == 620]
    assert sorted((r["period_term_name"], r["final_grade"]) for r in recs) == [("S1", "02"), ("S2", "05")]
    d = decision(p["rosters"], 820, SCA)
    assert (d["status"], d["rule_id"]) == ("reported", "SCA Multiple Records")
    s = ask(tiny_db, "il-sca", section=620)
    assert len({x["period_term_id"] for x in s["periods"]}) == 2
    q = person(ask(tiny_db, "il-sca", student=2005))
    assert sorted(r["enrollment_id"] for r in q["records"]) == [724, 725]
    for eid in (724, 725):
        e = decision(q["enrollments"], eid, SCA)
        assert (e["status"], e["rule_id"]) == ("reported", "SCA Multiple Records")


# --- the command itself ------------------------------------------------------------------------


def test_text_answer_names_the_student_and_the_rules(tiny_db):
    out = io.StringIO()
    args = argparse.Namespace(extract="kecs-lead", db=tiny_db, student="1001001", section=None, staff=None, json=False)
    assert explain.run(args, out=out) == 0
    text = out.getvalue()
    assert "Able, Ana (person ID 1001, State ID 1001001)" in text
    assert "R5.BR9 not the chosen enrollment" in text and "What the reasons mean:" in text


def test_unknown_student_is_answered_not_failed(tiny_db):
    a = ask(tiny_db, "kecs-lead", student="424242")
    assert a["found"] is False and a["people"] == []
    out = io.StringIO()
    args = argparse.Namespace(extract="il-sca", db=tiny_db, student="424242", section=None, staff=None, json=False)
    assert explain.run(args, out=out) == 0
    assert "No person with person ID or State ID 424242" in out.getvalue()


def test_staff_on_illinois_lists_the_sections_taught(tiny_db):
    p = person(ask(tiny_db, "il-sca", staff=9101))
    assert {t["id"] for t in p["taught_sections"]} == {620, 621, 622, 623, 624, 625, 626}
    assert "no staff fields" in p["note"]


def test_bad_database_is_a_usage_error(tmp_path):
    err = io.StringIO()
    args = argparse.Namespace(extract="kecs-lead", db=tmp_path / "none.duckdb", student="1", section=None,
                              staff=None, json=True)
    assert explain.run(args, out=io.StringIO(), err=err) == 2
    assert "no database" in err.getvalue()
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    args.db = empty
    err = io.StringIO()
    assert explain.run(args, out=io.StringIO(), err=err) == 2
    assert "audit__kecs_lead_accounting" in err.getvalue()


def test_add_parser_registers_the_command():
    parser = argparse.ArgumentParser(prog="sis-extracts")
    explain.add_parser(parser.add_subparsers(dest="command"))
    a = parser.parse_args(["explain", "il-sca", "--db", "x.duckdb", "--section", "5", "--json"])
    assert (a.command, a.extract, a.section, a.json, a.student) == ("explain", "il-sca", "5", True, None)
    with pytest.raises(SystemExit):
        parser.parse_args(["explain", "il-sca", "--db", "x.duckdb", "--section", "5", "--student", "1"])


def test_cli_runs_explain(tiny_db, capsys):
    """`sis-extracts explain` through the CLI's own entry point."""
    from sis_extracts.cli import main

    assert main(["explain", "il-sca", "--db", str(tiny_db), "--student", "200100001", "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["people"][0]["person"]["person_id"] == 2001
    assert main(["explain", "kecs-lead", "--db", str(tiny_db), "--section", "x"]) == 2


# --- explain --out: the run's database found from the run's output folder -------------------------


def _db_at(out: Path, run: str) -> Path:
    """An (empty) database file where a `run` run (kecs_lead, il_sca, all) into `out` keeps it."""
    path = out / ".sis-extracts" / run / "sis_extracts.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()
    return path


@pytest.mark.parametrize(
    "layout,command,given,found",
    [
        ("kecs_lead", "kecs-lead", ".", "kecs_lead"),  # sis-extracts kecs-lead --out OUT
        ("il_sca", "il-sca", ".", "il_sca"),  # sis-extracts il-sca --out OUT
        ("all", "kecs-lead", ".", "all"),  # sis-extracts all --out OUT
        ("all", "il-sca", "il_sca", "all"),  # OUT/il_sca, a subfolder of an `all` run
        ("all", "kecs-lead", "kecs_lead", "all"),
    ],
)
def test_out_finds_the_runs_database(tmp_path, layout, command, given, found):
    want = _db_at(tmp_path / "out", found)
    if layout != found:
        _db_at(tmp_path / "out", layout)
    (tmp_path / "out" / "kecs_lead").mkdir(exist_ok=True)
    (tmp_path / "out" / "il_sca").mkdir(exist_ok=True)
    assert explain.find_database(tmp_path / "out" / given, command) == want


def test_out_prefers_the_extracts_own_run_over_an_all_run(tmp_path):
    own = _db_at(tmp_path, "il_sca")
    _db_at(tmp_path, "all")
    assert explain.find_database(tmp_path, "il-sca") == own
    shared = tmp_path / ".sis-extracts" / "all" / "sis_extracts.duckdb"
    assert explain.find_database(tmp_path, "kecs-lead") == shared


def test_out_without_a_fitting_database_lists_the_ones_there_are(tmp_path):
    """An il-sca run's folder asked for kecs-lead, and two runs one level down: each listed with the
    command that opens it; the message's last line says what to do."""
    il = _db_at(tmp_path / "runs", "il_sca")
    older = _db_at(tmp_path / "runs" / "2024", "all")
    newer = _db_at(tmp_path / "runs" / "2025", "kecs_lead")
    with pytest.raises(explain.ExplainError) as exc:
        explain.find_database(tmp_path / "runs", "kecs-lead")
    lines = str(exc.value).splitlines()
    assert "explain kecs-lead" in lines[0] and str(tmp_path / "runs") in lines[0]
    listed = {ln.split()[0]: ln for ln in lines if ln.startswith("    /")}
    assert set(listed) == {str(il), str(older), str(newer)}
    assert f"sis-extracts explain il-sca --out {tmp_path / 'runs'}" in listed[str(il)]
    assert f"sis-extracts explain kecs-lead --out {tmp_path / 'runs' / '2024'}" in listed[str(older)]
    assert f"sis-extracts explain il-sca --out {tmp_path / 'runs' / '2024'}" in listed[str(older)]
    assert f"sis-extracts explain kecs-lead --out {tmp_path / 'runs' / '2025'}" in listed[str(newer)]
    assert lines[-1].startswith("Give --out the folder of a `sis-extracts kecs-lead` or `sis-extracts all`")


def test_out_with_no_database_at_all_says_so(tmp_path):
    with pytest.raises(explain.ExplainError) as exc:
        explain.find_database(tmp_path, "il-sca")
    lines = str(exc.value).splitlines()
    assert "No run database" in lines[-2]
    assert "--db PATH" in lines[-1]
    with pytest.raises(explain.ExplainError, match="is not a folder"):
        explain.find_database(tmp_path / "missing", "il-sca")
    db = _db_at(tmp_path, "il_sca")
    with pytest.raises(explain.ExplainError) as exc:
        explain.find_database(db, "il-sca")
    assert str(exc.value).splitlines()[-1] == f"Give a database file with --db {db}."


def test_parser_takes_out_or_db_but_not_both():
    parser = argparse.ArgumentParser(prog="sis-extracts")
    explain.add_parser(parser.add_subparsers(dest="command"))
    a = parser.parse_args(["explain", "kecs-lead", "--out", "output", "--student", "1"])
    assert (a.out, a.db) == (Path("output"), None)
    for bad in (["--out", "o", "--db", "x.duckdb"], []):
        with pytest.raises(SystemExit):
            parser.parse_args(["explain", "kecs-lead", *bad, "--student", "1"])


def test_cli_explain_with_out_answers_as_with_db(tiny_db, tmp_path, capsys):
    """`explain --out` on the folder of an `all` run (here its il_sca folder) gives the --db answer."""
    from sis_extracts.cli import main

    out = tmp_path / "out"
    (out / "il_sca").mkdir(parents=True)
    (out / ".sis-extracts" / "all").mkdir(parents=True)
    (out / ".sis-extracts" / "all" / "sis_extracts.duckdb").symlink_to(tiny_db)
    assert main(["explain", "il-sca", "--db", str(tiny_db), "--student", "200100001", "--json"]) == 0
    by_db = json.loads(capsys.readouterr().out)
    assert main(["explain", "il-sca", "--out", str(out / "il_sca"), "--student", "200100001", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == by_db
    assert main(["explain", "il-sca", "--out", str(tmp_path), "--student", "200100001"]) == 2
    err = capsys.readouterr().err
    assert str(out / ".sis-extracts" / "all" / "sis_extracts.duckdb") in err
    # the listing, then one action line
    assert err.rstrip().splitlines()[-1].strip().startswith("What to do: Give --out")
