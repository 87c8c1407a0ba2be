"""The streaming exporter against a DuckDB database and a manifest built in the test: exact bytes,
header text from meta.header, meta.export false, export_order_by, RFC 4180 quoting, Strip
Apostrophes, atomic 0600 files, the IL header line before the records."""

from __future__ import annotations

import json
import stat

import duckdb
import pytest
from conftest import Col, MartDef

from sis_extracts.export.marts import mart_spec, passed_tests
from sis_extracts.export.writer import (
    delimited_line,
    select_sql,
    write_mart_file,
    write_with_preamble,
)

COLUMNS = [
    Col("date_time_generated", header="Date Time Generated"),
    Col("district_number", header="District Number"),
    Col("last_name", header="Last Name"),
    Col("first_name", header="First Name"),
    Col("course_credit", header="Course Credit"),
    Col("birth_date", header="Birth Date"),
    Col("sort_key", "integer", export=False),
    Col("file_name", export=False),
]
ROWS = [
    # sort_key decides the order; the exported columns break its ties
    ("06/30/2025 17:00", "007", "Muñoz", "José", "1.00", "01/02/2010", 2, "F1"),
    ("06/30/2025 17:00", "007", 'O\'Neil, "Jr"', "Zoë", "0.50", "12/31/2009", 1, "F1"),
    ("06/30/2025 17:00", "007", "St. John", "Ö Ñ Ò Ó Ô", "1.125", "03/04/2011", 3, "F2"),
    ("06/30/2025 17:00", "007", "Øystein", None, "", "03/04/2011", 3, "F2"),
    ("06/30/2025 17:00", "007", "Line\nBreak", "Ann", "2.00", "05/06/2012", 0, "F1"),
]


@pytest.fixture
def db(mart_db):
    return mart_db([MartDef("sample_report", COLUMNS, ROWS, order_by=["sort_key"])])


def read(path):
    return path.read_bytes().decode("utf-8")


def test_csv_bytes_exact(db, tmp_path):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    res = write_mart_file(db.con, spec, tmp_path / "KECS_LEAD_Sample.csv", report="Sample", fmt="csv")
    assert res.records == 5
    assert read(tmp_path / "KECS_LEAD_Sample.csv") == (
        "Date Time Generated,District Number,Last Name,First Name,Course Credit,Birth Date\r\n"
        '06/30/2025 17:00,007,"Line\nBreak",Ann,2.00,05/06/2012\r\n'
        '06/30/2025 17:00,007,"O\'Neil, ""Jr""",Zoë,0.50,12/31/2009\r\n'
        "06/30/2025 17:00,007,Muñoz,José,1.00,01/02/2010\r\n"
        "06/30/2025 17:00,007,St. John,Ö Ñ Ò Ó Ô,1.125,03/04/2011\r\n"
        "06/30/2025 17:00,007,Øystein,,,03/04/2011\r\n"
    )


def test_header_from_meta_export_false_skipped_and_order(db):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    assert [c.header for c in spec.columns] == [
        "Date Time Generated",
        "District Number",
        "Last Name",
        "First Name",
        "Course Credit",
        "Birth Date",
    ]
    assert spec.order_by == ["sort_key"]
    assert "sort_key" in spec.all_columns and "file_name" in spec.all_columns
    assert spec.warnings == []


def test_missing_header_falls_back_to_column_name_with_warning(mart_db):
    db = mart_db([MartDef("no_header", [Col("a", header="A"), Col("b")], [("1", "2")], order_by=["a"])])
    spec = mart_spec(db.manifest, "no_header", db.con)
    assert [c.header for c in spec.columns] == ["A", "b"]
    assert spec.warnings == [
        "no_header: 1 column(s) have no meta.header, so their column names are the header text: b."
    ]


def test_unknown_order_by_column_is_an_internal_error(mart_db):
    from sis_extracts.export.errors import InternalError

    db = mart_db([MartDef("bad_order", [Col("a", header="A")], [("1",)], order_by=["nope"])])
    with pytest.raises(InternalError, match="export_order_by names nope"):
        mart_spec(db.manifest, "bad_order", db.con)


def test_file_is_0600_and_no_partial_left(db, tmp_path):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    final = tmp_path / "out.csv"
    write_mart_file(db.con, spec, final, report="Sample", fmt="csv")
    assert stat.S_IMODE(final.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name != "db_0"] == ["out.csv"]


def test_failed_write_keeps_previous_file(db, tmp_path):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    final = tmp_path / "out.csv"
    final.write_text("previous\n")
    spec.relation = '"marts_test"."marts"."does_not_exist"'
    with pytest.raises(duckdb.Error):
        write_mart_file(db.con, spec, final, report="Sample", fmt="csv")
    assert final.read_text() == "previous\n"
    assert not [p for p in tmp_path.iterdir() if ".partial-" in p.name]


def test_il_state_layout_header_line_then_records_without_column_header(db, tmp_path):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    final = tmp_path / "SCA_TEST_001.csv"
    preamble = [["Student Course Assignment", "3", final.name, "07/15/2025", "500821040020000"]]
    res = write_with_preamble(
        db.con,
        spec,
        final,
        tmp_path / "scratch",
        preamble=preamble,
        delimiter=",",
        column_header=False,
        where="_mart.\"file_name\" = 'F1'",
        report="Student Course Assignment",
        fmt="state",
    )
    assert res.records == 3
    assert read(final) == (
        "Student Course Assignment,3,SCA_TEST_001.csv,07/15/2025,500821040020000\r\n"
        '06/30/2025 17:00,007,"Line\nBreak",Ann,2.00,05/06/2012\r\n'
        '06/30/2025 17:00,007,"O\'Neil, ""Jr""",Zoë,0.50,12/31/2009\r\n'
        "06/30/2025 17:00,007,Muñoz,José,1.00,01/02/2010\r\n"
    )
    assert stat.S_IMODE(final.stat().st_mode) == 0o600
    assert list((tmp_path / "scratch").iterdir()) == []  # scratch files removed


