"""KECS LEAD Extract: rule coverage and file-shape checks that dbt cannot make itself.

* Every rule ID of the KECS LEAD document (read from the spec text, never listed here) is named in
  at least one model description and in at least one test: a dbt unit test (by its
  ``ut_<rule>_...`` name or its description), a data test's description (generic or singular), or a
  pytest function of this folder (by its ``test_<rule>_...`` name or docstring).
* The marts are the files: each declares its file name, header texts, types and sort order.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC_NAME = "kecs_lead_extract_kentucky.txt"
KECS_YML_DIRS = [
    ROOT / "models" / "intermediate" / "kecs_lead",
    ROOT / "models" / "marts" / "kecs_lead",
    ROOT / "tests" / "kecs_lead",
]
MART_DIR = ROOT / "models" / "marts" / "kecs_lead"
REPORTS = {"Detail", "Staff", "Caseload", "Classes", "Schoolwide", "Issues"}


# ----------------------------------------------------------------------------- spec and yml readers
def spec_path() -> Path:
    """The KECS LEAD document: $KECS_SPEC_PATH, else shared/spec beside or inside the repository."""
    candidates = [
        Path(os.environ["KECS_SPEC_PATH"]) if os.environ.get("KECS_SPEC_PATH") else None,
        ROOT.parent / "shared" / "spec" / SPEC_NAME,
        ROOT / "shared" / "spec" / SPEC_NAME,
    ]
    for candidate in candidates:
        if candidate is not None and candidate.is_file():
            return candidate
    pytest.fail(
        f"{SPEC_NAME} not found (looked in ../shared/spec and shared/spec); set KECS_SPEC_PATH to it."
    )


def spec_rule_ids() -> list[str]:
    """Rule IDs as the document's requirement tables list them: a line starting 'R<n>' or 'R<n>.BR<m>' + tab."""
    text = spec_path().read_text(encoding="utf-8")
    ids = re.findall(r"^(R\d+(?:\.BR\d+)?)\t", text, flags=re.MULTILINE)
    return list(dict.fromkeys(ids))


def rule_regex(rule_id: str) -> re.Pattern[str]:
    """'R5' must not match inside 'R5.BR1' or 'R50'; 'R5.BR1' must not match inside 'R5.BR10'."""
    tail = r"(?![0-9])" if ".BR" in rule_id else r"(?![0-9]|\.BR)"
    return re.compile(r"(?<![A-Za-z0-9_.])" + re.escape(rule_id) + tail)


def rule_from_test_name(name: str, prefix: str) -> str | None:
    """'ut_r5_br9_same_dates...' -> 'R5.BR9'; 'test_r4_report...' -> 'R4'."""
    match = re.match(prefix + r"_r(\d+)(?:_br(\d+))?(?:_|$)", name)
    if not match:
        return None
    return f"R{match.group(1)}" + (f".BR{match.group(2)}" if match.group(2) else "")


def kecs_yml_files() -> list[Path]:
    return sorted(p for d in KECS_YML_DIRS for p in d.glob("*.yml"))


