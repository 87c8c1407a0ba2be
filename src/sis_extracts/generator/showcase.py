"""Showcase students: the first students (personID 10001, 10002, ...) have forced attributes so that
every documented edge case exists even in a 100-student district.  All other students draw the same
attributes at random (by hash).  Keep docs/generator.md in sync with this list."""

from __future__ import annotations

import pyarrow as pa

KY, IL = 1, 2

# Scenario codes for the current-year enrollments (see build.py, "enrollments").
SCEN = {
    "normal": 0, "noshow_extra": 1, "noshow_only": 2, "withdraw": 3, "reenroll_other": 4,
    "reenroll_same": 5, "overlap_pp": 6, "pair_ps_same": 7, "pair_ps_other": 8, "pair_pn": 9,
    "pair_pp": 10, "pair_ss": 11, "late_entry": 12,
}

# gi: grade index (0 PK, 1 KG, 2..13 grades 01..12, 14 KY '13', 15 KY 'TR').
# cm: case manager scenario (0 active, 1 none, 2 expired only, 3 changed mid-year).
# lep: 0 none, 1 LEP, 2 Exited LEP.  eoy: 0 endDate NULL, 1 = calendar end, 2 = last instr. day.
SHOWCASE: list[dict] = [
    {"note": "KY grade 10, SLD with an active case manager, LEP; roster drop/re-add/add",
         "d": KY, "gi": 11, "dis": "SLD", "cm": 0, "lep": 1},
    {"note": "IL grade 10, OHI with case manager, Exited LEP; roster drop/re-add/add",
         "d": IL, "gi": 11, "dis": "OHI", "cm": 0, "lep": 2},
    {"note": "KY grade 05: no-show enrollment at another school, then P at home", "d": KY, "gi": 6,
         "scen": "noshow_extra"},
    {"note": "IL grade 08: only enrollment is a no-show", "d": IL, "gi": 9, "scen": "noshow_only"},
    {"note": "KY grade 09: withdrew mid-year", "d": KY, "gi": 10, "scen": "withdraw"},
    {"note": "IL grade 09: withdrew mid-year", "d": IL, "gi": 10, "scen": "withdraw"},
    {"note": "KY grade 04: withdrew, re-enrolled at another elementary", "d": KY, "gi": 5,
         "scen": "reenroll_other"},
    {"note": "IL grade 08: withdrew and re-enrolled at the same school", "d": IL, "gi": 9,
         "scen": "reenroll_same"},
    {"note": "KY grade 12: overlapping P enrollments at two high schools", "d": KY, "gi": 13,
         "scen": "overlap_pp"},
    {"note": "KY grade 10: P+S same calendar, identical dates; AUT with no case manager",
         "d": KY, "gi": 11, "scen": "pair_ps_same", "dis": "AUT", "cm": 1},
    {"note": "IL grade 10: P+S same calendar, identical dates", "d": IL, "gi": 11,
         "scen": "pair_ps_same"},
    {"note": "KY grade 10: P at home + S at another high school, identical dates", "d": KY, "gi": 11,
         "scen": "pair_ps_other"},
    {"note": "KY grade 03: P+N identical dates; DD with an expired case manager", "d": KY, "gi": 4,
         "scen": "pair_pn", "dis": "DD", "cm": 2},
    {"note": "KY grade 10: two P enrollments, same calendar, identical dates", "d": KY, "gi": 11,
         "scen": "pair_pp"},
    {"note": "IL grade 10: two P enrollments, identical dates, singleParent 0 and 1", "d": IL,
         "gi": 11, "scen": "pair_pp"},
    {"note": "KY grade 10: two S enrollments (no P), identical dates", "d": KY, "gi": 11,
         "scen": "pair_ss"},
    {"note": "IL grade 07: entered mid-year", "d": IL, "gi": 8, "scen": "late_entry"},
    {"note": "KY grade 10: stateExclude", "d": KY, "gi": 11, "state_excl": 1},
    {"note": "IL grade 10: stateExclude", "d": IL, "gi": 11, "state_excl": 1},
    {"note": "KY grade 10: NULL state ID", "d": KY, "gi": 11, "null_sid": 1},
    {"note": "IL grade 10: NULL state ID", "d": IL, "gi": 11, "null_sid": 1},
    {"note": "KY grade 10: partial (S) enrollment at the technology center", "d": KY, "gi": 11,
         "cte": 1},
    {"note": "IL grade 10: partial (S) enrollment at the career center", "d": IL, "gi": 11, "cte": 1},
    {"note": "KY grade 10: MMD, N enrollment, case manager changed mid-year", "d": KY, "gi": 11,
         "dis": "MMD", "cm": 3, "sped_n": 1},
    {"note": "IL grade 10: summer school", "d": IL, "gi": 11, "summer": 1},
    {"note": "KY grade 09: summer school", "d": KY, "gi": 10, "summer": 1},
    {"note": "KY grade 10: prior-year enrollment", "d": KY, "gi": 11, "prior": 1},
    {"note": "IL grade 05: prior-year enrollment", "d": IL, "gi": 6, "prior": 1},
    {"note": "IL grade 10: single parent and displaced homemaker", "d": IL, "gi": 11, "sp": 1, "dh": 1},
    {"note": "IL grade 09: home school RCDTS in another district", "d": IL, "gi": 10, "home_r": 1},
    {"note": "IL grade 03: serving school RCDTS set", "d": IL, "gi": 4, "serv_r": 1},
    {"note": "KY grade 10: enrolled in the Alt schedule structure", "d": KY, "gi": 11, "alt_st": 1},
    {"note": "IL grade 10: enrolled in the Alt schedule structure", "d": IL, "gi": 11, "alt_st": 1},
    {"note": "KY grade '13'", "d": KY, "gi": 14},
    {"note": "KY grade 'TR' (state grade 14)", "d": KY, "gi": 15},
    {"note": "KY grade 10 at the alternative school (A5; calendar exclude=1)", "d": KY, "gi": 11,
         "place": "ALT"},
    {"note": "KY grade 08 at the day-treatment school (class F1: not in KECS)", "d": KY, "gi": 9,
         "place": "DT"},
    {"note": "KY grade 04 at Hospital/Homebound (class NULL, school exclude=1)", "d": KY, "gi": 5,
         "place": "HB"},
    {"note": "IL grade 09 at the regional safe school", "d": IL, "gi": 10, "place": "ALT"},
    {"note": "KY Pre-K", "d": KY, "gi": 0},
    {"note": "IL Pre-K", "d": IL, "gi": 0},
    {"note": "IL kindergarten", "d": IL, "gi": 1},
    {"note": "KY kindergarten: two identities, legal name differs", "d": KY, "gi": 1, "two_ident": 1,
         "legal": 1},
    {"note": "IL grade 02: two identities, legal name differs", "d": IL, "gi": 3, "two_ident": 1,
         "legal": 1},
    {"note": "KY grade 10: gender X", "d": KY, "gi": 11, "gender": "X"},
    {"note": "IL grade 10: enrollment ends on the last day of instruction", "d": IL, "gi": 11,
         "eoy": 2},
    {"note": "KY grade 10: enrollment ends on the last day of instruction", "d": KY, "gi": 11,
         "eoy": 2},
    {"note": "KY grade 10: enrollment ends on the calendar end date", "d": KY, "gi": 11, "eoy": 1},
    {"note": "KY grade 10: an extra enrollment at another high school ends before it starts",
         "d": KY, "gi": 11, "bad_dates": 1},
    {"note": "IL grade 07: an extra enrollment at another middle school ends before it starts",
         "d": IL, "gi": 8, "bad_dates": 1},
    {"note": "KY grade 08 enrolled with grade '09', not a grade level of the middle school",
         "d": KY, "gi": 9, "bad_gl": 1},
    {"note": "IL grade 05 enrolled with grade '06', not a grade level of the elementary school",
         "d": IL, "gi": 6, "bad_gl": 1},
]

