"""Small, static or Faker-seeded lookup pools for the synthetic district generator.

Everything here is small (a few thousand rows at most) and deterministic for a seed.  The bulk
tables are built in DuckDB SQL (see ``build.py``), which picks from these pools by hash.
"""

from __future__ import annotations

from faker import Faker

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

# Names that exercise quoting, apostrophes, periods, hyphens, spaces and accents.
SPECIAL_LAST_NAMES = [
    "O'Neil", "O'Brien", "O'Connor", "D'Angelo", "D'Souza", "O'Malley", "DeAngelis",
    "St. John", "St. Pierre", "St. Clair", "Muñoz", "Peña", "Núñez", "Björk", "Müller",
    "Østergaard", "Zoë", "Gonçalves", "Nguyễn", "Lefèvre", "Van der Berg", "De La Cruz",
    "McDonald-Smith", "Smith-Jones", "Le", "Ng", "Ó Súilleabháin", "Mc Kenzie", "Dupré",
]
SPECIAL_FIRST_NAMES_F = [
    "Zoë", "Chloé", "Renée", "Noëlle", "Aubrée", "Siân", "Ma'Kayla", "Jo Ann", "Mary-Kate",
    "Anaïs", "Inés", "Mónica", "Björg", "D'Asia", "Ja'Nya",
]
SPECIAL_FIRST_NAMES_M = [
    "José", "Björn", "D'Andre", "Noël", "Jesús", "Rubén", "Andrés", "Ja'Marcus", "Jean-Luc",
    "J.T.", "Óscar", "Zoë", "De'Shawn", "Martín", "Raúl",
]
SUFFIXES = ["Jr.", "Jr.", "Jr.", "Sr.", "II", "III", "III", "IV"]


def name_pools(seed: int) -> dict[str, list[str]]:
    """Name lists drawn from Faker with a fixed seed.

    Lists keep duplicates on purpose: Faker draws popular names more often, so picking uniformly
    from the list by hash reproduces a realistic frequency distribution.
    """
    en = Faker("en_US")
    en.seed_instance(seed)
    es = Faker("es_MX")
    es.seed_instance(seed + 1)
    pools = {
        "last_en": [en.last_name() for _ in range(4000)],
        "first_m_en": [en.first_name_male() for _ in range(2000)],
        "first_f_en": [en.first_name_female() for _ in range(2000)],
        "last_es": [es.last_name() for _ in range(1500)],
        "first_m_es": [es.first_name_male() for _ in range(600)],
        "first_f_es": [es.first_name_female() for _ in range(600)],
        "last_sp": list(SPECIAL_LAST_NAMES),
        "first_m_sp": list(SPECIAL_FIRST_NAMES_M),
        "first_f_sp": list(SPECIAL_FIRST_NAMES_F),
        "suffix": list(SUFFIXES),
    }
    # es_MX occasionally yields empty-ish or multi-word values; keep them all but strip spaces.
    return {k: [v.strip() for v in vals if v and v.strip()] for k, vals in pools.items()}


def place_pool(seed: int, n: int = 400) -> list[str]:
    f = Faker("en_US")
    f.seed_instance(seed + 7)
    out: list[str] = []
    seen: set[str] = set()
    for _ in range(n * 4):
        v = f.city().split(" ")[-1] if f.random.random() < 0.3 else f.last_name()
        if v not in seen:
            seen.add(v)
            out.append(v)
        if len(out) >= n:
            break
    return out


# --------------------------------------------------------------------------------------------
# Course catalogue templates
# --------------------------------------------------------------------------------------------
# A template is instantiated once per calendar whose school level uses it (course.calendarID).
# category: the "slot" a student fills with it; gkey: grade name for per-grade courses, '*' for any;
# span: Y year-long (all terms), H half-year (first or second half of the terms),
#       R one-term rotation course (one quarter / trimester); weight: pick weight inside the pool.

GRADES_E = ["PK", "KG", "01", "02", "03", "04", "05"]
GRADES_M = ["06", "07", "08"]
GRADES_H = ["09", "10", "11", "12"]

