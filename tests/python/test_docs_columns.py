"""The column tables of docs/kecs_lead.md and docs/il_sca.md against dbt's manifest.

Each table between ``<!-- docs_tables: <mart> -->`` markers must list exactly the mart's file columns, in
order, with their meta.header and data_type, then the columns not written to the file; the KECS student
count columns are one shared table that each aggregate mart ends with. The meanings must be the marts'
rendered descriptions (doc blocks resolved): `scripts/docs_tables` regenerates the tables.
Manifest: $SIS_TEST_DBT_TARGET/manifest.json when set (scripts/test), else a `dbt parse` into a temp target.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sis_extracts import docs_tables as dt

ROOT = Path(__file__).resolve().parents[2]
EXPECTED_TABLES = {
    "docs/kecs_lead.md": [
        "kecs_lead__detail",
        "kecs_lead__classes",
        "kecs_lead__staff",
        "kecs_lead__schoolwide",
        "kecs_lead__caseload",
        "kecs_lead__issues",
        dt.COUNT_TABLE,
    ],
    "docs/il_sca.md": ["il_sca__student_course_assignment", "il_sca__file_header"],
}
AGGREGATES = ["kecs_lead__classes", "kecs_lead__schoolwide", "kecs_lead__caseload"]


@pytest.fixture(scope="module")
def manifest() -> dict:
    return dt.load_manifest()


def doc_tables(rel: str) -> dict[str, str]:
    return dt.tables((ROOT / rel).read_text("utf-8"))


def rows(block: str) -> list[list[str]]:
    """Cells of every Markdown table row of a block (header and rule rows left out), `code` marks removed."""
    out = []
    for line in block.splitlines():
        if not line.startswith("|") or re.match(r"^\|[-| ]+\|$", line):
            continue
        cells = [c.strip().strip("`") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if cells[0] in ("#", "Header", "Column"):
            continue
        out.append(cells)
    return out


def file_rows_and_hidden(block: str) -> tuple[list[list[str]], list[list[str]]]:
    """The file columns table and the 'Not written to the file' table of a mart block."""
    head, _, tail = block.partition("Not written to the file")
    return rows(head), rows(tail)


def test_docs_hold_a_table_per_mart():
    """Every mart of the two extracts' documents has its generated table (markers present, none extra)."""
    for rel, names in EXPECTED_TABLES.items():
        assert list(doc_tables(rel)) == names, f"{rel}: docs_tables markers"


@pytest.mark.parametrize(
    "rel,mart", [(r, m) for r, ms in EXPECTED_TABLES.items() for m in ms if m != dt.COUNT_TABLE]
)
def test_table_lists_the_marts_columns_in_order(manifest, rel, mart):
    """#, header (meta.header), column and data_type of each file column, in the mart's order."""
    node = dt.model(manifest, mart)
    file_rows, hidden_rows = file_rows_and_hidden(doc_tables(rel)[mart])
    counts = doc_tables("docs/kecs_lead.md")[dt.COUNT_TABLE]
    got: list[tuple[str, str, str, str]] = []
    for r in file_rows:
        if r[0].endswith(".."):  # the shared student count columns, listed in their own table
            start = int(r[0][:-2])
            got += [(str(start + i), c[0], c[1], c[2]) for i, c in enumerate(rows(counts))]
        else:
            got.append((r[0], r[1], r[2], r[3]))
    exported = dt.exported(node)
    want = [
        (str(i), dt.meta(c).get("header", ""), n, c.get("data_type")) for i, (n, c) in enumerate(exported, 1)
    ]
    assert got == want, f"{rel}: the table of {mart} is not the mart's columns (run scripts/docs_tables)"
    hidden = [
        (n, c.get("data_type")) for n, c in node["columns"].items() if dt.meta(c).get("export", True) is False
    ]
    assert [(r[0], r[1]) for r in hidden_rows] == hidden, f"{rel}: {mart}'s columns not written to the file"


@pytest.mark.parametrize("mart", AGGREGATES)
def test_aggregate_marts_end_with_the_shared_count_columns(manifest, mart):
    """Classes, Schoolwide and Caseload end with the count columns of the shared table, whose descriptions are
    the kecs_count_<column> doc blocks."""
    node = dt.model(manifest, mart)
    counts = rows(doc_tables("docs/kecs_lead.md")[dt.COUNT_TABLE])
    tail = [(n, dt.meta(c).get("header"), c.get("data_type")) for n, c in dt.exported(node)][-len(counts) :]
    assert tail == [(c[1], c[0], c[2]) for c in counts]
    docs = {d["name"]: d["block_contents"] for d in manifest["docs"].values()}
    for name, _, _ in tail:
        assert node["columns"][name]["description"] == docs[f"{dt.COUNT_DOC_PREFIX}{name}"], f"{mart}.{name}"


def test_tables_are_current(manifest):
    """The generated text (meanings included) is what scripts/docs_tables would write today."""
    stale = [
        rel
        for rel in EXPECTED_TABLES
        if dt.regenerate((ROOT / rel).read_text("utf-8"), manifest) != (ROOT / rel).read_text("utf-8")
    ]
    assert not stale, f"out of date: {stale}; run scripts/docs_tables"