FIELDS: list[tuple[str, pa.DataType]] = [
    ("s", pa.int64()), ("d", pa.int32()), ("gi", pa.int32()), ("place", pa.string()),
    ("scen", pa.int32()), ("eoy", pa.int32()), ("dis", pa.string()), ("cm", pa.int32()),
    ("lep", pa.int32()), ("state_excl", pa.int32()), ("null_sid", pa.int32()),
    ("cte", pa.int32()), ("sped_n", pa.int32()), ("summer", pa.int32()), ("prior", pa.int32()),
    ("sp", pa.int32()), ("dh", pa.int32()), ("home_r", pa.int32()), ("serv_r", pa.int32()),
    ("alt_st", pa.int32()), ("two_ident", pa.int32()), ("legal", pa.int32()),
    ("gender", pa.string()), ("bad_gl", pa.int32()), ("bad_dates", pa.int32()),
]

# Flags that default to 0 (not NULL) for a showcase student when not listed.
ZERO_DEFAULT = ["state_excl", "null_sid", "cte", "sped_n", "summer", "prior", "sp", "dh",
                "home_r", "serv_r", "alt_st", "two_ident", "legal", "lep", "bad_gl", "bad_dates"]


def showcase_table(students: int) -> pa.Table:
    rows = []
    for s, spec in enumerate(SHOWCASE[:students]):
        row = {k: None for k, _ in FIELDS}
        row["s"] = s
        for k in ZERO_DEFAULT:
            row[k] = 0
        row.update({k: v for k, v in spec.items() if k != "note"})
        row["scen"] = SCEN[spec.get("scen", "normal")]
        row["place"] = spec.get("place", "REG")
        row["eoy"] = spec.get("eoy", 0)
        row["gender"] = spec.get("gender")
        if "dis" not in spec:
            row["dis"] = None
            row["cm"] = None
        rows.append(row)
    return pa.table({k: pa.array([r[k] for r in rows], type=t) for k, t in FIELDS})