def test_il_tab_layout_has_column_header_line(db, tmp_path):
    spec = mart_spec(db.manifest, "sample_report", db.con)
    final = tmp_path / "SCA_TEST_001.txt"
    write_with_preamble(
        db.con,
        spec,
        final,
        tmp_path / "scratch",
        preamble=[["Student Course Assignment", "2", final.name, "07/15/2025", "500821040020000"]],
        delimiter="\t",
        column_header=True,
        where="_mart.\"file_name\" = 'F2'",
        report="Student Course Assignment",
        fmt="tab",
    )
    assert read(final) == (
        "Student Course Assignment\t2\tSCA_TEST_001.txt\t07/15/2025\t500821040020000\r\n"
        "Date Time Generated\tDistrict Number\tLast Name\tFirst Name\tCourse Credit\tBirth Date\r\n"
        "06/30/2025 17:00\t007\tSt. John\tÖ Ñ Ò Ó Ô\t1.125\t03/04/2011\r\n"
        "06/30/2025 17:00\t007\tØystein\t\t\t03/04/2011\r\n"
    )


@pytest.mark.parametrize(
    "values",
    [
        ["plain", "007", ""],
        ['O\'Neil, "Jr"', "a,b", "x"],
        ["multi\nline", "tab\tinside", "Zoë"],
    ],
)
@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_python_header_line_quotes_like_duckdb_copy(values, delimiter, tmp_path):
    con = duckdb.connect()
    con.execute("create table t (a varchar, b varchar, c varchar)")
    con.execute("insert into t values (?, ?, ?)", values)
    p = tmp_path / "x.csv"
    d = "\\t" if delimiter == "\t" else delimiter
    con.execute(
        f"copy (select nullif(a, '') as a, nullif(b, '') as b, nullif(c, '') as c from t) to '{p}' "
        f"(format csv, delimiter E'{d}', header false, quote '\"', escape '\"', nullstr '', new_line '\\r\\n')"
    )
    assert delimited_line(values, delimiter) == p.read_bytes().decode("utf-8")


def test_large_export_keeps_order_and_streams(mart_db, tmp_path):
    db = mart_db(
        [MartDef("big", [Col("k", "integer", export=False), Col("v", header="V")], [], order_by=["k"])]
    )
    db.con.execute(
        "insert into marts.big select 200000 - i, lpad(cast(200000 - i as varchar), 7, '0') from range(200000) t(i)"
    )
    spec = mart_spec(db.manifest, "big", db.con)
    out = tmp_path / "big.csv"
    res = write_mart_file(db.con, spec, out, report="Big", fmt="csv")
    assert res.records == 200000
    lines = out.read_bytes().split(b"\r\n")
    assert lines[0] == b"V" and lines[1] == b"0000001" and lines[200000] == b"0200000"


# --- ties: broken by a proven unique key, else by every column -----------------------------------


def _with_unique_test(db, model: str, columns: list[str], name: str = "sis_unique_combination_tie") -> dict:
    manifest = json.loads(json.dumps(db.manifest))
    manifest["nodes"][f"test.sis_extracts.{name}.abc"] = {
        "resource_type": "test",
        "name": name,
        "attached_node": f"model.sis_extracts.{model}",
        "test_metadata": {"name": "sis_unique_combination", "kwargs": {"columns": columns}},
    }
    return manifest


def test_ties_use_the_proven_unique_key_only_when_its_test_passed(mart_db, tmp_path):
    # two rows tie on the report order (grp); row_id (unique, not exported) and the exported
    # value order them in opposite directions
    db = mart_db([MartDef("tie", [Col("grp", header="G"), Col("val", header="V"), Col("row_id", "integer", export=False)],
                          [("a", "2", 1), ("a", "1", 2)], order_by=["grp"])])
    manifest = _with_unique_test(db, "tie", ["row_id"])
    by_key = mart_spec(manifest, "tie", db.con, passed=frozenset({"sis_unique_combination_tie"}))
    assert by_key.unique_key == ["row_id"]
    assert "order by _mart.\"grp\" asc nulls last, _mart.\"row_id\" asc nulls last" in select_sql(by_key)
    write_mart_file(db.con, by_key, tmp_path / "k.csv", report="T", fmt="csv")
    assert read(tmp_path / "k.csv") == "G,V\r\na,2\r\na,1\r\n"
    # the test did not pass in this build (failed and forced, or not run): every column breaks ties
    for passed in (frozenset(), frozenset({"some_other_test"})):
        by_cols = mart_spec(manifest, "tie", db.con, passed=passed)
        assert by_cols.unique_key is None
        write_mart_file(db.con, by_cols, tmp_path / "c.csv", report="T", fmt="csv")
        assert read(tmp_path / "c.csv") == "G,V\r\na,1\r\na,2\r\n"


def test_passed_tests_reads_run_results(tmp_path):
    rr = tmp_path / "run_results.json"
    rr.write_text(json.dumps({"results": [
        {"unique_id": "test.sis_extracts.t_pass.1a", "status": "pass"},
        {"unique_id": "test.sis_extracts.t_fail.2b", "status": "fail"},
        {"unique_id": "test.sis_extracts.t_warn.3c", "status": "warn"},
        {"unique_id": "model.sis_extracts.m", "status": "success"},
    ]}))
    assert passed_tests(rr) == frozenset({"t_pass"})
    assert passed_tests(tmp_path / "missing.json") == frozenset()