def load_yml(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def data_test_descriptions(node: Any) -> Iterator[str]:
    """Descriptions of every data test found under `data_tests:` keys, at any depth."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "data_tests" and isinstance(value, list):
                for test in value:
                    if not isinstance(test, dict):
                        continue
                    if isinstance(test.get("description"), str):
                        yield test["description"]
                    for props in test.values():
                        if isinstance(props, dict) and isinstance(props.get("description"), str):
                            yield props["description"]
            else:
                yield from data_test_descriptions(value)
    elif isinstance(node, list):
        for item in node:
            yield from data_test_descriptions(item)


def pytest_functions() -> Iterator[tuple[str, str]]:
    """(name, docstring) of each test function in tests/python/test_kecs_*.py."""
    for path in sorted((ROOT / "tests" / "python").glob("test_kecs_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                yield node.name, ast.get_docstring(node) or ""


def model_descriptions() -> str:
    texts = []
    for path in kecs_yml_files():
        for model in load_yml(path).get("models", []) or []:
            texts.append(model.get("description", "") or "")
    return "\n".join(texts)


def collect_test_texts() -> tuple[set[str], str]:
    """Rule IDs named by test names, and all test descriptions/docstrings as one text."""
    named: set[str] = set()
    texts: list[str] = []
    for path in kecs_yml_files():
        doc = load_yml(path)
        for unit_test in doc.get("unit_tests", []) or []:
            rule = rule_from_test_name(unit_test["name"], "ut")
            if rule:
                named.add(rule)
            texts.append(unit_test.get("description", "") or "")
        texts.extend(data_test_descriptions(doc))
    for sql in sorted((ROOT / "tests" / "kecs_lead").glob("*.sql")):
        header = "\n".join(
            line for line in sql.read_text(encoding="utf-8").splitlines() if line.startswith("--")
        )
        texts.append(header)
    for name, docstring in pytest_functions():
        rule = rule_from_test_name(name, "test")
        if rule:
            named.add(rule)
        texts.append(docstring)
    return named, "\n".join(texts)


def marts() -> dict[str, dict[str, Any]]:
    return {
        model["name"]: model
        for path in sorted(MART_DIR.glob("*.yml"))
        for model in load_yml(path).get("models", []) or []
    }


# ----------------------------------------------------------------------------- rule coverage
def test_spec_lists_the_rules() -> None:
    """The spec parser finds the document's requirement rows (guards the coverage tests below)."""
    ids = spec_rule_ids()
    assert len(ids) >= 30, ids
    assert ids[0] == "R1"


def test_every_rule_is_named_in_a_model_description() -> None:
    """Each rule ID of the document appears in at least one KECS model description."""
    text = model_descriptions()
    missing = [rule for rule in spec_rule_ids() if not rule_regex(rule).search(text)]
    assert not missing, f"Rule IDs named by no KECS model description: {missing}"


def test_every_rule_has_a_test() -> None:
    """Each rule ID of the document is named by a unit test, a data test or a pytest of KECS LEAD."""
    named, text = collect_test_texts()
    missing = [rule for rule in spec_rule_ids() if rule not in named and not rule_regex(rule).search(text)]
    assert not missing, f"Rule IDs named by no KECS test: {missing}"


def test_every_business_rule_has_a_unit_test() -> None:
    """Each data rule (R5.BR*, R7.BR1, R8.BR1, R9.BR1, and R1/R2) has a dbt unit test named after it.

    Sort orders (R6.BR4, R7.BR2, R8.BR3, R9.BR3), groupings checked per report and file-format
    rules (R3, R4, R4.BR1) are covered by the tests below and the count-agreement data tests.
    """
    named_by_unit_test: set[str] = set()
    for path in kecs_yml_files():
        for unit_test in load_yml(path).get("unit_tests", []) or []:
            rule = rule_from_test_name(unit_test["name"], "ut")
            if rule:
                named_by_unit_test.add(rule)
    exempt = re.compile(r"^R(3|4)(\.|$)|^R6\.BR4$|^R7\.BR2$|^R8\.BR3$|^R9\.BR3$")
    missing = [r for r in spec_rule_ids() if not exempt.search(r) and r not in named_by_unit_test]
    assert not missing, f"Rules without a ut_<rule>_<edge_case> unit test: {missing}"


# ----------------------------------------------------------------------------- file shape
def test_r3_every_report_column_has_header_and_type() -> None:
    """R3: the exporter writes CSV or HTML from each mart: enforced contract, every column typed, every exported column with meta.header."""
    for name, model in marts().items():
        assert model["config"]["contract"]["enforced"] is True, name
        for column in model["columns"]:
            assert column.get("data_type"), (name, column["name"])
            meta = (column.get("config") or {}).get("meta") or {}
            assert meta.get("header") or meta.get("export") is False, (name, column["name"])


def test_r4_six_reports_with_custom_names() -> None:
    """R4: the extract produces its reports with custom names: exactly the six documented reports."""
    names = {model["config"]["meta"]["report_name"] for model in marts().values()}
    assert names == REPORTS


def test_r4_br1_file_names() -> None:
    """R4.BR1: each report's file name is KECS_LEAD_<ReportName>.csv."""
    for name, model in marts().items():
        meta = model["config"]["meta"]
        assert meta["file_name"] == f"KECS_LEAD_{meta['report_name']}.csv", name
        assert name == f"kecs_lead__{meta['report_name'].lower()}"


def headers(model_name: str) -> list[str]:
    return [
        c["config"]["meta"]["header"]
        for c in marts()[model_name]["columns"]
        if c["config"]["meta"].get("export", True) is not False
    ]


def column_of_header(model_name: str, header: str) -> str:
    for column in marts()[model_name]["columns"]:
        if column["config"]["meta"].get("header") == header:
            return column["name"]
    raise AssertionError(f"{model_name} has no column with header {header!r}")


@pytest.mark.parametrize("model_name", sorted(f"kecs_lead__{r.lower()}" for r in REPORTS))
def test_every_report_starts_with_date_time_generated_and_end_year(model_name: str) -> None:
    """Spec README: every report starts with Date Time Generated and End Year."""
    first_two = headers(model_name)[:2]
    assert first_two[0] == "Date Time Generated"
    assert first_two[1] in ("End Year", "EndYear")


def test_r5_detail_first_columns() -> None:
    """R5: Detail starts with Date Time Generated, End Year, Section ID, District Number, District Name (spec README)."""
    assert headers("kecs_lead__detail")[:5] == [
        "Date Time Generated",
        "End Year",
        "Section ID",
        "District Number",
        "District Name",
    ]


def test_r6_br3_classes_columns_are_the_grouping() -> None:
    """R6.BR3: Classes starts with Date Time Generated and the grouping columns, in the README's order."""
    assert headers("kecs_lead__classes")[:23] == [
        "Date Time Generated",
        "EndYear",
        "District Number",
        "District Name",
        "School Number",
        "School Name",
        "State Classification",
        "Calendar Name",
        "Schedule Structure Name",
        "Course Number",
        "Course Name",
        "Section Number",
        "Section ID",
        "Course Code",
        "Core Content",
        "Teaching Method",
        "Instructional Setting",
        "Section Special Type",
        "KTSExchange",
        "Responsive",
        "Person ID",
        "Section Start Date",
        "Section End Date",
    ]


def test_r7_staff_first_columns() -> None:
    """R7: Staff starts with Date Time Generated, EndYear, PersonID, District Number, School Number, EPSB ID, First Name, Last Name."""
    assert headers("kecs_lead__staff")[:8] == [
        "Date Time Generated",
        "EndYear",
        "PersonID",
        "District Number",
        "School Number",
        "EPSB ID",
        "First Name",
        "Last Name",
    ]


@pytest.mark.parametrize(
    ("model_name", "sort_headers"),
    [
        (
            "kecs_lead__classes",
            [
                "EndYear",
                "District Name",
                "School Name",
                "Calendar Name",
                "Schedule Structure Name",
                "Course Number",
                "Section Number",
            ],
        ),
        ("kecs_lead__staff", ["EndYear", "District Number", "PersonID", "School Number", "Type", "AltType"]),
        ("kecs_lead__schoolwide", ["End Year", "District Name", "School Name"]),
        ("kecs_lead__caseload", ["End Year", "District Name", "Case Manager Person ID"]),
    ],
    ids=["R6.BR4", "R7.BR2", "R8.BR3", "R9.BR3"],
)
def test_r6_br4_r7_br2_r8_br3_r9_br3_sort_orders(model_name: str, sort_headers: list[str]) -> None:
    """R6.BR4, R7.BR2, R8.BR3, R9.BR3: meta export_order_by starts with the document's sort columns."""
    expected = [column_of_header(model_name, h) for h in sort_headers]
    order_by = marts()[model_name]["config"]["meta"]["export_order_by"]
    assert order_by[: len(expected)] == expected


def test_r8_br2_schoolwide_grouping_columns() -> None:
    """R8.BR2: Schoolwide groups by End Year, District Number, District Name, School Number, School Name, State Classification."""
    assert headers("kecs_lead__schoolwide")[1:7] == [
        "End Year",
        "District Number",
        "District Name",
        "School Number",
        "School Name",
        "State Classification",
    ]


def test_r9_br2_caseload_grouping_columns() -> None:
    """R9.BR2: Caseload groups by End Year, District Number, District Name, Case Manager Person ID."""
    assert headers("kecs_lead__caseload")[1:5] == [
        "End Year",
        "District Number",
        "District Name",
        "Case Manager Person ID",
    ]


def test_r10_issues_shape() -> None:
    """R10: the Issues mart keeps the shared Issues shape (the Illinois extract mirrors it)."""
    columns = [c["name"] for c in marts()["kecs_lead__issues"]["columns"]]
    assert columns == [
        "date_time_generated",
        "end_year",
        "issue_number",
        "severity",
        "issue_name",
        "message",
        "affects_report",
        "rule_ids",
        "district_number",
        "district_name",
        "school_number",
        "school_name",
        "person_id",
        "first_name",
        "last_name",
        "section_id",
        "course_number",
        "section_number",
        "enrollment_id",
        "detail",
    ]
    types = {c["name"]: c["data_type"] for c in marts()["kecs_lead__issues"]["columns"]}
    assert types["issue_number"] == "integer"


def test_r10_issue_catalog_matches_the_published_issues() -> None:
    """R10: Issue 1 and 2 carry the numbers, names and message the spec README gives."""
    import csv

    with (ROOT / "seeds" / "reference" / "kecs_issue_catalog.csv").open(encoding="utf-8") as handle:
        catalog = {int(row["issue_number"]): row for row in csv.DictReader(handle)}
    assert catalog[1]["issue_name"] == "Primary Teacher Missing District Assignment Record"
    assert catalog[1]["message"] == (
        "Warning 1: The following primary teachers are missing an active district assignment record "
        "for this school for the current school year."
    )
    assert catalog[2]["issue_name"] == "Staff Missing Employee Type"
    assert all(row["severity"] in ("Error", "Warning") for row in catalog.values())
    assert sorted(catalog) == list(range(1, len(catalog) + 1))