_GNUM = {"PK": "14", "KG": "00"}


def _g2(g: str) -> str:
    return _GNUM.get(g, g)


def course_templates() -> list[dict]:
    t: list[dict] = []

    def add(level, category, gkey, span, name, number, ky, il, core=None, weight=1, **kw):
        row = {
            "level": level, "category": category, "gkey": gkey, "span": span, "name": name, "number": number,
            "ky_code": ky, "il_code": il, "core_content": core, "weight": weight,
            "homeroom": kw.get("homeroom", 0), "teaching_method": kw.get("teaching_method", "01"),
            "course_level": kw.get("course_level", "02"), "articulated": kw.get("articulated", 0),
            "dual": kw.get("dual", 0), "setting": kw.get("setting", "01"), "lang": kw.get("lang"),
            "competency": kw.get("competency", 0), "graded": kw.get("graded", 1),
            "score_kind": kw.get("score_kind", "L"),
        }
        t.append(row)

    # ---- Elementary: per grade homeroom + four cores, Pre-K has its own cores.
    for g in GRADES_E:
        gg = _g2(g)
        sk = "STD" if g in ("PK", "KG", "01", "02") else "L"
        add("E", "HR", g, "Y", f"Homeroom {g}", f"0{gg}0", None, None, None,
            homeroom=1, graded=0)
        if g == "PK":
            add("E", "ELA", g, "Y", "Pre-K Literacy", "0141", "230014", "51001A000", "ELA",
                score_kind="STD")
            add("E", "MATH", g, "Y", "Pre-K Math", "0142", "270014", "52001A000", "MA",
                score_kind="STD")
            add("E", "SS", g, "Y", "Pre-K Social Emotional", "0143", "450014", "54001A000",
                "SS", score_kind="STD")
            continue
        lbl = "Kindergarten" if g == "KG" else f"Grade {int(g)}"
        add("E", "ELA", g, "Y", f"{lbl} Reading/Language Arts", f"0{gg}1", f"23{gg}01",
            f"510{gg}A000", "ELA", score_kind=sk)
        add("E", "MATH", g, "Y", f"{lbl} Mathematics", f"0{gg}2", f"27{gg}01",
            f"520{gg}A000", "MA", score_kind=sk)
        add("E", "SCI", g, "Y", f"{lbl} Science", f"0{gg}3", f"30{gg}01", f"530{gg}A000",
            "SC", score_kind=sk)
        add("E", "SS", g, "Y", f"{lbl} Social Studies", f"0{gg}4", f"45{gg}01",
            f"540{gg}A000", "SS", score_kind=sk)
    add("E", "SPEC", "*", "Y", "Related Arts", "0901", "050901", "55098A000", "AH")
    for i, (nm, ky, il, cc) in enumerate([
        ("Art", "050101", "55001A000", "AH"), ("Music", "050201", "55002A000", "AH"),
        ("Physical Education", "080101", "58001A000", "PLCS"),
        ("Library Media", "099101", "51098A000", "ELA"), ("STEM Lab", "300901", "53098A000", "SC"),
    ]):
        add("E", "SPEC", "*", "R", nm, f"09{i + 1}R", ky, il, cc,
            score_kind="PF" if "Physical" in nm else "L")

    # ---- Middle school cores per grade: regular and advanced variants.
    subj = [("ELA", "Language Arts", "23", "01", "ELA"), ("MATH", "Mathematics", "27", "02", "MA"),
            ("SCI", "Science", "30", "03", "SC"), ("SS", "Social Studies", "45", "04", "SS")]
    for g in GRADES_M:
        for cat, nm, ky2, il2, cc in subj:
            add("M", cat, g, "Y", f"{nm} {int(g)}", f"{il2}{g}0", f"{ky2}{g}01",
                f"{il2}0{g}A000", cc, weight=17)
            add("M", cat, g, "Y", f"{nm} {int(g)} Advanced", f"{il2}{g}5", f"{ky2}{g}02",
                f"{il2}0{g}B000", cc, weight=3, course_level="03")
    add("M", "MATH", "08", "Y", "Algebra I (Grade 8)", "0208A", "272101", "02052A000", "MA",
        weight=2, course_level="04")
    add("M", "HR", "*", "Y", "Advisory", "0999", None, None, None, homeroom=1, graded=0)
    add("M", "PE", "*", "Y", "Physical Education", "0801", "080106", "08001A000", "PLCS",
        score_kind="PF")
    add("M", "PE", "*", "H", "Physical Education (Semester)", "0802", "080107", "08001A000",
        "PLCS", score_kind="PF")
    add("M", "PE", "*", "H", "Health", "0803", "080201", "08051A000", "PLCS")
    for i, (nm, ky, il, cc) in enumerate([
        ("Band", "500101", "05101A000", "AH"), ("Choir", "500201", "05110A000", "AH"),
        ("Orchestra", "500301", "05105A000", "AH"), ("Spanish I (MS)", "620101", "06101A000", "WL"),
        ("Art", "500401", "05154A000", "AH"),
        ("Computer Science Discoveries", "110101", "10019A000", "CTE"),
    ]):
        add("M", "ELEC", "*", "Y", nm, f"05{i + 1}0", ky, il, cc)
    for i, (nm, ky, il, cc) in enumerate([
        ("Art Exploration", "500402", "05154A000", "AH"),
        ("Digital Literacy", "110102", "10004A000", "CTE"),
        ("Theater", "500501", "05053A000", "AH"), ("Creative Writing", "230501", "01104A000", "ELA"),
        ("Career Exploration", "130101", "22151A000", "CTE"),
    ]):
        add("M", "ELEC", "*", "H", nm, f"05{i + 1}5", ky, il, cc)
    for i, (nm, ky, il, cc) in enumerate([
        ("Exploratory Art", "500403", "05155A000", "AH"),
        ("Exploratory Music", "500102", "05102A000", "AH"),
        ("Exploratory Technology", "110103", "10005A000", "CTE"),
        ("Exploratory World Languages", "620001", "06001A000", "WL"),
    ]):
        add("M", "ELEC", "*", "R", nm, f"05{i + 1}R", ky, il, cc)

    # ---- High school.
    hs_core = {
        "ELA": [("English 9", "English 9"), ("English 10", "English 10"),
                ("English 11", "English 11"), ("English 12", "English 12")],
        "MATH": [("Algebra I", "Algebra I"), ("Geometry", "Geometry"),
                 ("Algebra II", "Algebra II"), ("Precalculus", "Precalculus")],
        "SCI": [("Biology", "Biology"), ("Chemistry", "Chemistry"), ("Physics", "Physics"),
                ("Environmental Science", "Environmental Science")],
        "SS": [("World History", "World History"), ("U.S. History", "U.S. History"),
               ("Government", "Government"), ("Economics & Government", "Economics & Government")],
    }
    ky2 = {"ELA": "23", "MATH": "27", "SCI": "30", "SS": "45"}
    il2 = {"ELA": "01", "MATH": "02", "SCI": "03", "SS": "04"}
    cc2 = {"ELA": "ELA", "MATH": "MA", "SCI": "SC", "SS": "SS"}
    for cat, names in hs_core.items():
        for gi, g in enumerate(GRADES_H):
            base = names[gi][0]
            n0 = f"{il2[cat]}{g}"
            add("H", cat, g, "Y", base, f"{n0}1", f"{ky2[cat]}{g}11", f"{il2[cat]}{g}1A000",
                cc2[cat], weight=15)
            add("H", cat, g, "Y", f"{base} Honors", f"{n0}H", f"{ky2[cat]}{g}12",
                f"{il2[cat]}{g}1B000", cc2[cat], weight=3, course_level="04")
            add("H", cat, g, "Y", f"{base} Support", f"{n0}S", f"{ky2[cat]}{g}13",
                f"{il2[cat]}{g}1A000", cc2[cat], weight=1, course_level="01")
            add("H", cat, g, "Y", f"{base} - Resource", f"{n0}R", f"{ky2[cat]}{g}14",
                f"{il2[cat]}{g}1A000", cc2[cat], weight=1, course_level="05")
    add("H", "ELA", "11", "Y", "AP English Language", "01115", "230199", "01005A000", "ELA",
        weight=2, course_level="04")
    add("H", "ELA", "12", "Y", "Dual Credit English 101", "01126", "230198", "01051A000", "ELA",
        weight=2, course_level="04", dual=1, teaching_method="12")
    add("H", "HR", "*", "Y", "Advisory (HS)", "0998", None, None, None, homeroom=1, graded=0)
    add("H", "PE", "*", "Y", "Physical Education I", "08010", "080108", "08001A000", "PLCS",
        score_kind="PF")
    add("H", "PE", "*", "H", "Physical Education", "08011", "080109", "08001A000", "PLCS",
        score_kind="PF")
    add("H", "PE", "*", "H", "Health", "08051", "080202", "08051A000", "PLCS")
    hs_y = [
        ("Spanish I", "620111", "06101A000", "WL", {}),
        ("Spanish II", "620112", "06102A000", "WL", {}),
        ("French I", "610111", "06201A000", "WL", {}),
        ("Spanish for Heritage Speakers", "620115", "06149A000", "WL", {"lang": "140"}),
        ("Chinese I", "640111", "06401A000", "WL", {"lang": "045"}),
        ("Band", "500111", "05101A000", "AH", {}),
        ("Choir", "500211", "05110A000", "AH", {}),
        ("AP Psychology", "450811", "04256A000", "SS", {"course_level": "04",
                                                            "articulated": 1}),
        ("AP Biology", "300811", "03056A000", "SC", {"course_level": "04"}),
        ("Anatomy & Physiology", "300611", "03053A000", "SC", {}),
        ("Accounting I", "060111", "12104A000", "CTE", {"articulated": 1}),
        ("Engineering Design", "210111", "21006A000", "CTE", {}),
        ("Agriculture Science", "010111", "18001A000", "CTE", {}),
        ("JROTC I", "990111", "22051A000", None, {}),
        ("Online Economics", "450911", "04201A000", "SS", {"setting": "03",
                                                           "teaching_method": "10"}),
        ("Credit Recovery Lab", "990211", "22103A000", None, {"setting": "02",
                                                              "competency": 1}),
        ("Dual Credit Intro to Psychology", "450812", "04254A000", "SS",
         {"dual": 1, "teaching_method": "11", "articulated": 1}),
        ("Digital Media Production", "110311", "11151A000", "CTE", {"teaching_method": "02"}),
        ("Mandarin Immersion Seminar", "640112", "06402A000", "WL",
         {"lang": "045", "course_level": "03"}),
    ]
    for i, (nm, ky, il, cc, kw) in enumerate(hs_y):
        add("H", "ELEC", "*", "Y", nm, f"5{i + 1:03d}", ky, il, cc, **kw)
    hs_h = [
        ("Economics", "450411", "04201A000", "SS"), ("Civics", "450412", "04151A000", "SS"),
        ("Psychology", "450413", "04254A000", "SS"), ("Sociology", "450414", "04258A000", "SS"),
        ("Art I", "500511", "05154A000", "AH"), ("Ceramics", "500512", "05162A000", "AH"),
        ("Photography", "500513", "05167A000", "AH"),
        ("Personal Finance", "060211", "22210A000", "CTE"),
        ("Creative Writing", "230611", "01104A000", "ELA"),
        ("Web Design", "110211", "10201A000", "CTE"), ("Speech", "230711", "01151A000", "ELA"),
        ("Consumer Education", "060311", "22201A000", "CTE"),
    ]
    for i, (nm, ky, il, cc) in enumerate(hs_h):
        add("H", "ELEC", "*", "H", nm, f"6{i + 1:03d}", ky, il, cc)
    for i, (nm, ky, il, cc) in enumerate([
        ("Driver Education", "990311", "08151A000", "PLCS"),
        ("Study Skills", "990312", "22101A000", None),
        ("College & Career Readiness", "990313", "22152A000", None),
        ("Keyboarding", "060411", "10002A000", "CTE"),
    ]):
        add("H", "ELEC", "*", "R", nm, f"7{i + 1:03d}", ky, il, cc,
            score_kind="PF" if nm == "Driver Education" else "L")

    # ---- Career/technical center (partial-day enrollments).
    for i, (nm, ky, il, kw) in enumerate([
        ("Welding I", "470111", "13207A000", {"articulated": 1}),
        ("Automotive Technology I", "470211", "20103A000", {}),
        ("Health Science I", "170111", "14001A000", {"articulated": 1}),
        ("Culinary Arts I", "200111", "16052A000", {}),
        ("Carpentry I", "460111", "17007A000", {}),
        ("Electrical Technology I", "460211", "17101A000", {"dual": 1,
                                                           "teaching_method": "12"}),
    ]):
        add("CTE", "CTE", "*", "Y", nm, f"8{i + 1:03d}", ky, il, "CTE", **kw)

    # ---- Summer school.
    for i, (nm, ky, il, span) in enumerate([
        ("Credit Recovery English", "230911", "01998A000", "Y"),
        ("Credit Recovery Algebra I", "270911", "02998A000", "Y"),
        ("Summer Reading Academy", "230912", "01997A000", "Y"),
        ("Summer Math Bridge", "270912", "02997A000", "Y"),
        ("Driver Education (Summer)", "990314", "08151A000", "H"),
        ("Health (Summer)", "080203", "08051A000", "H"),
        ("Summer Art Studio", "500514", "05154A000", "H"),
    ]):
        add("SUM", "SUM", "*", span, nm, f"S{i + 1:03d}", ky, il, None)

    # ---- Hospital / homebound program.
    add("HB", "HB", "*", "Y", "Homebound Instruction", "H001", "990911", "22998A000", None)
    add("HB", "HB", "*", "Y", "Hospital Instruction", "H002", "990912", "22999A000", None)
    for i, row in enumerate(t):
        row["tpl"] = i + 1
    return t


