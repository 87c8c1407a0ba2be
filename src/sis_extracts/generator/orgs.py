"""Organisation layer: districts, schools, calendars, structures, trials, terms, grade levels.

These tables are small (at 2,000,000 students: ~3,500 schools, ~8,000 calendars, ~40,000 terms),
so they are built in plain Python with a deterministic hash and handed to DuckDB as Arrow tables.
"""

from __future__ import annotations

import hashlib
import math
import random
from datetime import date, timedelta

import pyarrow as pa

from .pools import name_pools, place_pool

KY, IL = 1, 2


def ph(seed: int, *parts) -> int:
    """Deterministic 64-bit hash of (seed, *parts), stable across runs and Python versions."""
    data = repr((seed,) + tuple(parts)).encode()
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


def arrow(rows: list[dict], schema: list[tuple[str, pa.DataType]]) -> pa.Table:
    cols = {name: [r.get(name) for r in rows] for name, _ in schema}
    return pa.table({name: pa.array(cols[name], type=typ) for name, typ in schema})


DISTRICTS = [
    {"districtID": KY, "number": "061", "name": "Bluegrass County Public Schools", "state": "KY",
         "region": None, "county": None, "type": None},
    {"districtID": IL, "number": "0204", "name": "Prairie Ridge Community Unit School District 204",
         "state": "IL", "region": "19", "county": "022", "type": "26"},
]

# Grade index -> local grade level name.  0 PK, 1 KG, 2..13 grades 01..12, 14 KY '13', 15 KY 'TR'.
GRADE_NAMES = ["PK", "KG"] + [f"{g:02d}" for g in range(1, 13)] + ["13", "TR"]


def state_grade(state: str, name: str) -> str:
    if state == "IL":
        return {"PK": "14", "KG": "15"}.get(name, name)
    return {"PK": "P", "KG": "K", "TR": "14"}.get(name, name)


LEVEL_GRADES = {
    "E": list(range(7)),      # PK..05
    "M": list(range(7, 10)),     # 06..08
    "H": list(range(10, 14)),    # 09..12
    "ALT": list(range(7, 14)),
    "DT": list(range(7, 14)),
    "CTE": list(range(10, 14)),
    "HB": list(range(1, 14)),
    "SUM": list(range(7, 14)),
}
TERM_COUNT = {"Y": 1, "S": 2, "T": 3, "Q": 4}
SCHED_NAME = {"Y": "Full Year", "S": "Semesters", "T": "Trimesters", "Q": "Quarters"}

KY_OTHER_CLASSES = ["A3", "A4", "A6", "A7", "A8", "B1", "B2", "C1", "C2", "D1"]
KY_NON_KECS = ["A9", "E1", None]


