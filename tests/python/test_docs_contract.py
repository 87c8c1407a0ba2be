"""docs/raw_contract.md lists every raw table and column of the contract, and is current.

The contract is read here on its own (the macro's dict literal parsed as Python, not rendered by the
generator), and the page's tables are parsed back: every table of the contract has its section, every
column its row with the contract's required/optional, type and staging name, in the contract's order,
and a meaning. The meanings are the dbt source descriptions (models/staging/ic/_ic__sources.yml), whose
`(optional column)` marks must agree with the contract. Finally the generated text must be what
`scripts/docs_tables` writes today. Manifest: $SIS_TEST_DBT_TARGET/manifest.json when set, else a `dbt parse`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sis_extracts import docs_contract as dc
from sis_extracts import docs_tables as dt

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "raw_contract.md"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return dt.load_manifest()


def contract_literal() -> dict:
    """The macro's dict, parsed as a Python literal (independent of the generator's Jinja reading)."""
    text = (ROOT / dc.CONTRACT_MACRO).read_text("utf-8")
    body = text[text.index("return(") + len("return(") : text.rindex(") }}")]
    return ast.literal_eval(re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", body)))


def cells(line: str) -> list[str]:
    return [c.strip().strip("`") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def doc_sections() -> dict[str, list[list[str]]]:
    """{table: column rows [#, column, required, type, staged as, meaning]} of the page's sections."""
    out: dict[str, list[list[str]]] = {}
    current = None
    for line in DOC.read_text("utf-8").splitlines():
        m = re.match(r"^### (\w+)$", line)
        if m:
            current = m.group(1)
            out[current] = []
        elif current and line.startswith("| ") and not line.startswith("| # "):
            out[current].append(cells(line))
    return out


def test_generator_reads_the_contract_as_the_literal_says():
    assert dc.load_contract(ROOT) == contract_literal()


def test_every_table_and_column_is_on_the_page_with_its_contract_values():
    contract = contract_literal()
    sections = doc_sections()
    assert list(sections) == list(contract), "docs/raw_contract.md: one section per contract table, in order"
    for table, spec in contract.items():
        want = [
            (str(i), c["name"], "optional" if c["optional"] else "required", c["type"], c["staged_as"])
            for i, c in enumerate(spec["columns"], start=1)
        ]
        got = [tuple(r[:5]) for r in sections[table]]
        assert got == want, f"docs/raw_contract.md, table {table}: columns differ from the contract"
        assert all(r[5] for r in sections[table]), f"{table}: a column without a meaning"


def test_overview_says_which_tables_are_optional_and_their_keys():
    contract = contract_literal()
    rows = {}
    for line in DOC.read_text("utf-8").splitlines():
        m = re.match(r"^\| \[`(\w+)`\]\(#\1\) \|", line)
        if m:
            rows[m.group(1)] = cells(line)
    assert list(rows) == list(contract)
    for table, spec in contract.items():
        assert rows[table][2] == ("optional" if spec["optional_table"] else "required"), table
        assert rows[table][3].split("`, `") == spec["key"], table


def test_every_type_is_explained():
    used = {c["type"] for t in contract_literal().values() for c in t["columns"]}
    assert used <= set(dc.TYPE_MEANINGS), used - set(dc.TYPE_MEANINGS)
    text = DOC.read_text("utf-8")
    for t in used:
        assert f"| `{t}` |" in text, f"type {t} not explained on the page"


def test_source_descriptions_agree_with_the_contract(manifest):
    """Each contract column has a source description, marked `(optional column)` exactly when optional."""
    sources = dc.source_descriptions(manifest)
    problems = []
    for table, spec in contract_literal().items():
        described = sources.get(table, {}).get("columns", {})
        for c in spec["columns"]:
            desc = (described.get(c["name"]) or "").strip()
            if not desc:
                problems.append(f"ic.{table}.{c['name']}: no description")
            elif desc.endswith(dc.OPTIONAL_MARK) != c["optional"]:
                problems.append(
                    f"ic.{table}.{c['name']}: '(optional column)' mark disagrees with the contract"
                )
    assert not problems, "\n".join(problems)


def test_page_is_current(manifest):
    text = DOC.read_text("utf-8")
    assert set(dt.tables(text)) == {dc.TYPES_TABLE, dc.TABLES_TABLE}
    assert dt.regenerate(text, manifest) == text, (
        "docs/raw_contract.md is out of date: run scripts/docs_tables"
    )


def test_readme_points_to_the_page():
    readme = (ROOT / "README.md").read_text("utf-8")
    own = readme.split("## Run it on your own SIS export", 1)[1].split("\n## ", 1)[0]
    assert "(docs/raw_contract.md)" in own