# Slot sets: which "slots" a student of a slot set fills.
# (slotset, slot_no, category, kind, gi_min, gi_max, cal_prob, stu_prob)
#   kind core = one year-long course; elec = year, two halves or a rotation of one-term courses.
#   gi = grade index (0 PK, 1 KG, 2..13 grades 01..12, 14 KY '13', 15 KY 'TR').
#   cal_prob/stu_prob: permille chance that the calendar/student uses this slot.
SLOTS = [
    ("E", 1, "HR", "core", 0, 6, 1000, 1000),
    ("E", 2, "ELA", "core", 0, 6, 1000, 1000),
    ("E", 3, "MATH", "core", 0, 6, 1000, 1000),
    ("E", 4, "SCI", "core", 1, 6, 1000, 1000),
    ("E", 5, "SS", "core", 0, 6, 1000, 1000),
    ("E", 6, "SPEC", "elec", 1, 6, 400, 1000),
    ("M", 1, "ELA", "core", 7, 9, 1000, 1000),
    ("M", 2, "MATH", "core", 7, 9, 1000, 1000),
    ("M", 3, "SCI", "core", 7, 9, 1000, 1000),
    ("M", 4, "SS", "core", 7, 9, 1000, 1000),
    ("M", 5, "HR", "core", 7, 9, 500, 1000),
    ("M", 6, "PE", "elec", 7, 9, 1000, 1000),
    ("M", 7, "ELEC", "elec", 7, 9, 1000, 1000),
    ("H", 1, "ELA", "core", 10, 15, 1000, 1000),
    ("H", 2, "MATH", "core", 10, 15, 1000, 1000),
    ("H", 3, "SCI", "core", 10, 15, 1000, 1000),
    ("H", 4, "SS", "core", 10, 15, 1000, 1000),
    ("H", 5, "ELEC", "elec", 10, 15, 1000, 1000),
    ("H", 6, "ELEC", "elec", 10, 15, 1000, 800),
    ("H", 7, "PE", "elec", 10, 11, 1000, 1000),
    ("H", 8, "ELEC", "elec", 12, 15, 1000, 500),
    ("H", 9, "HR", "core", 10, 15, 250, 1000),
    ("CTE", 1, "CTE", "core", 0, 15, 1000, 1000),
    ("CTE", 2, "CTE", "core", 0, 15, 1000, 400),
    ("SUM", 1, "SUM", "elec", 0, 15, 1000, 1000),
    ("SUM", 2, "SUM", "elec", 0, 15, 1000, 350),
    ("HB", 1, "HB", "core", 0, 15, 1000, 1000),
    ("PART_E", 1, "SPEC", "elec", 0, 15, 1000, 1000),
    ("PART_S", 1, "ELEC", "elec", 0, 15, 1000, 1000),
    ("PART_S", 2, "ELEC", "elec", 0, 15, 1000, 500),
]

