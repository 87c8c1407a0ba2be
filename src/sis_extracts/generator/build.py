"""Bulk generation in DuckDB SQL.

All pseudo-randomness is hash based: ``hash(key, salt, seed)`` (see the pm/hm macros), never
``random()``, so a seed gives the same rows whatever the thread count.  Every id is either
arithmetic or a ``row_number()`` over a total order, and every output file is written with an
ORDER BY on its key, so a seed gives byte-identical files.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from . import pools
from .orgs import GRADE_NAMES, arrow, build_orgs
from .schema import CONTRACT, ORDER_BY, TEXT_COLUMNS
from .showcase import SCEN, SHOWCASE, showcase_table

STUDENT_BASE = 10001  # personID of the first student; staff follow the students
GRADE_LIST_SQL = "[" + ", ".join(f"'{g}'" for g in GRADE_NAMES) + "]"


class Builder:
    def __init__(self, con: duckdb.DuckDBPyConnection, students: int, seed: int, end_year: int,
                 log=None, rolled_over: bool = False):
        self.con = con
        self.N = students
        self.seed = seed
        self.E = end_year
        self.log = log
        self.rolled = rolled_over
        # deliberate orphans (docs/generator.md): this many of each kind
        self.n_orphans = 1 + students // 100_000
        self.timings: list[tuple[str, float]] = []

    # ------------------------------------------------------------------ helpers
    def sql(self, label: str, text: str) -> None:
        t0 = time.perf_counter()
        self.con.execute(text)
        dt = time.perf_counter() - t0
        self.timings.append((label, dt))
        if self.log:
            self.log(f"  {label:<28} {dt:6.2f}s")

    def register(self, name: str, table: pa.Table) -> None:
        self.con.register(f"_arrow_{name}", table)
        self.con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM _arrow_{name}")
        self.con.unregister(f"_arrow_{name}")

    def d(self, y: int, m: int, dd: int) -> str:
        return f"DATE '{date(y, m, dd).isoformat()}'"

    # ------------------------------------------------------------------ steps
    def run(self) -> None:
        self.setup()
        self.organisation()
        self.students()
        self.enrollments()
        self.courses()
        self.pieces_and_sections()
        self.rosters()
        self.staff()
        self.section_outputs()
        self.grading()
        self.people()
        self.staff_outputs()

    def setup(self) -> None:
        seed = int(self.seed)
        c = self.con
        c.execute("SET enable_progress_bar = false")
        c.execute("SET preserve_insertion_order = true")
        # pm: permille 0..999; hm: 0..n-1.  Two-key variants take (a, b, salt).  The outer
        # hash() re-mixes the bits: DuckDB combines the hashes of several arguments in a way
        # that leaves the low bits of hash(x, 1, seed) and hash(x, 5, seed) correlated.
        c.execute(f"CREATE OR REPLACE MACRO pm(a, salt) AS "
                  f"(hash(hash(a, salt, {seed})) % 1000)::INTEGER")
        c.execute(f"CREATE OR REPLACE MACRO pm3(a, b, salt) AS "
                  f"(hash(hash(a, b, salt, {seed})) % 1000)::INTEGER")
        c.execute(f"CREATE OR REPLACE MACRO hm(a, salt, n) AS "
                  f"(hash(hash(a, salt, {seed})) % greatest(n, 1)::UBIGINT)::BIGINT")
        c.execute(f"CREATE OR REPLACE MACRO hm3(a, b, salt, n) AS "
                  f"(hash(hash(a, b, salt, {seed})) % greatest(n, 1)::UBIGINT)::BIGINT")
        c.execute(f"CREATE OR REPLACE MACRO gname(gi) AS {GRADE_LIST_SQL}[gi + 1]")

        # name pools
        np_ = pools.name_pools(seed)
        self.pool_n = {k: len(v) for k, v in np_.items()}
        rows = [{"pool": k, "idx": i, "name": v} for k, vals in np_.items() for i, v in enumerate(vals)]
        self.register("g_names", arrow(rows, [("pool", pa.string()), ("idx", pa.int64()),
                                              ("name", pa.string())]))
        # course templates, slots, grading
        tpl = pools.course_templates()
        seen: set[tuple] = set()
        for t in tpl:
            key = (t["level"], t["category"], t["gkey"], t["span"])
            t["pool_first"] = 0 if key in seen else 1
            seen.add(key)
        S, I = pa.string(), pa.int32()
        self.register("g_tpl", arrow(tpl, [
            ("tpl", I), ("level", S), ("category", S), ("gkey", S), ("span", S), ("name", S),
            ("number", S), ("ky_code", S), ("il_code", S), ("core_content", S), ("weight", I),
            ("homeroom", I), ("teaching_method", S), ("course_level", S), ("articulated", I),
            ("dual", I), ("setting", S), ("lang", S), ("competency", I), ("graded", I),
            ("score_kind", S), ("pool_first", I)]))
        self.register("g_slot", arrow(
            [dict(zip(["slotset", "slot_no", "category", "kind", "gi_min", "gi_max", "cal_prob",
                       "stu_prob"], s)) for s in pools.SLOTS],
            [("slotset", S), ("slot_no", I), ("category", S), ("kind", S), ("gi_min", I),
             ("gi_max", I), ("cal_prob", I), ("stu_prob", I)]))
        self.register("gradingtask", arrow(
            [dict(zip(["taskID", "name", "seq", "stateReported"], t)) for t in pools.GRADING_TASKS],
            [("taskID", I), ("name", S), ("seq", I), ("stateReported", I)]))
        self.register("g_scoregroup", arrow(
            [dict(zip(["scoreGroupID", "name", "kind"], t)) for t in pools.SCORE_GROUPS],
            [("scoreGroupID", I), ("name", S), ("kind", S)]))
        items = pools.score_items()
        self.register("scorelistitem", arrow(
            [dict(zip(["scoreGroupID", "score", "stateScore", "seq", "passing"], t[:5]))
             for t in items],
            [("scoreGroupID", I), ("score", S), ("stateScore", S), ("seq", I), ("passing", I)]))
        buckets = []
        for g in {t[0] for t in items}:
            its = [t for t in items if t[0] == g and t[5] > 0]
            total = sum(t[5] for t in its)
            cum, j = 0, 0
            for b in range(100):
                while (cum + its[j][5]) * 100 <= b * total:
                    cum += its[j][5]
                    j += 1
                buckets.append({"scoreGroupID": g, "b": b, "score": its[j][1], "lo": its[j][6],
                                    "hi": its[j][7]})
        self.register("g_scorebucket", arrow(buckets, [
            ("scoreGroupID", I), ("b", I), ("score", S), ("lo", pa.float64()),
            ("hi", pa.float64())]))
        dis = []
        cum = 0
        for code, w, gmax in pools.KY_DISABILITY:
            dis.append({"code": code, "lo": cum, "hi": cum + w, "gmax": gmax})
            cum += w
        self.register("g_dis", arrow(dis, [("code", S), ("lo", I), ("hi", I), ("gmax", I)]))
        self.register("g_show", showcase_table(self.N))
        expand = [{"span": "Y", "nterms": n, "part": 0} for n in (1, 2, 3, 4)]
        expand += [{"span": "H", "nterms": n, "part": p} for n in (2, 4) for p in (1, 2)]
        expand += [{"span": "R", "nterms": n, "part": p} for n in (3, 4) for p in range(1, n + 1)]
        self.register("g_expand", arrow(expand, [("span", S), ("nterms", I), ("part", I)]))
        lvl = [("E", "E"), ("M", "M"), ("H", "H"), ("ALT", "M"), ("ALT", "H"), ("DT", "M"),
               ("DT", "H"), ("CTE", "CTE"), ("HB", "HB"), ("SUM", "SUM")]
        self.register("g_lvlmap", arrow([{"level": a, "tpl_level": b} for a, b in lvl],
                                        [("level", S), ("tpl_level", S)]))

    # ------------------------------------------------------------------ organisation
    def organisation(self) -> None:
        E = self.E
        t0 = time.perf_counter()
        orgs = build_orgs(self.N, self.seed, E, rolled_over=self.rolled)
        for name, tbl in orgs.items():
            self.register(name, tbl)
        self.timings.append(("organisation (python)", time.perf_counter() - t0))
        # a rolled-over district has started the next year: E + 1 exists and is the active one
        years = [E - 1, E] + ([E + 1] if self.rolled else [])
        rows = ", ".join(
            f"({y}, '{(y - 1) % 100:02d}-{y % 100:02d}', {int(y == years[-1])}, "
            f"{self.d(y - 1, 7, 1)}, {self.d(y, 6, 30)})" for y in years)
        self.sql("schoolyear", f"""
            CREATE TABLE schoolyear AS SELECT * FROM (VALUES {rows}
            ) t(endYear, label, active, startDate, endDate)""")
        # day rows: one per calendar date per structure
        self.sql("day", """
            CREATE TABLE day AS
            WITH dd AS (
              SELECT calendarID, kind,
                     unnest(generate_series(startDate::TIMESTAMP, endDate::TIMESTAMP,
                                            INTERVAL 1 DAY))::DATE AS d
              FROM g_calendar),
            di AS (
              SELECT calendarID, d, CASE
                WHEN dayofweek(d) IN (0, 6) THEN 0
                WHEN kind = 'SUM' THEN CASE WHEN (month(d) = 7 AND day(d) = 4)
                                              OR (month(d) = 6 AND day(d) = 19) THEN 0 ELSE 1 END
                WHEN month(d) = 9 AND dayofweek(d) = 1 AND day(d) <= 7 THEN 0
                WHEN month(d) = 10 AND dayofweek(d) = 5 AND day(d) BETWEEN 8 AND 14 THEN 0
                WHEN month(d) = 11 AND ((dayofweek(d) = 4 AND day(d) BETWEEN 22 AND 28)
                     OR (dayofweek(d) = 3 AND day(d) BETWEEN 21 AND 27)
                     OR (dayofweek(d) = 5 AND day(d) BETWEEN 23 AND 29)) THEN 0
                WHEN (month(d) = 12 AND day(d) >= 21) OR (month(d) = 1 AND day(d) <= 2) THEN 0
                WHEN month(d) = 1 AND dayofweek(d) = 1 AND day(d) BETWEEN 15 AND 21 THEN 0
                WHEN month(d) = 4 AND day(d) <= 7 THEN 0
                WHEN month(d) = 5 AND dayofweek(d) = 1 AND day(d) >= 25 THEN 0
                ELSE 1 END AS instr
              FROM dd)
            -- after the structure's last day of instruction (lid_cut): teacher days, weekend
            SELECT s.calendarID, s.structureID, di.d AS date,
                   CASE WHEN di.d > s.lid_cut THEN 0 ELSE di.instr END AS instruction,
                   CASE WHEN di.d > s.lid_cut THEN 0 ELSE di.instr END AS attendance
            FROM g_structure s JOIN di USING (calendarID)""")
        self.sql("calendar info", """
            CREATE TABLE g_calinfo AS
            SELECT c.calendarID, c.schoolID, c.districtID, c.endYear, c.kind, c.level, c.sidx,
                   c.state, c.stype, c.nterms, c.startDate AS cs, c.endDate AS ce,
                   (SELECT max(date) FROM day d WHERE d.calendarID = c.calendarID
                      AND d.instruction = 1) AS lid,
                   m.structureID AS main_st,
                   a.structureID AS alt_st
            FROM g_calendar c
            JOIN g_structure m ON m.calendarID = c.calendarID AND m.role = 'MAIN'
            LEFT JOIN g_structure a ON a.calendarID = c.calendarID AND a.role = 'ALT'
                                   AND a.active = 1""")
        next_join = (f"LEFT JOIN g_calendar cn ON cn.schoolID = s.schoolID "
                     f"AND cn.endYear = {E + 1} AND cn.kind = 'REG'") if self.rolled else ""
        self.sql("school lookup", f"""
            CREATE TABLE g_reg AS
            SELECT s.districtID, s.level, s.sidx, s.schoolID, s.has_summer, s.rcdts,
                   count(*) OVER (PARTITION BY s.districtID, s.level) AS n,
                   ce.calendarID AS cal_e, cp.calendarID AS cal_p, cs.calendarID AS sum_e,
                   {'cn.calendarID' if self.rolled else 'NULL::INTEGER'} AS cal_n
            FROM g_school s
            JOIN g_calendar ce ON ce.schoolID = s.schoolID AND ce.endYear = {E} AND ce.kind = 'REG'
            JOIN g_calendar cp ON cp.schoolID = s.schoolID AND cp.endYear = {E - 1}
                              AND cp.kind = 'REG'
            LEFT JOIN g_calendar cs ON cs.schoolID = s.schoolID AND cs.endYear = {E}
                                   AND cs.kind = 'SUM'
            {next_join}""")

    # ------------------------------------------------------------------ students
    def students(self) -> None:
        N = self.N
        # special programs: about 300 (ALT), 100 (DT) and 150 (HB) students a district at most
        nd = max(1, N // 2)
        p_alt = max(2, min(15, round(300_000 / (nd * 0.54))))
        p_dt = p_alt + max(1, min(5, round(100_000 / (nd * 0.54))))
        p_hb = max(1, min(5, round(150_000 / (nd * 0.93))))
        self.sql("students", f"""
            CREATE TABLE g_stu AS
            WITH b AS (
              SELECT r.s, sh.s IS NOT NULL AS is_show, sh.* EXCLUDE (s)
              FROM range({N}) r(s) LEFT JOIN g_show sh ON sh.s = r.s),
            a1 AS (
              SELECT s, is_show,
                COALESCE(d, 1 + hm(s, 1, 2))::INTEGER AS d,
                COALESCE(gi, CASE WHEN pm(s, 2) < 40 THEN 0
                                  ELSE 1 + ((pm(s, 2) - 40) * 13) // 960 END)::INTEGER AS gi0,
                place AS f_place, scen AS f_scen, eoy AS f_eoy, dis AS f_dis, cm AS f_cm,
                lep AS f_lep, state_excl, null_sid, cte, sped_n, summer, prior, sp, dh, home_r,
                serv_r, alt_st, two_ident, legal, gender AS f_gender, bad_gl, bad_dates
              FROM b),
            a2 AS (
              SELECT *,
                CASE WHEN is_show OR d <> 1 OR gi0 <> 13 THEN gi0
                     WHEN pm(s, 3) < 20 THEN 14 WHEN pm(s, 3) < 30 THEN 15 ELSE 13 END AS gi
              FROM a1),
            a3 AS (
              SELECT *,
                COALESCE(f_place, CASE
                  WHEN gi BETWEEN 7 AND 13 AND pm(s, 4) < {p_alt} THEN 'ALT'
                  WHEN d = 1 AND gi BETWEEN 7 AND 13 AND pm(s, 4) < {p_dt} THEN 'DT'
                  WHEN gi BETWEEN 1 AND 13 AND pm(s, 4) BETWEEN 20 AND {19 + p_hb} THEN 'HB'
                  ELSE 'REG' END) AS place,
                CASE WHEN gi <= 6 THEN 'E' WHEN gi <= 9 THEN 'M' ELSE 'H' END AS lvl,
                CASE WHEN pm(s, 8) < 180 THEN 1 WHEN pm(s, 8) < 190 THEN 2
                     WHEN pm(s, 8) < 240 THEN 3 WHEN pm(s, 8) < 410 THEN 4
                     WHEN pm(s, 8) < 413 THEN 5 WHEN pm(s, 8) < 943 THEN 6 ELSE 7 END AS race,
                COALESCE(f_gender, CASE WHEN pm(s, 7) < 490 THEN 'M' WHEN pm(s, 7) < 980 THEN 'F'
                                        ELSE 'X' END) AS gender
              FROM a2)
            SELECT a3.s, {STUDENT_BASE} + a3.s AS personID, a3.is_show, a3.d, a3.gi, a3.place,
              a3.lvl, CASE WHEN a3.place = 'REG' THEN a3.lvl ELSE a3.place END AS lvlkey,
              a3.race, a3.gender,
              CASE WHEN a3.race = 1 OR (a3.race = 7 AND pm(a3.s, 28) < 300) THEN 1 ELSE 0 END
                AS hisp,
              COALESCE(a3.f_scen, CASE
                WHEN pm(a3.s, 13) < 7 THEN {SCEN['noshow_extra']}
                WHEN pm(a3.s, 13) < 10 THEN {SCEN['noshow_only']}
                WHEN pm(a3.s, 13) < 60 THEN {SCEN['withdraw']}
                WHEN pm(a3.s, 13) < 80 THEN {SCEN['reenroll_other']}
                WHEN pm(a3.s, 13) < 85 THEN {SCEN['reenroll_same']}
                WHEN pm(a3.s, 13) < 90 THEN {SCEN['overlap_pp']}
                WHEN pm(a3.s, 13) < 95 THEN {SCEN['pair_ps_same']}
                WHEN pm(a3.s, 13) < 98 THEN {SCEN['pair_ps_other']}
                WHEN pm(a3.s, 13) < 101 THEN {SCEN['pair_pn']}
                WHEN pm(a3.s, 13) < 106 THEN {SCEN['pair_pp']}
                WHEN pm(a3.s, 13) < 108 THEN {SCEN['pair_ss']}
                WHEN pm(a3.s, 13) < 158 THEN {SCEN['late_entry']}
                ELSE 0 END) AS scen,
              -- end of a full year: as the SIS's year-end process writes it, mostly the last day
              -- of instruction (2), else the calendar end (1) or still open (0)
              COALESCE(a3.f_eoy, CASE WHEN pm(a3.s, 25) < 250 THEN 0
                                      WHEN pm(a3.s, 25) < 350 THEN 1 ELSE 2 END) AS eoy,
              CASE WHEN a3.is_show THEN a3.f_dis
                   WHEN pm(a3.s, 9) < 140 THEN (
                     SELECT CASE WHEN a3.gi <= g.gmax THEN g.code ELSE 'SLD' END
                     FROM g_dis g WHERE pm(a3.s, 10) >= g.lo AND pm(a3.s, 10) < g.hi)
                   END AS dis,
              COALESCE(a3.f_cm, CASE WHEN pm(a3.s, 30) < 50 THEN 1 WHEN pm(a3.s, 30) < 80 THEN 2
                                     WHEN pm(a3.s, 30) < 110 THEN 3 ELSE 0 END) AS cm,
              COALESCE(a3.f_lep, CASE
                WHEN pm(a3.s, 11) < CASE a3.race WHEN 1 THEN 330 WHEN 3 THEN 300 ELSE 35 END
                THEN CASE WHEN pm(a3.s, 29) < 750 THEN 1 ELSE 2 END ELSE 0 END) AS lep,
              COALESCE(a3.state_excl, (pm(a3.s, 14) < 10)::INTEGER) AS state_excl,
              COALESCE(a3.null_sid, (pm(a3.s, 15) < 15)::INTEGER) AS null_sid,
              COALESCE(a3.cte, (a3.gi BETWEEN 11 AND 15 AND a3.place = 'REG'
                                AND pm(a3.s, 16) < 60)::INTEGER) AS cte,
              COALESCE(a3.summer, (a3.gi >= 7 AND pm(a3.s, 18) < 30)::INTEGER) AS summer,
              COALESCE(a3.prior, (a3.gi >= 1 AND pm(a3.s, 12) < 100)::INTEGER) AS prior,
              COALESCE(a3.sp, (a3.d = 2 AND a3.gi >= 10 AND pm(a3.s, 19) < 15)::INTEGER) AS sp,
              COALESCE(a3.dh, (a3.d = 2 AND a3.gi >= 10 AND pm(a3.s, 20) < 5)::INTEGER) AS dh,
              COALESCE(a3.home_r, (a3.d = 2 AND pm(a3.s, 21) < 20)::INTEGER) AS home_r,
              COALESCE(a3.serv_r, (a3.d = 2 AND pm(a3.s, 22) < 10)::INTEGER) AS serv_r,
              COALESCE(a3.alt_st, (pm(a3.s, 6) < 80)::INTEGER) AS alt_st,
              COALESCE(a3.two_ident, (pm(a3.s, 23) < 30)::INTEGER) AS two_ident,
              COALESCE(a3.legal, CASE WHEN pm(a3.s, 24) < 20 THEN 1
                                      WHEN pm(a3.s, 24) < 25 THEN 2 ELSE 0 END) AS legal,
              a3.sped_n AS f_sped_n,
              CASE WHEN pm(a3.s, 31) < 30 THEN 1 ELSE 0 END AS older,
              -- suspicious values: the main enrollment's grade is the next grade (not a grade
              -- level of the calendar); an extra enrollment that ends before it starts
              COALESCE(a3.bad_gl, (a3.gi IN (6, 9) AND a3.place = 'REG'
                                   AND hm(a3.s, 211, 10000) < 20)::INTEGER) AS bad_gl,
              COALESCE(a3.bad_dates, (hm(a3.s, 212, 10000) < 5)::INTEGER) AS bad_dates,
              hm(a3.s, 32, 100) AS ability
            FROM a3""")
        self.sql("students: schools", """
            CREATE TABLE g_stu2 AS
            WITH x AS (
              SELECT st.*, COALESCE(st.f_sped_n,
                       (st.dis IS NOT NULL AND pm(st.s, 17) < 100)::INTEGER) AS sped_n,
                     CASE WHEN st.is_show THEN 0 ELSE hm(st.s, 5, lc.n) END AS sidx,
                     lc.n AS nlvl
              FROM g_stu st
              JOIN (SELECT DISTINCT districtID, level, n FROM g_reg) lc
                ON lc.districtID = st.d AND lc.level = st.lvlkey),
            p AS (  -- prior-year grade and school level
              SELECT x.*, CASE WHEN x.gi >= 14 THEN 13 ELSE x.gi - 1 END AS pgi,
                CASE WHEN x.place <> 'REG' AND (CASE WHEN x.gi >= 14 THEN 13 ELSE x.gi - 1 END)
                          BETWEEN CASE WHEN x.place = 'HB' THEN 1 ELSE 7 END AND 13
                     THEN x.place
                     WHEN (CASE WHEN x.gi >= 14 THEN 13 ELSE x.gi - 1 END) <= 6 THEN 'E'
                     WHEN (CASE WHEN x.gi >= 14 THEN 13 ELSE x.gi - 1 END) <= 9 THEN 'M'
                     ELSE 'H' END AS plvlkey
              FROM x)
            SELECT p.*,
              h.schoolID AS home_school, h.cal_e AS home_cal, h.rcdts AS home_rcdts,
              o.schoolID AS other_school, o.cal_e AS other_cal,
              cte.cal_e AS cte_cal,
              COALESCE(h.sum_e, hs.sum_e) AS sum_cal,
              pr.cal_p AS prior_cal
            FROM p
            JOIN g_reg h ON h.districtID = p.d AND h.level = p.lvlkey AND h.sidx = p.sidx
            JOIN g_reg o ON o.districtID = p.d AND o.level = p.lvlkey
                        AND o.sidx = (p.sidx + 1) % p.nlvl
            JOIN g_reg cte ON cte.districtID = p.d AND cte.level = 'CTE'
            JOIN g_reg hs ON hs.districtID = p.d AND hs.level = 'H' AND hs.sidx = 0
            LEFT JOIN (SELECT DISTINCT districtID, level, n FROM g_reg) plc
              ON plc.districtID = p.d AND plc.level = p.plvlkey
            LEFT JOIN g_reg pr ON pr.districtID = p.d AND pr.level = p.plvlkey
              AND pr.sidx = CASE WHEN p.plvlkey = p.lvlkey THEN p.sidx
                                 ELSE hm(p.s, 35, plc.n) END""")

    # ------------------------------------------------------------------ enrollments
    def enrollments(self) -> None:
        sc = SCEN
        next_year = ""
        if self.rolled:
            # the next school year (rolled over): continuing students, grade + 1 (seniors leave,
            # withdrawn students and 4% movers too), at a school of their new grade's level
            self.sql("next-year students", f"""
                CREATE TABLE g_next AS
                WITH p AS (
                  -- sidx: the school they finish the year at (re-enrolled: the other one)
                  SELECT st.s, st.d, st.gi + 1 AS ngi, st.alt_st, st.lvlkey,
                    CASE WHEN st.scen IN ({sc['reenroll_other']}, {sc['overlap_pp']})
                         THEN (st.sidx + 1) % st.nlvl ELSE st.sidx END AS sidx,
                    CASE WHEN st.place IN ('ALT', 'DT') THEN st.place
                         WHEN st.gi + 1 <= 6 THEN 'E' WHEN st.gi + 1 <= 9 THEN 'M'
                         ELSE 'H' END AS nlvl
                  FROM g_stu2 st
                  WHERE st.gi <= 12 AND pm(st.s, 209) >= 40
                    AND st.scen NOT IN ({sc['withdraw']}, {sc['noshow_only']}))
                SELECT p.s, p.ngi, c.calendarID AS cal, c.cs,
                  CASE WHEN p.alt_st = 1 AND c.alt_st IS NOT NULL THEN c.alt_st
                       ELSE c.main_st END AS st
                FROM p
                JOIN (SELECT DISTINCT districtID, level, n FROM g_reg) lc
                  ON lc.districtID = p.d AND lc.level = p.nlvl
                JOIN g_reg r ON r.districtID = p.d AND r.level = p.nlvl
                  AND r.sidx = CASE WHEN p.nlvl = p.lvlkey THEN p.sidx
                                    ELSE hm(p.s, 210, lc.n) END
                JOIN g_calinfo c ON c.calendarID = r.cal_n""")
            next_year = """
              UNION ALL
              -- next school year: P from its first day, open (no rosters, no grades yet)
              SELECT s, 40, cal, st, ngi, 'P', cs, NULL, NULL, 0, 0, 0 FROM g_next"""
        # One row per enrollment: (ord, which calendar, serviceType, dates, flags).
        # X = withdrawal date, EOY = end date of a full-year enrollment.
        self.sql("enrollments", f"""
            CREATE TABLE g_enr0 AS
            WITH b AS (
              SELECT st.*,
                hc.cs AS h_cs, hc.ce AS h_ce, hc.lid AS h_lid,
                CASE WHEN st.alt_st = 1 AND hc.alt_st IS NOT NULL THEN hc.alt_st
                     ELSE hc.main_st END AS h_st,
                oc.main_st AS o_st, oc.cs AS o_cs,
                hc.cs + (30 + ((hc.ce - hc.cs - 90) * pm(st.s, 26)) // 1000)::INTEGER AS x,
                CASE st.eoy WHEN 0 THEN NULL WHEN 1 THEN hc.ce ELSE hc.lid END AS eoy_end,
                CASE WHEN st.eoy = 0 THEN NULL WHEN st.gi >= 13 THEN 'G1' ELSE 'C1' END
                  AS eoy_status,
                CASE hm(st.s, 33, 3) WHEN 0 THEN 'W1' WHEN 1 THEN 'W2' ELSE 'W3' END AS wd_status
              FROM g_stu2 st
              JOIN g_calinfo hc ON hc.calendarID = st.home_cal
              JOIN g_calinfo oc ON oc.calendarID = st.other_cal),
            e AS (
              -- home P enrollment (every scenario but pair_ss)
              SELECT s, 10 AS ord, home_cal AS cal, h_st AS st, gi, 'P' AS svc,
                CASE scen WHEN {sc['noshow_extra']} THEN h_cs + 2
                          WHEN {sc['reenroll_other']} THEN h_cs
                          WHEN {sc['late_entry']}
                            THEN h_cs + (20 + ((h_ce - h_cs - 60) * pm(s, 27)) // 1000)::INTEGER
                          ELSE h_cs END AS sd,
                CASE WHEN scen = {sc['noshow_only']} THEN h_cs
                     WHEN scen IN ({sc['withdraw']}, {sc['reenroll_other']},
                                   {sc['reenroll_same']}) THEN x
                     WHEN scen = {sc['overlap_pp']} THEN x + 10
                     ELSE eoy_end END AS ed,
                CASE WHEN scen IN ({sc['withdraw']}, {sc['reenroll_other']},
                                   {sc['reenroll_same']}, {sc['overlap_pp']}) THEN wd_status
                     WHEN scen = {sc['noshow_only']} THEN 'NS'
                     ELSE eoy_status END AS es,
                (scen = {sc['noshow_only']})::INTEGER AS noshow,
                (scen <> {sc['noshow_only']})::INTEGER AS gen_roster, 0 AS flip
              FROM b WHERE scen <> {sc['pair_ss']}
              UNION ALL
              -- second enrollment of the scenario
              SELECT s,
                CASE WHEN scen = {sc['noshow_extra']} THEN 5 ELSE 11 END AS ord,
                CASE WHEN scen IN ({sc['noshow_extra']}, {sc['reenroll_other']},
                                   {sc['overlap_pp']}, {sc['pair_ps_other']}, {sc['pair_ss']})
                     THEN other_cal ELSE home_cal END AS cal,
                CASE WHEN scen IN ({sc['noshow_extra']}, {sc['reenroll_other']},
                                   {sc['overlap_pp']}, {sc['pair_ps_other']}, {sc['pair_ss']})
                     THEN o_st ELSE h_st END AS st,
                gi,
                CASE WHEN scen IN ({sc['pair_ps_same']}, {sc['pair_ps_other']},
                                   {sc['pair_ss']}) THEN 'S'
                     WHEN scen = {sc['pair_pn']} THEN 'N' ELSE 'P' END AS svc,
                CASE WHEN scen = {sc['noshow_extra']} THEN o_cs
                     WHEN scen = {sc['reenroll_other']} THEN x + 7 + hm(s, 34, 21)::INTEGER
                     WHEN scen = {sc['reenroll_same']} THEN x + 10 + hm(s, 34, 21)::INTEGER
                     WHEN scen = {sc['overlap_pp']} THEN x
                     ELSE h_cs END AS sd,
                CASE WHEN scen = {sc['noshow_extra']} THEN o_cs ELSE eoy_end END AS ed,
                CASE WHEN scen = {sc['noshow_extra']} THEN 'NS' ELSE eoy_status END AS es,
                (scen = {sc['noshow_extra']})::INTEGER AS noshow,
                CASE WHEN scen IN ({sc['reenroll_other']}, {sc['reenroll_same']},
                                   {sc['overlap_pp']}, {sc['pair_ps_other']}, {sc['pair_ss']})
                     THEN 1 ELSE 0 END AS gen_roster,
                (scen = {sc['pair_pp']})::INTEGER AS flip
              FROM b WHERE scen IN ({sc['noshow_extra']}, {sc['reenroll_other']},
                  {sc['reenroll_same']}, {sc['overlap_pp']}, {sc['pair_ps_same']},
                  {sc['pair_ps_other']}, {sc['pair_pn']}, {sc['pair_pp']}, {sc['pair_ss']})
              UNION ALL
              -- pair_ss: the first S enrollment at home
              SELECT s, 10, home_cal, h_st, gi, 'S', h_cs, eoy_end, eoy_status, 0, 1, 0
              FROM b WHERE scen = {sc['pair_ss']}
              UNION ALL
              -- partial-day enrollment at the career/technical center
              SELECT b.s, 20, b.cte_cal, c.main_st, b.gi, 'S', c.cs,
                CASE WHEN pm(b.s, 36) < 250 THEN c.lid WHEN pm(b.s, 36) < 300 THEN c.ce END,
                CASE WHEN pm(b.s, 36) < 300 THEN 'C1' END, 0, 1, 0
              FROM b JOIN g_calinfo c ON c.calendarID = b.cte_cal WHERE b.cte = 1
              UNION ALL
              -- special-education services enrollment (N) at the home calendar
              SELECT s, 21, home_cal, h_st, gi, 'N', h_cs + 14, eoy_end, eoy_status, 0, 0, 0
              FROM b WHERE sped_n = 1
              UNION ALL
              -- summer school
              SELECT b.s, 30, b.sum_cal, c.main_st, b.gi,
                CASE WHEN pm(b.s, 37) < 500 THEN 'P' ELSE 'S' END, c.cs,
                CASE WHEN pm(b.s, 213) < 600 THEN c.lid ELSE c.ce END, 'C1', 0, 1, 0
              FROM b JOIN g_calinfo c ON c.calendarID = b.sum_cal WHERE b.summer = 1
              UNION ALL
              -- prior school year
              SELECT b.s, 1, b.prior_cal, c.main_st, b.pgi, 'P', c.cs,
                CASE WHEN pm(b.s, 38) < 200 THEN c.ce ELSE c.lid END,
                CASE WHEN b.pgi >= 13 THEN 'G1' ELSE 'C1' END, 0, 1, 0
              FROM b JOIN g_calinfo c ON c.calendarID = b.prior_cal
              WHERE b.prior = 1 AND b.prior_cal IS NOT NULL
              UNION ALL
              -- suspicious: an extra P enrollment (a cancelled transfer) that ends a week before
              -- it starts
              SELECT s, 12, other_cal, o_st, gi, 'P', o_cs + 30, o_cs + 23, wd_status, 0, 0, 0
              FROM b WHERE bad_dates = 1{next_year})
            SELECT e.*, c.endYear, c.kind, c.level, c.schoolID, c.districtID,
              -- the end date rosters are cut at: the year-end process end-dates enrollments on
              -- (or after) the last day of instruction but leaves most rosters open
              CASE WHEN e.ed >= c.lid AND pm(e.s, 201) >= 150 THEN NULL ELSE e.ed END AS ed_r,
              row_number() OVER (ORDER BY c.endYear, e.s, e.ord) AS enrollmentID
            FROM e JOIN g_calinfo c ON c.calendarID = e.cal""")
        self.sql("enrollment output", """
            CREATE TABLE enrollment AS
            SELECT e.enrollmentID::INTEGER AS enrollmentID, st.personID::INTEGER AS personID,
              e.cal AS calendarID, e.st AS structureID,
              gname(CASE WHEN e.ord = 10 AND st.bad_gl = 1 THEN e.gi + 1 ELSE e.gi END) AS grade,
              e.svc AS serviceType, e.sd AS startDate, e.ed AS endDate, e.es AS endStatus,
              e.noshow AS noShow,
              CASE WHEN e.ord = 10 THEN st.state_excl ELSE 0 END AS stateExclude,
              st.dis AS disability1,
              CASE WHEN st.dis IS NOT NULL THEN 'A' END AS specialEdStatus,
              CASE WHEN st.d = 2 THEN (CASE WHEN e.flip = 1 THEN 1 - st.sp ELSE st.sp END) END
                AS singleParent,
              CASE WHEN st.d = 2 THEN st.dh END AS displacedHomemaker,
              CASE WHEN st.d = 2 AND st.home_r = 1 THEN
                ['190221010260001', '190221225170002', '560993010260014'][hm(st.s, 39, 3) + 1]
              END AS homeSchoolRCDTS,
              CASE WHEN st.d = 2 AND st.serv_r = 1 THEN
                CASE WHEN pm(st.s, 40) < 500 THEN r.rcdts ELSE '190220999600105' END
              END AS servingSchoolRCDTS
            FROM g_enr0 e JOIN g_stu2 st USING (s)
            LEFT JOIN g_reg r ON r.schoolID = e.schoolID""")

    # ------------------------------------------------------------------ courses
    def courses(self) -> None:
        E = self.E
        forced_keep = "('Ceramics', 'Speech', 'Sociology', 'Psychology', 'Civics', " \
                      "'Creative Writing', 'Personal Finance')"
        self.sql("courses", f"""
            CREATE TABLE g_course AS
            WITH ct AS (
              -- hcal/hyear: the calendar (year) a course's random attributes are drawn for; a
              -- next-year calendar copies its end-year calendar's courses
              SELECT c.calendarID, c.state, c.kind, c.level AS sch_level, c.sidx, c.endYear,
                     c.nterms, c.size_f, c.hcal, c.hyear, t.*,
                     (c.level = 'H' AND c.sidx = 0 AND c.hyear = {E} AND c.kind = 'REG')
                       AS forced_cal
              FROM g_calendar c
              JOIN g_lvlmap m ON m.level = CASE WHEN c.kind = 'SUM' THEN 'SUM' ELSE c.level END
              JOIN g_tpl t ON t.level = m.tpl_level
              WHERE CASE
                -- alternative / day-treatment programs: regular cores, one course per pool
                WHEN c.level IN ('ALT', 'DT') THEN
                  (t.category IN ('ELA', 'MATH', 'SCI', 'SS') AND t.weight >= 15)
                  OR (t.category NOT IN ('ELA', 'MATH', 'SCI', 'SS') AND t.pool_first = 1)
                WHEN t.pool_first = 1 THEN true
                WHEN t.category IN ('ELA', 'MATH', 'SCI', 'SS')
                  THEN pm3(c.hcal, t.tpl, 41) < 1000 * c.size_f
                WHEN t.category NOT IN ('ELEC', 'SPEC', 'CTE', 'SUM') THEN true
                WHEN c.level = 'H' AND c.sidx = 0 AND c.hyear = {E} AND c.kind = 'REG'
                     AND t.name IN {forced_keep} THEN true
                ELSE pm3(c.hcal, t.tpl, 41) < 850 * c.size_f END)
            SELECT row_number() OVER (ORDER BY calendarID, tpl)::INTEGER AS courseID,
              calendarID, state, kind, sch_level, nterms, tpl, level AS tpl_level, category,
              gkey, span, weight, graded, score_kind, name, number,
              CASE WHEN pm3(hcal, tpl, 42) < 20 OR (forced_cal AND name = 'Ceramics')
                   THEN 0 ELSE 1 END AS active,
              CASE WHEN pm3(hcal, tpl, 43) < 50 OR (forced_cal AND name = 'Speech')
                     OR (sch_level = 'E' AND sidx = 0 AND hyear = {E}
                         AND name = 'Grade 3 Science')
                   THEN NULL WHEN state = 'KY' THEN ky_code ELSE il_code END AS stateCode,
              homeroom,
              CASE WHEN pm3(hcal, tpl, 44) < 20 OR (forced_cal AND name = 'Sociology')
                   THEN 1 ELSE 0 END AS stateExclude,
              CASE WHEN state = 'KY' THEN core_content END AS coreContent,
              CASE WHEN state <> 'KY' THEN NULL
                   WHEN teaching_method = '01' AND pm3(hcal, tpl, 45) < 30
                   THEN ['02', '10', '11', '12'][hm3(hcal, tpl, 46, 4) + 1]
                   ELSE teaching_method END AS teachingMethod,
              CASE WHEN state = 'IL' THEN course_level END AS courseLevel,
              CASE WHEN state = 'IL' THEN articulated END AS articulatedCredit,
              CASE WHEN state = 'IL' THEN
                CASE WHEN dual = 0 AND level = 'H' AND pm3(hcal, tpl, 47) < 10 THEN 1
                     ELSE dual END END AS dualCredit,
              CASE WHEN state <> 'IL' THEN NULL
                   WHEN setting = '01' AND pm3(hcal, tpl, 48) < 30
                   THEN ['02', '03', '04', '05'][hm3(hcal, tpl, 49, 4) + 1]
                   ELSE setting END AS setting,
              CASE WHEN state <> 'IL' THEN NULL WHEN lang IS NOT NULL THEN lang
                   WHEN pm3(hcal, tpl, 50) < 700 THEN '000' END AS instructionLanguage,
              CASE WHEN state = 'IL' THEN
                CASE WHEN pm3(hcal, tpl, 51) < 15 THEN 1 ELSE competency END
              END AS competencyBased,
              forced_cal, endYear, NULL::INTEGER AS hcid
            FROM ct""")
        if self.rolled:  # hcid: the end-year course a next-year course is a copy of
            self.sql("next-year course copies", """
                UPDATE g_course SET hcid = src.courseID
                FROM g_course src JOIN g_calendar c ON c.hcal = src.calendarID
                WHERE g_course.calendarID = c.calendarID AND c.hcal <> c.calendarID
                  AND src.tpl = g_course.tpl""")
        self.sql("course pools", """
            CREATE TABLE g_pool AS
            WITH r AS (
              SELECT calendarID, category, gkey, span, courseID, unnest(range(weight)) AS w
              FROM g_course)
            SELECT calendarID, category, gkey, span, courseID,
              (row_number() OVER (PARTITION BY calendarID, category, gkey, span
                                  ORDER BY courseID, w) - 1)::BIGINT AS idx,
              count(*) OVER (PARTITION BY calendarID, category, gkey, span)::BIGINT AS cnt
            FROM r""")
        self.sql("course pool counts", """
            CREATE TABLE g_poolcnt AS
            SELECT DISTINCT calendarID, category, gkey, span, cnt FROM g_pool""")

    # ------------------------------------------------------------------ pieces and sections
    def pieces_and_sections(self) -> None:
        nshow = len(SHOWCASE)
        self.sql("pieces", f"""
            CREATE TABLE g_piece AS
            WITH es AS (
              SELECT e.enrollmentID, e.s, e.cal AS calendarID, e.st AS structureID, e.gi,
                e.sd, e.ed_r AS ed, c.nterms, c.level AS sch_level, sl.slot_no, sl.category, sl.kind,
                CASE WHEN sl.category IN ('ELA', 'MATH', 'SCI', 'SS')
                       OR (sl.category = 'HR' AND c.level = 'E')
                     THEN gname(least(e.gi, 13)) ELSE '*' END AS gkey,
                pm3(e.s, sl.slot_no, 52) AS r
              FROM g_enr0 e
              JOIN g_calinfo c ON c.calendarID = e.cal
              JOIN g_slot sl ON sl.slotset = CASE
                  WHEN e.kind = 'SUM' THEN 'SUM'
                  WHEN e.level IN ('CTE', 'HB') THEN e.level
                  WHEN e.svc = 'S' THEN CASE WHEN e.level = 'E' THEN 'PART_E' ELSE 'PART_S' END
                  WHEN e.level IN ('ALT', 'DT') THEN CASE WHEN e.gi <= 9 THEN 'M' ELSE 'H' END
                  ELSE e.level END
                AND e.gi BETWEEN sl.gi_min AND sl.gi_max
              WHERE e.gen_roster = 1
                AND (sl.cal_prob >= 1000 OR pm3(e.cal, sl.slot_no, 53) < sl.cal_prob)
                AND (sl.stu_prob >= 1000 OR pm3(e.s, sl.slot_no, 54) < sl.stu_prob)),
            em AS (
              SELECT *, CASE WHEN kind = 'core' OR nterms = 1 THEN 'Y'
                WHEN nterms = 2 THEN CASE WHEN category IN ('SPEC', 'CTE') THEN 'Y'
                                          WHEN r < 550 THEN 'Y' ELSE 'H' END
                WHEN nterms = 3 THEN CASE WHEN category IN ('PE', 'CTE', 'SUM') THEN 'Y'
                                          WHEN r < 650 THEN 'Y' ELSE 'R' END
                ELSE CASE WHEN category IN ('CTE', 'SUM') THEN 'Y'
                          WHEN category = 'SPEC' THEN CASE WHEN r < 800 THEN 'Y' ELSE 'R' END
                          WHEN category = 'PE' THEN CASE WHEN r < 500 THEN 'Y' ELSE 'H' END
                          WHEN r < 550 THEN 'Y' WHEN r < 850 THEN 'H' ELSE 'R' END
                END AS span
              FROM es),
            ep AS (
              SELECT em.*, x.part FROM em
              JOIN g_expand x ON x.span = em.span AND x.nterms = em.nterms),
            pk AS (
              SELECT ep.*, pc.cnt,
                CASE WHEN ep.kind = 'core' THEN
                       CASE WHEN ep.s < {nshow} THEN 0 ELSE hm3(ep.s, ep.slot_no, 55, pc.cnt) END
                     ELSE (hm(ep.s, 56, 1000003) + ep.slot_no * 7 + ep.part * 3) % pc.cnt
                END AS idx
              FROM ep JOIN g_poolcnt pc ON pc.calendarID = ep.calendarID
                AND pc.category = ep.category AND pc.gkey = ep.gkey AND pc.span = ep.span)
            SELECT pk.enrollmentID, pk.s, pk.calendarID, pk.structureID, pk.gi, pk.sd, pk.ed,
              pk.sch_level, pk.slot_no, pk.category, pk.kind, pk.span, pk.part, p.courseID,
              (pk.sch_level = 'E' AND pk.category IN ('HR', 'ELA', 'MATH', 'SCI', 'SS'))
                AS elem_core, pk.gkey
            FROM pk JOIN g_pool p ON p.calendarID = pk.calendarID AND p.category = pk.category
              AND p.gkey = pk.gkey AND p.span = pk.span AND p.idx = pk.idx
            QUALIFY row_number() OVER (PARTITION BY pk.enrollmentID, p.courseID, pk.part
                                       ORDER BY pk.slot_no) = 1""")
        self.sql("section groups", """
            CREATE TABLE g_grp AS
            SELECT structureID, courseID, part, any_value(sch_level) AS sch_level,
              any_value(elem_core) AS elem_core, any_value(gkey) AS gkey, count(*) AS cnt,
              greatest(ceil(count(*) / CASE WHEN any_value(sch_level) = 'E' THEN 22.0
                                            ELSE 24.0 END)::INTEGER,
                       CASE WHEN count(*) >= 16 THEN 2 ELSE 1 END) AS nsec
            FROM g_piece GROUP BY ALL""")
        self.sql("sections", f"""
            CREATE TABLE g_sec AS
            WITH k AS (
              SELECT g.structureID, g.courseID, g.part, g.nsec, g.elem_core, g.gkey,
                     unnest(range(g.nsec + CASE WHEN pm3(g.structureID, g.courseID, 60) < 30
                                                THEN 1 ELSE 0 END)) AS k, true AS chosen
              FROM g_grp g
              UNION ALL
              -- courses nobody asked for: a fifth of them still get one (empty) section (none
              -- in the next year of a rolled-over district: its schedule is not built yet)
              SELECT s.structureID, c.courseID, CASE WHEN c.span = 'Y' THEN 0 ELSE 1 END, 1,
                     false, c.gkey, 0, false
              FROM g_course c
              JOIN g_structure s ON s.calendarID = c.calendarID AND s.role = 'MAIN'
              WHERE pm(c.courseID, 61) < 200 AND c.endYear <= {self.E}
                AND (c.span <> 'H' OR c.nterms IN (2, 4)) AND (c.span <> 'R' OR c.nterms >= 3)
                AND NOT EXISTS (SELECT 1 FROM g_grp g WHERE g.courseID = c.courseID)),
            t AS (
              SELECT k.*, c.calendarID, c.nterms, c.state, c.kind, c.sch_level, c.tpl_level,
                c.course_level_05, st.active_trialID, st.inactive_trialID,
                CASE WHEN k.part = 0 THEN 1
                     WHEN c.span = 'H' THEN CASE WHEN k.part = 1 THEN 1 ELSE c.nterms // 2 + 1 END
                     ELSE k.part END AS seq_lo,
                CASE WHEN k.part = 0 THEN c.nterms
                     WHEN c.span = 'H' THEN CASE WHEN k.part = 1 THEN c.nterms // 2
                                                 ELSE c.nterms END
                     ELSE k.part END AS seq_hi,
                c.span
              FROM k
              JOIN (SELECT *, (name LIKE '% - Resource') AS course_level_05 FROM g_course) c
                ON c.courseID = k.courseID
              JOIN g_structure st ON st.structureID = k.structureID)
            SELECT row_number() OVER (ORDER BY t.calendarID, t.courseID, t.structureID, t.part,
                                               t.k)::INTEGER AS sectionID,
              row_number() OVER (PARTITION BY t.courseID
                                 ORDER BY t.structureID, t.part, t.k)::INTEGER AS number,
              t.*,
              ts.startDate AS sstart, te.endDate AS send
            FROM t
            JOIN g_term ts ON ts.structureID = t.structureID AND ts.seq = t.seq_lo
            JOIN g_term te ON te.structureID = t.structureID AND te.seq = t.seq_hi""")

    # ------------------------------------------------------------------ rosters
    def rosters(self) -> None:
        nshow = len(SHOWCASE)
        self.sql("roster rows", f"""
            CREATE TABLE g_ros0 AS
            WITH j AS (
              SELECT p.enrollmentID, p.s, p.structureID, p.courseID, p.part, p.slot_no, p.sd,
                p.ed, g.nsec,
                CASE WHEN p.elem_core THEN hm(p.s, 77, g.nsec)
                     ELSE hm3(p.s, p.courseID, 78, g.nsec) END AS k
              FROM g_piece p JOIN g_grp g USING (structureID, courseID, part)),
            r AS (
              SELECT j.*, sec.sectionID, sec.active_trialID AS trialID, sec.sstart, sec.send,
                sec.calendarID
              FROM j JOIN g_sec sec ON sec.structureID = j.structureID
                AND sec.courseID = j.courseID AND sec.part = j.part AND sec.k = j.k
              WHERE j.sd <= sec.send AND (j.ed IS NULL OR j.ed >= sec.sstart)),
            x AS (
              SELECT r.*,
                CASE WHEN r.sd > r.sstart THEN r.sd END AS rs0,
                CASE WHEN r.ed < r.send THEN r.ed END AS re0,
                CASE WHEN r.s IN (0, 1) AND r.slot_no = 2 THEN 'READD'
                     WHEN r.s IN (0, 1) AND r.slot_no = 3 THEN 'DROP'
                     WHEN r.s IN (0, 1) AND r.slot_no = 4 THEN 'ADD'
                     WHEN r.s < {nshow} THEN 'NONE'
                     WHEN pm3(r.enrollmentID, r.sectionID, 70) < 10 THEN 'DROP'
                     WHEN pm3(r.enrollmentID, r.sectionID, 70) < 20 THEN 'READD'
                     WHEN pm3(r.enrollmentID, r.sectionID, 70) < 30 THEN 'ADD'
                     ELSE 'NONE' END AS edit,
                r.sstart + (10 + ((r.send - r.sstart - 20) * pm3(r.enrollmentID, r.sectionID, 71))
                                 // 1000)::INTEGER AS dropd
              FROM r),
            y AS (
              SELECT x.*,
                CASE WHEN edit = 'ADD' AND coalesce(rs0, sstart) < sstart + 5
                     THEN sstart + 5 + hm3(enrollmentID, sectionID, 72, 10)::INTEGER
                     ELSE rs0 END AS rs,
                CASE WHEN edit IN ('DROP', 'READD') AND dropd > coalesce(rs0, sstart)
                          AND dropd < coalesce(re0, send)
                     THEN dropd ELSE re0 END AS re
              FROM x)
            SELECT enrollmentID, s, sectionID, trialID, calendarID, courseID, structureID,
                   part, rs, re, sstart, send, 0 AS readd, edit
            FROM y
            UNION ALL
            SELECT y.enrollmentID, y.s, sec.sectionID, sec.active_trialID, y.calendarID,
                   y.courseID, y.structureID, y.part, y.re + 1, y.re0, sec.sstart, sec.send, 1,
                   'READDED'
            FROM y JOIN g_sec sec ON sec.structureID = y.structureID
              AND sec.courseID = y.courseID AND sec.part = y.part AND sec.k = (y.k + 1) % y.nsec
            WHERE y.edit = 'READD' AND y.nsec > 1 AND y.re IS NOT NULL AND y.re = y.dropd""")
        # mirror sections: copies of some active sections (and their rosters) in the inactive
        # trial of the structure (copy_kind 0), and in the active trial of an inactive structure,
        # a prior build of the schedule left behind (copy_kind 1, tgt_st = that structure)
        self.sql("inactive-trial sections", """
            CREATE TABLE g_mirror AS
            WITH m AS (
              SELECT sectionID AS src, inactive_trialID AS trialID, structureID AS tgt_st,
                     0 AS copy_kind
              FROM g_sec
              WHERE inactive_trialID IS NOT NULL
                AND (pm(sectionID, 62) < 150 OR (k = 0 AND part = 0 AND pm(courseID, 63) < 300))
              UNION ALL
              SELECT s.sectionID, o.active_trialID, o.structureID, 1
              FROM g_sec s
              JOIN g_structure ms ON ms.structureID = s.structureID AND ms.role = 'MAIN'
              JOIN g_structure o ON o.calendarID = s.calendarID AND o.role = 'OLD'
              WHERE s.chosen AND s.k < s.nsec
              QUALIFY row_number() OVER (PARTITION BY s.calendarID
                                         ORDER BY pm(s.sectionID, 202), s.sectionID) <= 3
                   OR pm(s.sectionID, 202) < 40)
            SELECT src, (SELECT max(sectionID) FROM g_sec)
                   + row_number() OVER (ORDER BY copy_kind, src)::INTEGER AS mirrorID,
                   trialID AS inactive_trialID, tgt_st
            FROM m""")
        # active_trial: the row is in the schedule in use, so it gets grades (the copies do not)
        self.sql("roster", """
            CREATE TABLE g_ros AS
            WITH a AS (
              SELECT r.*, true AS active_trial FROM g_ros0 r
              UNION ALL
              SELECT r.* REPLACE (m.mirrorID AS sectionID, m.inactive_trialID AS trialID,
                                  m.tgt_st AS structureID), false
              FROM g_ros0 r JOIN g_mirror m ON m.src = r.sectionID)
            SELECT row_number() OVER (ORDER BY NOT active_trial, s, calendarID, sectionID,
                                      coalesce(rs, DATE '1900-01-01'), enrollmentID)::INTEGER
                     AS rosterID, a.*
            FROM a""")
        self.con.execute("DROP TABLE g_piece; DROP TABLE g_ros0")  # free memory

    # ------------------------------------------------------------------ staff
    def staff(self) -> None:
        N, E = self.N, self.E
        # teachers per school: elementary core "class groups" + other sections / 5
        self.sql("staff counts", """
            CREATE TABLE g_staffcnt AS
            WITH u AS (
              SELECT c.schoolID, c.calendarID,
                count(DISTINCT CASE WHEN s.elem_core THEN (s.structureID, s.gkey, s.k) END) AS eu,
                count(*) FILTER (WHERE NOT s.elem_core) AS ou
              FROM g_sec s JOIN g_calendar c ON c.calendarID = s.calendarID
              WHERE c.kind = 'REG' GROUP BY ALL),
            t AS (
              SELECT schoolID, greatest(max(eu + ceil(ou / 5.0)), 2)::INTEGER AS nt
              FROM u GROUP BY schoolID),
            sp AS (
              SELECT home_school AS schoolID, count(*) AS nd FROM g_stu2
              WHERE dis IS NOT NULL GROUP BY ALL)
            SELECT s.schoolID, s.districtID, s.level, coalesce(t.nt, 2) AS nt,
              greatest(1, ceil(coalesce(sp.nd, 0) / 14.0))::INTEGER AS nsp,
              CASE WHEN s.level IN ('M', 'H', 'ALT') THEN 1 ELSE 0 END AS ncoun
            FROM g_school s LEFT JOIN t USING (schoolID) LEFT JOIN sp USING (schoolID)""")
        self.sql("staff", f"""
            CREATE TABLE g_staff AS
            WITH r AS (
              SELECT schoolID, districtID, 'T' AS role, 1 AS ro, unnest(range(nt)) AS idx
              FROM g_staffcnt
              UNION ALL SELECT schoolID, districtID, 'SPED', 2, unnest(range(nsp)) FROM g_staffcnt
              UNION ALL SELECT schoolID, districtID, 'PRIN', 3, 0 FROM g_staffcnt
              UNION ALL SELECT schoolID, districtID, 'COUN', 4, unnest(range(ncoun))
              FROM g_staffcnt)
            SELECT ({STUDENT_BASE + N} + row_number() OVER (ORDER BY districtID, schoolID, ro, idx)
                    - 1)::INTEGER AS personID,
                   (row_number() OVER (ORDER BY districtID, schoolID, ro, idx))::INTEGER AS k,
                   r.*
            FROM r""")
        # teacher of each section
        self.sql("section teachers", f"""
            CREATE TABLE g_secteach AS
            WITH a AS (
              SELECT s.sectionID, s.calendarID, c.schoolID, c.kind, s.elem_core, s.structureID,
                s.gkey, s.k, s.courseID, s.part, s.sstart, s.send, sc.nt, sc.nsp,
                CASE WHEN c.level = 'H' AND c.sidx = 0 AND c.endYear = {E} AND c.kind = 'REG'
                     THEN true ELSE false END AS forced_cal
              FROM g_sec s JOIN g_calendar c ON c.calendarID = s.calendarID
              JOIN g_staffcnt sc ON sc.schoolID = c.schoolID),
            nu AS (
              SELECT calendarID, count(DISTINCT (structureID, gkey, k)) AS neu
              FROM a WHERE elem_core GROUP BY calendarID),
            b AS (
              SELECT a.*, coalesce(nu.neu, 0) AS neu,
                dense_rank() OVER (PARTITION BY a.calendarID, a.elem_core
                                   ORDER BY a.structureID, a.gkey, a.k) - 1 AS eu_rank,
                row_number() OVER (PARTITION BY a.calendarID, a.elem_core
                                   ORDER BY a.courseID, a.structureID, a.part, a.k) - 1 AS q
              FROM a LEFT JOIN nu USING (calendarID)),
            c AS (
              SELECT b.*,
                CASE WHEN kind = 'SUM' THEN hm(sectionID, 80, nt)
                     WHEN elem_core THEN eu_rank % nt
                     ELSE (neu + q // 5) % nt END AS tidx
              FROM b)
            SELECT c.sectionID, c.schoolID, c.calendarID, c.nt, c.nsp, c.sstart, c.send,
              (pm(c.sectionID, 99) < 5 OR (c.forced_cal AND NOT c.elem_core AND c.q = 8))
                AS noplace,
              CASE WHEN (pm(c.sectionID, 81) < 5 AND NOT c.elem_core)
                     OR (c.forced_cal AND NOT c.elem_core AND c.q = 3) THEN NULL
                   ELSE t.personID END AS teacher,
              CASE WHEN c.nt > 1 AND ((pm(c.sectionID, 82) < 10)
                                      OR (c.forced_cal AND NOT c.elem_core AND c.q = 5))
                   THEN o.personID END AS old_teacher,
              c.sstart + ((c.send - c.sstart) // 2)::INTEGER AS change_date,
              CASE WHEN pm(c.sectionID, 83) < 60 OR (c.forced_cal AND c.q = 6)
                   THEN sp.personID END AS coteacher,
              CASE WHEN pm(c.sectionID, 84) < 200 THEN c.sstart + 30 + hm(c.sectionID, 85, 60)::INTEGER
                   END AS coteacher_end,
              CASE WHEN c.nt > 2 AND (pm(c.sectionID, 86) < 30 OR (c.forced_cal AND c.q = 7))
                   THEN n.personID END AS aide
            FROM c
            JOIN g_staff t ON t.schoolID = c.schoolID AND t.role = 'T' AND t.idx = c.tidx
            LEFT JOIN g_staff o ON o.schoolID = c.schoolID AND o.role = 'T'
                               AND o.idx = (c.tidx + 1) % c.nt
            LEFT JOIN g_staff sp ON sp.schoolID = c.schoolID AND sp.role = 'SPED'
                                AND sp.idx = hm(c.sectionID, 87, c.nsp)
            LEFT JOIN g_staff n ON n.schoolID = c.schoolID AND n.role = 'T'
                               AND n.idx = (c.tidx + 2) % c.nt""")

    # ------------------------------------------------------------------ section outputs
    def section_outputs(self) -> None:
        # cross-site sections, a few per school: in the first school of each level (E, M, H) of
        # each district, every career/technical center and 12% of the other schools, one
        # homeroom section (when the calendar has homerooms) and two sections of other courses,
        # all with students; plus 0.3% of all sections at random
        self.sql("cross-site sections", """
            CREATE TABLE g_xsite AS
            WITH s AS (
              SELECT s.sectionID, s.calendarID, c.homeroom
              FROM g_sec s JOIN g_course c USING (courseID)
              JOIN g_calendar k ON k.calendarID = s.calendarID
              WHERE s.chosen AND s.k < s.nsec AND k.kind = 'REG'
                AND ((k.sidx = 0 AND k.level IN ('E', 'M', 'H', 'CTE'))
                     OR pm(s.calendarID, 204) < 120))
            SELECT sectionID FROM s
            QUALIFY row_number() OVER (PARTITION BY calendarID, homeroom
                                       ORDER BY pm(sectionID, 205), sectionID)
                    <= CASE WHEN homeroom = 1 THEN 1 ELSE 2 END""")
        self.sql("section output", """
            CREATE TABLE section AS
            WITH a AS (
              SELECT s.sectionID, s.courseID, s.active_trialID AS trialID, s.number,
                     s.state, s.kind, s.nterms, s.span, s.part, s.course_level_05, s.sectionID AS src
              FROM g_sec s
              UNION ALL
              SELECT m.mirrorID, s.courseID, m.inactive_trialID, s.number, s.state, s.kind,
                     s.nterms, s.span, s.part, s.course_level_05, s.sectionID
              FROM g_mirror m JOIN g_sec s ON s.sectionID = m.src)
            SELECT a.sectionID, a.courseID, a.trialID, a.number, t.teacher AS teacherPersonID,
              CASE WHEN a.state <> 'IL' THEN NULL
                   WHEN pm(a.sectionID, 90) < 20 THEN NULL
                   WHEN a.kind = 'SUM' THEN
                     CASE WHEN pm(a.sectionID, 91) < 100 THEN 'T4'
                          WHEN a.span = 'H' THEN 'S3' ELSE 'Y2' END
                   WHEN a.nterms = 1 OR a.part = 0 THEN 'Y1'
                   WHEN a.span = 'H' THEN 'S' || a.part
                   WHEN a.nterms = 4 THEN 'Q' || a.part
                   ELSE 'T' || a.part END AS termCode,
              CASE WHEN a.state = 'KY' THEN
                CASE WHEN pm(a.sectionID, 92) < 900 THEN '01' WHEN pm(a.sectionID, 92) < 950 THEN '02'
                     WHEN pm(a.sectionID, 92) < 980 THEN '03' ELSE '04' END END
                AS instructionalSetting,
              CASE WHEN a.state = 'KY' THEN
                CASE WHEN a.course_level_05 THEN '02' WHEN pm(a.sectionID, 93) < 50 THEN '01'
                     WHEN pm(a.sectionID, 93) < 60 THEN '03' END END AS sectionSpecialType,
              CASE WHEN a.state = 'KY' THEN (pm(a.sectionID, 94) < 20)::INTEGER END AS ktsExchange,
              CASE WHEN a.state = 'KY' THEN (pm(a.sectionID, 95) < 30)::INTEGER END AS responsive,
              (x.sectionID IS NOT NULL OR pm(a.sectionID, 96) < 3)::INTEGER AS crossSite
            FROM a JOIN g_secteach t ON t.sectionID = a.src
            LEFT JOIN g_xsite x ON x.sectionID = a.src""")
        # gend: a roster open on this day gets the term's grade (the term end, or the last day
        # of instruction when the term runs past it); last_reg: the last term of a regular year
        self.sql("section terms", """
            CREATE TABLE g_secterm AS
            SELECT s.sectionID, s.active_trialID AS trialID, t.termID, t.seq, t.startDate,
                   t.endDate, s.structureID, least(t.endDate, c.lid) AS gend,
                   (t.seq = t.nterms AND c.kind = 'REG') AS last_reg
            FROM g_sec s JOIN g_term t ON t.structureID = s.structureID
              AND t.seq BETWEEN s.seq_lo AND s.seq_hi
            JOIN g_calinfo c ON c.calendarID = s.calendarID""")
        self.sql("sectionplacement", """
            CREATE TABLE sectionplacement AS
            WITH a AS (
              SELECT st.sectionID, st.trialID, st.termID, st.structureID, st.sectionID AS src
              FROM g_secterm st
              UNION ALL
              SELECT m.mirrorID, m.inactive_trialID, tt.termID, m.tgt_st, st.sectionID
              FROM g_secterm st JOIN g_mirror m ON m.src = st.sectionID
              JOIN g_term tt ON tt.structureID = m.tgt_st AND tt.seq = st.seq),
            p AS (
              SELECT a.*, 1 + hm(a.src, 97, 7) AS p1, pm(a.src, 98) < 100 AS dbl
              FROM a JOIN g_secteach t ON t.sectionID = a.src
              WHERE NOT t.noplace)
            SELECT sectionID, trialID, termID, (structureID * 10 + p1)::INTEGER AS periodID
            FROM p
            UNION ALL
            SELECT sectionID, trialID, termID, (structureID * 10 + p1 + 1)::INTEGER FROM p
            WHERE dbl""")
        self.sql("sectionstaffhistory", """
            CREATE TABLE sectionstaffhistory AS
            WITH a AS (
              SELECT sectionID AS sid, sectionID AS src FROM g_sec
              UNION ALL SELECT mirrorID, src FROM g_mirror),
            t AS (SELECT a.sid, g.* FROM a JOIN g_secteach g ON g.sectionID = a.src)
            SELECT sid AS sectionID, teacher AS personID, 'P' AS staffType,
              'Primary Teacher' AS role,
              CASE WHEN old_teacher IS NOT NULL THEN change_date
                   WHEN pm(sid, 100) < 200 THEN sstart END AS startDate,
              NULL::DATE AS endDate
            FROM t WHERE teacher IS NOT NULL
            UNION ALL
            SELECT sid, old_teacher, 'P', 'Primary Teacher', NULL, change_date - 1
            FROM t WHERE teacher IS NOT NULL AND old_teacher IS NOT NULL
            UNION ALL
            SELECT sid, coteacher, 'T', 'Co-Teacher', NULL, coteacher_end
            FROM t WHERE coteacher IS NOT NULL
            UNION ALL
            SELECT sid, aide, 'N', 'Instructional Support', NULL, NULL
            FROM t WHERE aide IS NOT NULL""")
        # deliberate orphans, n_orphans of each: (DEL) a roster of a deleted section (sectionID
        # max + 1000 + i; it also gets a grade, below) of student 1 + 97 i, in the trial of that
        # student's first roster; (UNK) a roster of an unknown person (personID 10000 - i) in
        # the section of the first roster of student 89 i
        k = self.n_orphans
        who = ", ".join(str(x) for i in range(k) for x in (1 + 97 * i, 89 * i))
        self.sql("orphans", f"""
            CREATE TABLE g_orph AS
            WITH f AS (
              SELECT s, sectionID, trialID, calendarID
              FROM g_ros WHERE active_trial AND s IN ({who})
              QUALIFY row_number() OVER (PARTITION BY s ORDER BY rosterID) = 1),
            i AS (SELECT unnest(range({k})) AS i)
            SELECT i.i, 'DEL' AS kind, {STUDENT_BASE} + f.s AS personID,
                   (SELECT max(sectionID) FROM section) + 1000 + i.i AS sectionID,
                   f.trialID, f.calendarID, f.sectionID AS src
            FROM i JOIN f ON f.s = 1 + 97 * i.i
            UNION ALL
            SELECT i.i, 'UNK', {STUDENT_BASE - 1} - i.i, f.sectionID, f.trialID, f.calendarID,
                   f.sectionID
            FROM i JOIN f ON f.s = 89 * i.i""")
        self.sql("roster output", """
            CREATE TABLE roster AS
            SELECT r.rosterID, st.personID::INTEGER AS personID, r.sectionID, r.trialID,
                   r.rs AS startDate, r.re AS endDate
            FROM g_ros r JOIN g_stu st USING (s)
            UNION ALL
            SELECT ((SELECT max(rosterID) FROM g_ros)
                    + row_number() OVER (ORDER BY kind, i))::INTEGER,
                   personID::INTEGER, sectionID::INTEGER, trialID, NULL::DATE, NULL::DATE
            FROM g_orph""")

    # ------------------------------------------------------------------ grading
    def grading(self) -> None:
        self.sql("coursegradingtask", """
            CREATE TABLE coursegradingtask AS
            WITH rules AS (
              SELECT * FROM (VALUES
                ('REG', 4, 'Y', 2, '0101', 'half', 1000), ('REG', 4, 'Y', 1, '1111', NULL, 400),
                ('REG', 4, 'H', 2, '0101', 'half', 1000), ('REG', 4, 'H', 1, '1111', NULL, 400),
                ('REG', 4, 'R', 4, '1111', 'quarter', 1000),
                ('REG', 2, 'Y', 2, '11', 'half', 1000), ('REG', 2, 'H', 2, '11', 'half', 1000),
                ('REG', 3, 'Y', 4, '001', 'full', 1000), ('REG', 3, 'Y', 3, '111', NULL, 300),
                ('REG', 3, 'R', 4, '111', 'third', 1000),
                ('REG', 1, 'Y', 4, '1', 'full', 1000),
                ('SUM', 1, 'Y', 4, '1', 'half', 1000),
                ('SUM', 2, 'Y', 2, '11', 'half', 1000), ('SUM', 2, 'H', 2, '11', 'half', 1000)
              ) v(kind, nterms, span, taskID, mask, credit_kind, prob)),
            c AS (
              -- hc: the course whose random attributes these are (a next-year course: the
              -- end-year course it was copied from)
              SELECT c.*, coalesce(c.hcid, c.courseID) AS hc, r.taskID, r.mask, r.credit_kind,
                     g.stateReported
              FROM g_course c
              JOIN rules r ON r.kind = c.kind AND r.nterms = c.nterms AND r.span = c.span
              JOIN gradingtask g ON g.taskID = r.taskID
              WHERE c.graded = 1 AND pm3(coalesce(c.hcid, c.courseID), r.taskID, 110) < r.prob
                AND pm(coalesce(c.hcid, c.courseID), 111) >= 30
                AND NOT (c.forced_cal AND c.name = 'Psychology')),
            t AS (
              SELECT courseID, taskID,
                CASE WHEN pm(hc, 112) < 30 OR (forced_cal AND name = 'Creative Writing')
                     THEN 4 WHEN score_kind = 'PF' THEN 2 WHEN score_kind = 'STD' THEN 3
                     ELSE 1 END AS scoreGroupID,
                CASE WHEN credit_kind IS NULL THEN NULL
                     WHEN tpl_level = 'E' AND pm(hc, 113) >= 150 THEN NULL
                     WHEN tpl_level = 'M' AND pm(hc, 113) >= 300 THEN NULL
                     WHEN tpl_level = 'E' THEN 1.0
                     WHEN credit_kind = 'half' THEN 0.5 WHEN credit_kind = 'full' THEN 1.0
                     WHEN credit_kind = 'quarter' THEN 0.25 ELSE 0.333
                END::DECIMAL(6, 3) AS credit,
                -- suspicious: a negative credit amount (Personal Finance in the first high
                -- schools, and 0.03% of course tasks)
                (forced_cal AND name = 'Personal Finance') OR hm3(hc, taskID, 208, 10000) < 3
                  AS negative,
                CASE WHEN stateReported = 1 AND (pm(hc, 114) < 10
                                                 OR (forced_cal AND name = 'Civics'))
                     THEN repeat('0', nterms) ELSE mask END AS termMask
              FROM c)
            SELECT courseID, taskID, scoreGroupID,
              CASE WHEN negative THEN -credit ELSE credit END AS creditAmount, termMask
            FROM t""")
        self.sql("gradingscore", """
            CREATE TABLE gradingscore AS
            WITH rt AS (
              SELECT r.rosterID, r.s, r.sectionID, r.courseID, r.calendarID, t.termID, t.seq,
                     t.endDate AS tend, t.last_reg
              FROM g_ros r JOIN g_secterm t ON t.sectionID = r.sectionID
              WHERE r.active_trial
                AND coalesce(r.re, DATE '9999-12-31') >= t.gend
                AND coalesce(r.rs, DATE '1900-01-01') <= t.endDate),
            g AS (
              SELECT rt.*, cg.taskID, cg.scoreGroupID, st.personID, st.ability
              FROM rt
              JOIN coursegradingtask cg ON cg.courseID = rt.courseID
                AND substr(cg.termMask, rt.seq, 1) = '1'
              JOIN g_stu st ON st.s = rt.s
              WHERE pm3(rt.rosterID, cg.taskID * 10 + rt.seq, 115) >= 30
                AND NOT (rt.s = 0 AND rt.seq = 2)),
            s AS (
              SELECT g.*, pm3(rosterID, taskID * 10 + seq, 116) AS p116,
                CASE WHEN p116 < 600 THEN ability
                     ELSE hm3(rosterID, taskID * 10 + seq, 117, 100) END AS b
              FROM g)
            SELECT row_number() OVER (ORDER BY s.rosterID, s.taskID, s.seq)::INTEGER AS scoreID,
              s.personID::INTEGER AS personID, s.sectionID, s.taskID, s.termID, s.calendarID,
              sb.score,
              CASE WHEN sb.lo IS NOT NULL THEN
                (sb.lo + hm3(s.rosterID, s.taskID * 10 + s.seq, 118,
                             ((sb.hi - sb.lo) * 10)::INTEGER + 1) / 10.0)::DECIMAL(4, 1)
              END AS percent,
              -- suspicious: a grade posted on Aug 15, after the school year ended June 30
              -- (student 10002's last-term grades, and 0.1% of last-term grades)
              CASE WHEN s.last_reg AND (s.s = 1 OR s.p116 = 599)
                   THEN make_date(year(s.tend), 8, 15)
                   ELSE s.tend + hm3(s.rosterID, s.taskID, 119, 6)::INTEGER END AS date
            FROM s JOIN g_scorebucket sb ON sb.scoreGroupID = s.scoreGroupID AND sb.b = s.b""")
        # deliberate orphan: a Final grade (last term) of each roster of a deleted section
        self.sql("orphan grades", """
            INSERT INTO gradingscore
            SELECT ((SELECT max(scoreID) FROM gradingscore) + 1 + o.i)::INTEGER,
              o.personID::INTEGER, o.sectionID::INTEGER, 4, t.termID, o.calendarID, 'B',
              85.0::DECIMAL(4, 1), t.endDate + 2
            FROM g_orph o JOIN g_secterm t ON t.sectionID = o.src
            WHERE o.kind = 'DEL'
            QUALIFY row_number() OVER (PARTITION BY o.i ORDER BY t.seq DESC) = 1""")
        self.con.execute("DROP TABLE g_ros")

    # ------------------------------------------------------------------ people
    def people(self) -> None:
        N, E, seed = self.N, self.E, self.seed
        # a common shape for students and staff: one row per person with name-pool choices
        self.sql("person base", f"""
            CREATE TABLE g_pbase AS
            SELECT st.personID, st.s AS key, 'STU' AS kind, st.d, st.gender, st.race, st.hisp,
              st.two_ident, st.legal,
              make_date({E - 1} - (st.gi + 4 + st.older
                        + CASE WHEN st.gi = 15 THEN hm(st.s, 120, 2) ELSE 0 END) - 1, 9, 2)
                + hm(st.s, 121, 365)::INTEGER AS birthdate,
              st.gi
            FROM g_stu st
            UNION ALL
            SELECT sf.personID, {N} + sf.k, 'STF', sf.districtID,
              CASE WHEN pm(sf.k, 122) < 760 THEN 'F' ELSE 'M' END,
              CASE WHEN pm(sf.k, 123) < 70 THEN 1 WHEN pm(sf.k, 123) < 75 THEN 2
                   WHEN pm(sf.k, 123) < 100 THEN 3 WHEN pm(sf.k, 123) < 210 THEN 4
                   WHEN pm(sf.k, 123) < 212 THEN 5 WHEN pm(sf.k, 123) < 980 THEN 6 ELSE 7 END,
              0, (pm(sf.k, 124) < 50)::INTEGER, (pm(sf.k, 125) < 10)::INTEGER,
              DATE '1960-01-01' + hm(sf.k, 126, 365 * 38)::INTEGER, NULL
            FROM g_staff sf""")
        self.sql("name pool sizes", """
            CREATE TABLE g_poolsize AS SELECT pool, count(*) AS n FROM g_names GROUP BY pool""")
        self.sql("person names", """
            CREATE TABLE g_pnames AS
            WITH a AS (
              SELECT p.*,
                CASE WHEN p.kind = 'STF' AND p.race = 1 THEN 1 ELSE p.hisp END AS hisp2,
                CASE WHEN p.gender = 'X' THEN CASE WHEN pm(p.key, 130) < 500 THEN 'm' ELSE 'f' END
                     ELSE lower(p.gender) END AS gsex
              FROM g_pbase p),
            b AS (
              SELECT a.*,
                CASE WHEN pm(key, 131) < 30 THEN 'last_sp'
                     WHEN (hisp2 = 1 AND pm(key, 132) < 800) OR pm(key, 132) < 30 THEN 'last_es'
                     ELSE 'last_en' END AS lpool,
                'first_' || gsex || '_' || CASE WHEN pm(key, 133) < 20 THEN 'sp'
                     WHEN (hisp2 = 1 AND pm(key, 134) < 700) OR pm(key, 134) < 20 THEN 'es'
                     ELSE 'en' END AS fpool,
                'first_' || gsex || '_en' AS mpool
              FROM a),
            c AS (
              SELECT b.*,
                hm(b.key, 140, ls.n) AS il1, hm(b.key, 141, ls.n) AS il2,
                hm(b.key, 142, fs.n) AS if1, hm(b.key, 143, fs.n) AS if2,
                hm(b.key, 144, ms.n) AS im1, hm(b.key, 145, xs.n) AS ix1
              FROM b
              JOIN g_poolsize ls ON ls.pool = b.lpool
              JOIN g_poolsize fs ON fs.pool = b.fpool
              JOIN g_poolsize ms ON ms.pool = b.mpool
              JOIN g_poolsize xs ON xs.pool = 'suffix')
            SELECT c.*, l1.name AS last1,
              CASE WHEN l2.name <> l1.name THEN l2.name ELSE l1.name || '-Smith' END AS last2,
              f1.name AS first1,
              CASE WHEN f2.name <> f1.name THEN f2.name WHEN m1.name <> f1.name THEN m1.name
                   ELSE f1.name || 'a' END AS first2,
              m1.name AS middle1, x1.name AS suffix1
            FROM c
            JOIN g_names l1 ON l1.pool = c.lpool AND l1.idx = c.il1
            JOIN g_names l2 ON l2.pool = c.lpool AND l2.idx = c.il2
            JOIN g_names f1 ON f1.pool = c.fpool AND f1.idx = c.if1
            JOIN g_names f2 ON f2.pool = c.fpool AND f2.idx = c.if2
            JOIN g_names m1 ON m1.pool = c.mpool AND m1.idx = c.im1
            JOIN g_names x1 ON x1.pool = 'suffix' AND x1.idx = c.ix1""")
        self.sql("identity", f"""
            CREATE TABLE g_ident AS
            WITH cur AS (
              SELECT n.*, 1 AS v,
                CASE WHEN n.last1 IS NOT NULL AND pm(key, 146) BETWEEN 990 AND 994
                       AND kind = 'STU' THEN n.last1 || ', Jr.' ELSE n.last1 END AS lastName,
                n.first1 AS firstName,
                CASE WHEN pm(key, 147) < 650 THEN n.middle1
                     WHEN pm(key, 147) < 750 THEN left(n.middle1, 1) || '.' END AS middleName,
                CASE WHEN gender = 'M' AND pm(key, 146) < 25 THEN n.suffix1 END AS suffix,
                CASE WHEN legal = 1 AND pm(key, 148) < 500 THEN n.last2 END AS legalLastName,
                CASE WHEN legal >= 1 THEN n.first2 END AS legalFirstName,
                CASE WHEN two_ident = 1
                     THEN DATE '{E - 1}-01-15' + hm(key, 149, 400)::INTEGER
                     WHEN kind = 'STU'
                     THEN make_date({E - 1} - hm(key, 150, coalesce(gi, 0) + 1)::INTEGER, 8, 1)
                          + hm(key, 151, 20)::INTEGER
                     ELSE make_date({E - 1} - hm(key, 150, 25)::INTEGER, 7, 1)
                     END AS effectiveDate
              FROM g_pnames n),
            old AS (
              SELECT c.* REPLACE (
                0 AS v,
                CASE WHEN pm(key, 152) < 600 THEN c.last2 ELSE c.lastName END AS lastName,
                CASE WHEN pm(key, 152) < 600 THEN c.firstName ELSE c.first2 END AS firstName,
                NULL AS legalLastName, NULL AS legalFirstName,
                c.effectiveDate - INTERVAL (1 + hm(key, 153, 4)) YEAR AS effectiveDate)
              FROM cur c WHERE two_ident = 1),
            a AS (SELECT * FROM cur UNION ALL SELECT * FROM old)
            SELECT row_number() OVER (ORDER BY personID,
                     CASE WHEN v = 0 AND (pm(key, 154) < 300 OR (kind = 'STU' AND key = 43))
                          THEN 2 ELSE v END)::INTEGER
                     AS identityID, a.*
            FROM a""")
        self.sql("identity output", """
            CREATE TABLE identity AS
            SELECT identityID, personID, lastName, firstName, middleName, suffix, gender,
              birthdate::DATE AS birthdate, race::VARCHAR AS raceEthnicityFed,
              hisp AS hispanicEthnicity, legalLastName, legalFirstName,
              effectiveDate::DATE AS effectiveDate
            FROM g_ident""")
        self.con.execute("DROP TABLE g_pnames")
        self.sql("person output", f"""
            CREATE TABLE person AS
            SELECT p.personID,
              CASE WHEN p.kind = 'STF' OR st.null_sid = 1 THEN NULL
                   WHEN p.d = 2 THEN (100000000 + (st.s * 282475249 + {seed % 1000} * 7919)
                                      % 900000000)::VARCHAR
                   ELSE (1000000000 + (st.s * 282475249 + {seed % 1000} * 7919)
                         % 9000000000)::VARCHAR
                   END AS stateID,
              CASE WHEN p.kind = 'STF' THEN NULL
                   WHEN p.d = 1 THEN lpad(((st.s * 823543 + 12345) % 10000000)::VARCHAR, 7, '0')
                   ELSE (10000000 + (st.s * 823543 + 54321) % 90000000)::VARCHAR
                   END AS studentNumber,
              CASE WHEN p.kind = 'STF' THEN lpad((p.key - {N})::VARCHAR, 6, '0') END
                AS staffNumber,
              CASE WHEN p.kind = 'STF' THEN
                (1000000 + ((p.key - {N}) * 7907 + {seed % 1000} * 31) % 9000000)::VARCHAR END
                AS staffStateID,
              i.identityID AS currentIdentityID
            FROM g_pbase p
            LEFT JOIN g_stu st ON st.s = p.key  -- staff keys are >= N
            JOIN g_ident i ON i.personID = p.personID AND i.v = 1""")
        # English learners and case managers
        self.sql("lep", f"""
            CREATE TABLE lep AS
            SELECT personID,
              CASE lep WHEN 1 THEN 'LEP' ELSE 'Exited LEP' END AS programStatus,
              make_date({E - 1} - hm(s, 160, greatest(gi, 0) + 1)::INTEGER, 8, 20)
                + hm(s, 161, 60)::INTEGER AS identifiedDate,
              CASE WHEN lep = 2 THEN
                CASE WHEN pm(s, 162) < 700 OR s = 1
                     THEN DATE '{E - 1}-05-20' - INTERVAL (hm(s, 163, 3)) YEAR
                     ELSE DATE '{E - 1}-10-01' + hm(s, 164, 200)::INTEGER END
              END::DATE AS exitDate
            FROM g_stu WHERE lep > 0""")
        self.sql("teammember", f"""
            CREATE TABLE teammember AS
            WITH d AS (
              SELECT st.s, st.personID, st.cm, st.home_school, sc.nsp, sc.nt,
                DATE '{E - 2}-09-01' + hm(st.s, 170, 600)::INTEGER AS cm_start
              FROM g_stu2 st JOIN g_staffcnt sc ON sc.schoolID = st.home_school
              WHERE st.dis IS NOT NULL),
            m AS (
              SELECT d.*, a.personID AS cm1, b.personID AS cm2, t.personID AS provider
              FROM d
              JOIN g_staff a ON a.schoolID = d.home_school AND a.role = 'SPED'
                            AND a.idx = hm(d.s, 171, d.nsp)
              JOIN g_staff b ON b.schoolID = d.home_school AND b.role = 'SPED'
                            AND b.idx = (hm(d.s, 171, d.nsp) + 1) % d.nsp
              JOIN g_staff t ON t.schoolID = d.home_school AND t.role = 'T'
                            AND t.idx = hm(d.s, 172, d.nt))
            SELECT personID, cm1 AS staffPersonID, 'Case Manager' AS role, 'specialEd' AS module,
              cm_start AS startDate,
              CASE cm WHEN 2 THEN DATE '{E - 1}-06-15' WHEN 3 THEN DATE '{E - 1}-12-15' END
                AS endDate
            FROM m WHERE cm IN (0, 2, 3)
            UNION ALL
            SELECT personID, cm2, 'Case Manager', 'specialEd', DATE '{E - 1}-12-16', NULL
            FROM m WHERE cm = 3
            UNION ALL
            SELECT personID, provider, 'Service Provider', 'specialEd', cm_start, NULL
            FROM m WHERE pm(s, 173) < 150 OR s = 0
            UNION ALL
            SELECT st.personID, c.personID, 'Case Manager', '504',
              DATE '{E - 1}-09-01' + hm(st.s, 174, 60)::INTEGER, NULL
            FROM g_stu2 st
            JOIN g_staff c ON c.schoolID = st.home_school AND c.role = 'SPED' AND c.idx = 0
            WHERE st.dis IS NULL AND (pm(st.s, 175) < 10 OR st.s = 2)""")

    # ------------------------------------------------------------------ staff outputs
    def staff_outputs(self) -> None:
        E, seed = self.E, self.seed
        # teachers ranked by personID among those teaching an active-trial section this year:
        # every 1-in-~100 edge case below is then guaranteed in small districts too
        self.sql("staff ranks", f"""
            CREATE TABLE g_staff2 AS
            WITH sr AS (
              SELECT districtID, schoolID,
                row_number() OVER (PARTITION BY districtID ORDER BY schoolID) - 1 AS rk,
                count(*) OVER (PARTITION BY districtID) AS n
              FROM g_school),
            tt AS (
              SELECT DISTINCT t.teacher AS personID
              FROM g_secteach t JOIN g_calendar c ON c.calendarID = t.calendarID
              WHERE c.endYear = {E} AND c.kind = 'REG' AND t.teacher IS NOT NULL),
            rk AS (
              SELECT s.personID, s.districtID,
                row_number() OVER (PARTITION BY s.districtID ORDER BY s.personID) + 1 AS r
              FROM g_staff s JOIN tt USING (personID))
            SELECT s.*, coalesce(rk.r, 100000 + s.k) AS r,
              {E - 1} - 1 - hm(s.k, 180, 25)::INTEGER AS hire_year,
              other.schoolID AS other_school
            FROM g_staff s LEFT JOIN rk USING (personID)
            JOIN sr me ON me.schoolID = s.schoolID
            JOIN sr other ON other.districtID = s.districtID
              AND other.rk = (me.rk + 1 + hm(s.k, 184, me.n - 1)) % me.n""")
        self.sql("employment", f"""
            CREATE TABLE employment AS
            WITH s AS (
              SELECT *,
                CASE WHEN r % 101 = 5 THEN 'NONE' WHEN r % 103 = 6 THEN 'ENDED'
                     WHEN r % 107 = 7 OR pm(k, 181) < 40 THEN 'TWO'
                     WHEN r % 109 = 8 THEN 'TWO_CLOSED'
                     WHEN r % 151 = 17 THEN 'FUTURE' ELSE 'ONE' END AS ek,
                CASE WHEN districtID = 1
                     THEN (100000 + (k * 7901 + {seed % 1000} * 13) % 900000)::VARCHAR
                     ELSE (1000000 + (k * 7907 + {seed % 1000} * 31) % 9000000)::VARCHAR
                     END AS lic,
                (r % 113 = 9 OR pm(k, 182) < 20) AS nolic
              FROM g_staff2),
            e AS (
              SELECT personID, districtID,
                CASE ek WHEN 'ENDED' THEN make_date(least(hire_year, {E - 4}), 8, 1)
                        WHEN 'TWO' THEN make_date(hire_year - 5 - hm(k, 183, 3)::INTEGER, 8, 1)
                        ELSE make_date(hire_year, 8, 1) END AS sd,
                CASE ek WHEN 'ENDED' THEN DATE '{E - 2}-06-30'
                        WHEN 'TWO' THEN make_date(hire_year - 1, 6, 30)
                        WHEN 'TWO_CLOSED' THEN DATE '{E - 1}-12-20' END AS ed,
                CASE WHEN nolic THEN NULL ELSE lic END AS lic, 1 AS n, ek
              FROM s WHERE ek NOT IN ('NONE', 'FUTURE')
              UNION ALL
              SELECT personID, districtID,
                CASE ek WHEN 'TWO' THEN make_date(hire_year, 8, 1)
                        ELSE DATE '{E}-01-05' END,
                CASE ek WHEN 'TWO_CLOSED' THEN DATE '{E}-06-30' END,
                CASE WHEN nolic THEN NULL WHEN ek = 'TWO_CLOSED' THEN lic || '1' ELSE lic END,
                2, ek
              FROM s WHERE ek IN ('TWO', 'TWO_CLOSED')
              UNION ALL
              SELECT personID, districtID, DATE '{E}-07-15', NULL, lic, 1, ek
              FROM s WHERE ek = 'FUTURE')
            SELECT row_number() OVER (ORDER BY personID, n)::INTEGER AS employmentID,
              personID, districtID, sd AS startDate, ed AS endDate, lic AS licenseNumber
            FROM e""")
        self.sql("employmentassignment", f"""
            CREATE TABLE employmentassignment AS
            WITH s AS (
              SELECT *,
                CASE WHEN role = 'T' AND r % 127 = 10 THEN 'NONE'
                     WHEN role = 'T' AND r % 131 = 11 THEN 'OTHER'
                     WHEN role = 'T' AND r % 139 = 13 THEN 'ENDED'
                     WHEN role = 'T' AND r % 149 = 14 THEN 'FUTURE'
                     ELSE 'OK' END AS ak,
                (role = 'T' AND (r % 137 = 12 OR pm(k, 190) < 15)) AS notype,
                (r % 37 = 15 OR pm(k, 191) < 25) AS itinerant
              FROM g_staff2),
            a AS (
              SELECT s.*, CASE WHEN ak = 'OTHER' THEN other_school ELSE schoolID END AS sch,
                make_date(hire_year, 8, 1) AS sd,
                CASE ak WHEN 'ENDED' THEN DATE '{E - 1}-06-30' END AS ed, 1 AS n
              FROM s WHERE ak <> 'NONE'
              UNION ALL
              SELECT s.*, other_school, DATE '{E - 1}-08-01', NULL, 2
              FROM s WHERE itinerant AND ak = 'OK'),
            b AS (
              SELECT a.*,
                CASE WHEN ak = 'FUTURE' THEN DATE '{E}-07-15' ELSE sd END AS sd2
              FROM a)
            SELECT row_number() OVER (ORDER BY personID, n)::INTEGER AS assignmentID,
              personID, districtID, sch AS schoolID, sd2 AS startDate, ed AS endDate,
              CASE role WHEN 'T' THEN 'Teacher' WHEN 'SPED' THEN 'Special Education Teacher'
                        WHEN 'PRIN' THEN 'Principal' ELSE 'School Counselor' END AS title,
              CASE WHEN notype THEN NULL
                   WHEN role IN ('T', 'SPED') THEN '01' WHEN role = 'PRIN' THEN '05'
                   ELSE '03' END AS type,
              CASE WHEN r % 41 = 16 OR pm(k, 192) < 40 THEN
                     CASE WHEN role = 'PRIN' THEN '06' ELSE '15' END END AS altType,
              CASE WHEN role IN ('T', 'SPED') THEN 1 ELSE 0 END AS teacher,
              CASE WHEN role = 'SPED' THEN 1 ELSE 0 END AS specialEd,
              (CASE WHEN n = 2 OR itinerant THEN 0.5 WHEN pm(k, 193) < 60 THEN 0.8
                    ELSE 1.0 END)::DECIMAL(4, 2) AS fte
            FROM b""")

    # ------------------------------------------------------------------ output
    def final_tables(self) -> None:
        c = self.con
        c.execute("""CREATE OR REPLACE TABLE school AS
            SELECT schoolID, districtID, number, name, stateClassification, exclude FROM g_school""")
        c.execute("""CREATE OR REPLACE TABLE calendar AS
            SELECT calendarID, schoolID, districtID, endYear, name, startDate, endDate,
                   summerSchool, exclude FROM g_calendar""")
        c.execute("""CREATE OR REPLACE TABLE gradelevel AS
            SELECT calendarID, name, stateGrade, exclude FROM g_gradelevel""")
        c.execute("""CREATE OR REPLACE TABLE schedulestructure AS
            SELECT structureID, calendarID, name, active FROM g_structure""")
        c.execute("""CREATE OR REPLACE TABLE term AS
            SELECT termID, termScheduleID, name, seq, startDate, endDate FROM g_term""")
        c.execute("""CREATE OR REPLACE TABLE course AS
            SELECT courseID, calendarID, number, name, active, stateCode, homeroom, stateExclude,
                   coreContent, teachingMethod, courseLevel, articulatedCredit, dualCredit,
                   setting, instructionLanguage, competencyBased FROM g_course""")
        c.execute("CREATE OR REPLACE TABLE scoregroup AS SELECT scoreGroupID, name FROM g_scoregroup")

    def sqlserver_select(self, table: str) -> str:
        """The columns of `table` as SQL Server export tools write them: dates as midnight
        datetimes, NULL in typed columns and codes as the text NULL, codes, keys and flags padded
        with a space in 3% of the rows (leading or trailing, by column); free text as it is."""
        keys = [f"t.{k.split()[0]}" for k in ORDER_BY[table].split(",")]
        pad = f"hash({', '.join(keys)}, 'pad', {int(self.seed)}) % 100 < 3"
        out = []
        for i, (col, typ) in enumerate(CONTRACT[table]):
            q = f't."{col}"'
            if col in TEXT_COLUMNS.get(table, ()):
                expr = f"CAST({q} AS VARCHAR)"
            elif typ == "DATE":
                expr = f"COALESCE(strftime({q}, '%Y-%m-%d') || ' 00:00:00.000', 'NULL')"
            elif typ.startswith("DECIMAL"):
                expr = f"COALESCE(CAST(CAST({q} AS {typ}) AS VARCHAR), 'NULL')"
            else:
                v = f"CAST(CAST({q} AS {typ}) AS VARCHAR)"
                padded = f"' ' || {v}" if i % 2 == 0 else f"{v} || ' '"
                expr = f"COALESCE(CASE WHEN {pad} THEN {padded} ELSE {v} END, 'NULL')"
            out.append(f'{expr} AS "{col}"')
        return ", ".join(out)

    def write(self, out_dir: Path, fmt: str, sqlserver_style: bool = False) -> dict[str, int]:
        self.final_tables()
        out_dir.mkdir(parents=True, exist_ok=True)
        counts: dict[str, int] = {}
        for table, cols in CONTRACT.items():
            sel = ", ".join(f'CAST("{col}" AS {typ}) AS "{col}"' for col, typ in cols)
            path = out_dir / f"{table}.{fmt}"
            if fmt == "csv" and sqlserver_style:
                sel = self.sqlserver_select(table)
                opts = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', " \
                       "NULLSTR '', NEW_LINE '\\r\\n'"
            elif fmt == "csv":
                opts = "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', " \
                       "DATEFORMAT '%Y-%m-%d', NULLSTR ''"
            else:
                opts = "FORMAT parquet, COMPRESSION zstd"
            # order by the table's own columns (t.), not by the written (text) ones
            order = ", ".join(f"t.{k.strip()}" for k in ORDER_BY[table].split(","))
            t0 = time.perf_counter()
            self.con.execute(f"COPY (SELECT {sel} FROM {table} t ORDER BY {order}) "
                             f"TO '{path.as_posix()}' ({opts})")
            counts[table] = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            dt = time.perf_counter() - t0
            self.timings.append((f"write {table}", dt))
            if self.log:
                self.log(f"  write {table:<22} {dt:6.2f}s")
        return counts