def school_counts(students: int) -> dict[str, int]:
    nd = max(1, students // 2)
    ne = max(2, round(nd * 0.47 / 450))
    nm = max(1, round(nd * 0.22 / 650))
    nh = max(1, round(nd * 0.31 / 1200))
    total = ne + nm + nh
    if total > 880:  # KY school numbers have 3 digits: keep each district under 900 schools
        f = total / 880
        ne, nm, nh = (max(m, math.floor(x / f)) for x, m in ((ne, 2), (nm, 1), (nh, 1)))
    return {"E": ne, "M": nm, "H": nh}


def _term_dates(start: date, end: date, n: int) -> list[tuple[date, date]]:
    days = (end - start).days + 1
    out = []
    for k in range(1, n + 1):
        s = start + timedelta(days=(k - 1) * days // n)
        e = start + timedelta(days=k * days // n - 1)
        out.append((s, e))
    return out


def build_orgs(students: int, seed: int, end_year: int, rolled_over: bool = False) -> dict:
    counts = school_counts(students)
    places = place_pool(seed)
    lasts = sorted(set(name_pools(seed)["last_en"]))
    rnd_names = random.Random(f"{seed}-school-names")
    rnd_names.shuffle(places)
    rnd_names.shuffle(lasts)

    schools: list[dict] = []
    used_names: set[str] = set()

    def uniq(nm: str) -> str:
        base, k = nm, 2
        while nm in used_names:
            nm = f"{base} {k}"
            k += 1
        used_names.add(nm)
        return nm

    curated = {
        (KY, "E"): "Dr. William H. Perry Elementary",
        (IL, "E"): "O'Keeffe Elementary",
        (KY, "M"): "Echo Trail Middle",
        (IL, "M"): "Jane Addams Middle",
        (KY, "H"): "duPont Manual High",
        (IL, "H"): "Prairie Ridge High",
    }
    specials = {
        KY: [("CTE", "Bluegrass Area Technology Center", "A2", 0),
             ("ALT", "Bluegrass Alternative Learning Center", "A5", 0),
             ("DT", "Bluegrass Day Treatment Center", "F1", 0),
             ("HB", "Hospital/Homebound Program", None, 1)],
        IL: [("CTE", "Prairie Area Career Center", None, 0),
             ("ALT", "Prairie Regional Safe School", None, 0),
             ("HB", "Hospital/Homebound Program (IL)", None, 1)],
    }
    pi = li = 0
    sid = 0
    for d in (KY, IL):
        state = "KY" if d == KY else "IL"
        rows = []
        for level in ("E", "M", "H"):
            for idx in range(counts[level]):
                if idx == 0:
                    nm = curated[(d, level)]
                elif level == "E":
                    nm = f"{lasts[li % len(lasts)]} Elementary"
                    li += 1
                else:
                    nm = f"{places[pi % len(places)]} {'Middle' if level == 'M' else 'High'}"
                    pi += 1
                rows.append({"level": level, "idx": idx, "name": uniq(nm)})
        for level, nm, cls, excl in specials[d]:
            rows.append({"level": level, "idx": 0, "name": uniq(nm), "fixed_cls": cls, "fixed_excl": excl})
        nrng = random.Random(f"{seed}-{state}-school-numbers")
        if state == "KY":
            numbers = sorted(nrng.sample(range(1, 1000), len(rows)))
            numbers = [f"{n:03d}" for n in numbers]
        else:
            numbers = sorted(nrng.sample(range(1, 10000), len(rows)))
            numbers = [f"{n:04d}" for n in numbers]
        typical = {"E": 450, "M": 650, "H": 1200}
        share = {"E": 0.47, "M": 0.22, "H": 0.31}
        for r, num in zip(rows, numbers):
            sid += 1
            lv0 = r["level"]
            # offer-breadth of a school: small schools keep fewer elective courses
            size_f = (min(1.0, max(0.3, students / 2 * share[lv0] / counts[lv0] / typical[lv0]))
                      if lv0 in typical else 0.3)
            h = ph(seed, "school", d, r["level"], r["idx"])
            if "fixed_cls" in r:
                cls, excl = (r["fixed_cls"] if state == "KY" else None), r["fixed_excl"]
            else:
                excl = 1 if (h % 100 < 3 and r["idx"] > 0) else 0
                if state == "IL":
                    cls = None
                elif r["idx"] == 0:
                    cls = "A1"
                else:
                    b = (h >> 12) % 1000
                    if b < 60:
                        cls = KY_OTHER_CLASSES[b % len(KY_OTHER_CLASSES)]
                    elif b < 90:
                        cls = KY_NON_KECS[b % len(KY_NON_KECS)]
                    else:
                        cls = "A1"
            # schedule type, consistent for a school across years
            b = (h >> 24) % 100
            lv, idx = r["level"], r["idx"]
            if lv == "E":
                st = ("Q" if d == KY else "T") if idx == 0 else ("Q" if b < 50 else "T" if b < 90 else "Y")
            elif lv == "M":
                st = ("S" if d == KY else "Q") if idx == 0 else ("Q" if b < 50 else "T" if b < 75 else "S")
            elif lv == "H":
                st = ("S" if d == KY else "Q") if idx == 0 else ("S" if b < 60 else "Q")
            elif lv in ("ALT", "CTE"):
                st = "S"
            else:  # DT, HB
                st = "Y"
            schools.append({
                "schoolID": sid, "districtID": d, "number": num, "name": r["name"],
                "stateClassification": cls, "exclude": excl, "level": lv, "sidx": idx, "state": state,
                "stype": st, "size_f": size_f,
                "has_alt": 1 if lv == "H" and (idx == 0 or (h >> 36) % 100 < 30) else 0,
                "has_summer": 1 if ((lv == "H" and (idx == 0 or (h >> 40) % 100 < 50))
                                 or (lv == "M" and (h >> 40) % 100 < 20)) else 0,
                "rcdts": (f"19022{DISTRICTS[1]['number']}26{num}" if state == "IL" else None),
            })

    # ---- calendars, structures, trials, term schedules, terms, grade levels
    calendars, structures, trials, tscheds, terms, glevels = [], [], [], [], [], []
    ids = {"cal": 0, "st": 0, "tr": 0, "ts": 0, "term": 0}
    src_cal: dict[tuple[int, str], int] = {}  # (schoolID, kind) -> calendarID in end_year

    def add_year(sc: dict, y: int) -> None:
        """One school's calendars of school year y, with their structures, trials, terms and
        grade levels.  y = end_year + 1 is the next year of a rolled-over district."""
        label = f"{(y - 1) % 100:02d}-{y % 100:02d}"
        kinds = ["REG"] + (["SUM"] if sc["has_summer"] else [])
        first_of = {(KY, "E", 0), (IL, "E", 0)}
        for kind in kinds:
            ids["cal"] += 1
            cal_id = ids["cal"]
            if y == end_year:
                src_cal[(sc["schoolID"], kind)] = cal_id
            h = ph(seed, "cal", sc["schoolID"], y, kind)
            if kind == "REG":
                start = date(y - 1, 8, 10) + timedelta(days=h % 7)
                end = date(y, 5, 20) + timedelta(days=(h >> 8) % 16)
                forced_gap = {(KY, "E", 0): 3, (IL, "E", 0): 2}.get(
                    (sc["districtID"], sc["level"], sc["sidx"]))
                gap = forced_gap if forced_gap is not None else (
                    1 + (h >> 16) % 4 if (h >> 20) % 100 < 35 else 0)
                lid_cut = end - timedelta(days=gap)
                # Most calendars end after their last day of instruction: teacher days (above) or
                # the calendar (and its last term) runs to the weekend after the last school day.
                if gap == 0 and end.weekday() < 5 and (h >> 48) % 100 < 75:
                    end += timedelta(days=5 - end.weekday() + (h >> 56) % 2)
                excl = 1 if ((h >> 28) % 100 < 4 or (sc["level"] == "ALT" and y == end_year)) else 0
                stype = sc["stype"]
                name = f"{label} {sc['name']}"
            else:
                start = date(y, 6, 9) + timedelta(days=h % 5)
                end = date(y, 7, 18) + timedelta(days=(h >> 8) % 3)
                lid_cut = end
                forced = sc["districtID"] == KY and sc["level"] == "H" and sc["sidx"] == 0
                excl = 1 if ((h >> 28) % 3 == 0 or (forced and y == end_year)) else 0
                il_h0 = sc["districtID"] == IL and sc["level"] == "H" and sc["sidx"] == 0
                stype = "S" if (il_h0 or (h >> 32) % 100 < 30) else "Y"
                name = f"{label} {sc['name']} Summer"
            cal = {"calendarID": cal_id, "schoolID": sc["schoolID"], "districtID": sc["districtID"],
                   "endYear": y, "name": name, "startDate": start, "endDate": end,
                   "summerSchool": 1 if kind == "SUM" else 0, "exclude": excl, "kind": kind,
                   "level": sc["level"], "sidx": sc["sidx"], "state": sc["state"],
                   "stype": stype, "nterms": TERM_COUNT[stype],
                   "lid_cut": lid_cut, "size_f": sc["size_f"],
                   # courses of a next-year calendar are copies of the end_year calendar's
                   "hcal": src_cal.get((sc["schoolID"], kind), cal_id) if y > end_year else cal_id,
                   "hyear": min(y, end_year)}
            calendars.append(cal)
            # structures
            roles = ["MAIN"]
            if kind == "REG" and sc["has_alt"]:
                roles.append("ALT")
            if kind == "REG" and y == end_year and (
                    (sc["districtID"], sc["level"], sc["sidx"]) in first_of or (h >> 36) % 100 < 5):
                roles.append("OLD")
            for role in roles:
                ids["st"] += 1
                st_id = ids["st"]
                sname = {"MAIN": "Main", "ALT": "Alt", "OLD": "Main (prior build)"}[role]
                if kind == "SUM":
                    sname = "Summer"
                # an Alt structure (e.g. a seniors' schedule) whose instruction ends a few days
                # before the calendar's: the structures of one calendar end on different days
                st_cut = lid_cut
                if role == "ALT" and ((sc["level"] == "H" and sc["sidx"] == 0)
                                      or (h >> 52) % 100 < 40):
                    st_cut = lid_cut - timedelta(days=3 + (h >> 58) % 3)
                ids["tr"] += 1
                active_tr = ids["tr"]
                trials.append({"trialID": active_tr, "structureID": st_id, "calendarID": cal_id,
                               "active": 1})
                inactive_tr = None
                if role == "MAIN" and kind == "REG" and y <= end_year and (
                        (sc["level"] in ("H", "M") and sc["sidx"] == 0 and y == end_year)
                        or (h >> 44) % 100 < 25):
                    ids["tr"] += 1
                    inactive_tr = ids["tr"]
                    trials.append({"trialID": inactive_tr, "structureID": st_id,
                                   "calendarID": cal_id, "active": 0})
                ids["ts"] += 1
                ts_id = ids["ts"]
                n = TERM_COUNT[stype]
                tscheds.append({"termScheduleID": ts_id, "structureID": st_id,
                                "name": "Summer" if kind == "SUM" else SCHED_NAME[stype]})
                for k, (ts, te) in enumerate(_term_dates(start, end, n), start=1):
                    ids["term"] += 1
                    if kind == "SUM":
                        tname = "Summer" if n == 1 else f"SS{k}"
                    else:
                        tname = "Full Year" if n == 1 else f"{stype}{k}"
                    terms.append({"termID": ids["term"], "termScheduleID": ts_id, "name": tname,
                                  "seq": k, "startDate": ts, "endDate": te, "structureID": st_id,
                                  "calendarID": cal_id, "nterms": n})
                structures.append({
                    "structureID": st_id, "calendarID": cal_id, "name": sname,
                    "active": 0 if role == "OLD" else 1, "role": role, "termScheduleID": ts_id,
                    "nterms": n, "active_trialID": active_tr, "inactive_trialID": inactive_tr,
                    "lid_cut": st_cut})
            # grade levels
            glist = LEVEL_GRADES["SUM" if kind == "SUM" else sc["level"]]
            if sc["state"] == "KY" and (kind == "SUM" or sc["level"] in ("H", "CTE")):
                glist = glist + [14, 15]
            for gi in glist:
                gname = GRADE_NAMES[gi]
                hg = ph(seed, "gl", cal_id, gi)
                ex = 0
                if gname == "PK" and (hg % 100 < 20 or (
                        sc["districtID"] == KY and sc["sidx"] == 0 and y == end_year)):
                    ex = 1
                if gname == "TR" and hg % 2 == 0:
                    ex = 1
                glevels.append({"calendarID": cal_id, "name": gname,
                                "stateGrade": state_grade(sc["state"], gname), "exclude": ex,
                                "gi": gi})

    for sc in schools:
        for y in (end_year - 1, end_year):
            add_year(sc, y)
    if rolled_over:  # the next school year, set up by the SIS's year-end rollover
        for sc in schools:
            add_year(sc, end_year + 1)

    D, I, S, _B = pa.date32(), pa.int32(), pa.string(), pa.int8()
    return {
        "district": arrow(DISTRICTS, [("districtID", I), ("number", S), ("name", S),
                                      ("state", S), ("region", S), ("county", S), ("type", S)]),
        "g_school": arrow(schools, [
            ("schoolID", I), ("districtID", I), ("number", S), ("name", S),
            ("stateClassification", S), ("exclude", I), ("level", S), ("sidx", I),
            ("state", S), ("stype", S), ("has_alt", I), ("has_summer", I), ("rcdts", S)]),
        "g_calendar": arrow(calendars, [
            ("calendarID", I), ("schoolID", I), ("districtID", I), ("endYear", I), ("name", S),
            ("startDate", D), ("endDate", D), ("summerSchool", I), ("exclude", I), ("kind", S),
            ("level", S), ("sidx", I), ("state", S), ("stype", S), ("nterms", I),
            ("lid_cut", D), ("size_f", pa.float64()), ("hcal", I), ("hyear", I)]),
        "g_structure": arrow(structures, [
            ("structureID", I), ("calendarID", I), ("name", S), ("active", I), ("role", S),
            ("termScheduleID", I), ("nterms", I), ("active_trialID", I),
            ("inactive_trialID", I), ("lid_cut", D)]),
        "trial": arrow(trials, [("trialID", I), ("structureID", I), ("calendarID", I),
                                ("active", I)]),
        "termschedule": arrow(tscheds, [("termScheduleID", I), ("structureID", I), ("name", S)]),
        "g_term": arrow(terms, [
            ("termID", I), ("termScheduleID", I), ("name", S), ("seq", I), ("startDate", D),
            ("endDate", D), ("structureID", I), ("calendarID", I), ("nterms", I)]),
        "g_gradelevel": arrow(glevels, [("calendarID", I), ("name", S), ("stateGrade", S),
                                        ("exclude", I), ("gi", I)]),
    }