# Grading tasks (taskID, name, seq, stateReported).
GRADING_TASKS = [
    (1, "Quarter Grade", 1, 0),
    (2, "Semester Final", 2, 1),
    (3, "Trimester Grade", 3, 0),
    (4, "Final", 4, 1),
    (5, "Progress Report", 5, 0),
]

# Score groups (scoreGroupID, name, kind).
SCORE_GROUPS = [
    (1, "Letter Grades", "L"),
    (2, "Pass/Fail", "PF"),
    (3, "Elementary Standards", "STD"),
    (4, "Letter Grades (Legacy, unmapped)", "LEG"),
]

# Score list items: (scoreGroupID, score, stateScore, seq, passing, weight_pct, pct_lo, pct_hi)
# weight_pct: how many of 100 buckets draw that score (0 = never drawn, only listed).
_LETTERS = [
    ("A+", "01", 4, 97, 100), ("A", "02", 16, 93, 96.9), ("A-", "03", 10, 90, 92.9),
    ("B+", "04", 10, 87, 89.9), ("B", "05", 13, 83, 86.9), ("B-", "06", 8, 80, 82.9),
    ("C+", "07", 8, 77, 79.9), ("C", "08", 9, 73, 76.9), ("C-", "09", 5, 70, 72.9),
    ("D+", "10", 3, 67, 69.9), ("D", "11", 3, 63, 66.9), ("D-", "12", 2, 60, 62.9),
    ("F", "13", 7, 35, 59.9),
]


def score_items() -> list[tuple]:
    items: list[tuple] = []
    for i, (sc, st, w, lo, hi) in enumerate(_LETTERS):
        items.append((1, sc, st, i + 1, 0 if sc == "F" else 1, w, lo, hi))
    # listed but (almost) never drawn / unmapped
    items.append((1, "I", "16", 14, 0, 1, None, None))
    items.append((1, "W", "17", 15, 0, 0, None, None))
    items.append((1, "WP", "18", 16, 1, 0, None, None))
    items.append((1, "NG", None, 17, 0, 1, None, None))   # unmapped: no state score
    items.append((2, "P", "14", 1, 1, 93, None, None))
    items.append((2, "NP", "15", 2, 0, 6, None, None))
    items.append((2, "INC", None, 3, 0, 1, None, None))   # unmapped
    for i, (sc, st, w) in enumerate([("4", "27", 22), ("3", "28", 50), ("2", "29", 21),
                                     ("1", "30", 7)]):
        items.append((3, sc, st, i + 1, 1 if sc != "1" else 0, w, None, None))
    for i, (sc, _st, w, lo, hi) in enumerate(_LETTERS):
        items.append((4, sc, None, i + 1, 0 if sc == "F" else 1, w, lo, hi))
    return items


KY_DISABILITY = [  # (code, permille weight among students with a disability, max grade index)
    ("SLD", 300, 15), ("SL", 190, 15), ("OHI", 150, 15), ("AUT", 120, 15), ("DD", 70, 5),
    ("MMD", 60, 15), ("EBD", 45, 15), ("FMD", 15, 15), ("HI", 15, 15), ("OI", 10, 15),
    ("VI", 10, 15), ("TBI", 8, 15), ("MD", 5, 15), ("DB", 2, 15),
]
