"""The tables of docs/raw_contract.md: every raw table and column, generated.

What each table and column is comes from two places, each said once:

- the raw contract, the macro ``sis_raw_contract()`` of macros/raw/sis_raw_contract.sql (rendered
  here with Jinja, as dbt renders it): tables, whether a table is optional, its key, and per column
  its type, whether it is optional and the staging column it becomes;
- what it means: the descriptions of the dbt source ``ic`` (models/staging/ic/_ic__sources.yml, read
  from dbt's manifest), one per table and column. A description ends with ``(optional column)``
  when the contract says the column is optional; the generated table says that in its own column.

``scripts/docs_tables`` writes the tables between the ``<!-- docs_tables: raw_contract... -->``
markers of docs/raw_contract.md, with the column tables of the extracts' documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

CONTRACT_MACRO = Path("macros") / "raw" / "sis_raw_contract.sql"
SOURCE_NAME = "ic"
OPTIONAL_MARK = "(optional column)"
TYPES_TABLE = "raw_contract_types"
TABLES_TABLE = "raw_contract"

# What a value of each contract type must look like (macros/raw/sis_casts.sql reads them so).
TYPE_MEANINGS: dict[str, str] = {
    "id": "An SIS identifier: a whole number (`personID`, `sectionID`, ...). Text in it stops the run.",
    "int": "A whole number (`endYear`, `seq`). Anything else stops the run.",
    "num": "A decimal number with `.` as the decimal mark (`creditAmount`, `fte`).",
    "date": "A date `YYYY-MM-DD`; a midnight datetime (`2024-08-14 00:00:00[.000]`, `2024-08-14T00:00:00`) "
    "reads as the date. Any other form or a time of day stops the run.",
    "bool": "A flag: `1`/`0`, `true`/`false`, `Y`/`N`, `yes`/`no` or `t`/`f`, any case; empty = not set. "
    "Anything else stops the run.",
    "code": "A code or number kept as text, leading zeros included (`number`, `stateID`, `serviceType`).",
    "text": "Free text kept as written (names, titles, labels); only the `--null-text` marker reads as "
    "empty.",
}


def load_contract(root: Path) -> dict[str, dict[str, Any]]:
    """The dict the macro sis_raw_contract() returns: {table: {optional_table, key, columns}}."""
    captured: dict[str, Any] = {}

    def give_back(value: Any) -> str:  # dbt's `return()` inside a macro
        captured["contract"] = value
        return ""

    template = jinja2.Environment().from_string((root / CONTRACT_MACRO).read_text("utf-8"))
    template.make_module({"return": give_back}).sis_raw_contract()
    if "contract" not in captured:
        raise RuntimeError(f"{CONTRACT_MACRO}: sis_raw_contract() returned nothing")
    return captured["contract"]


def source_descriptions(manifest: dict) -> dict[str, dict[str, Any]]:
    """{table: {"description": text, "columns": {column: text}}} of the dbt source `ic`."""
    out: dict[str, dict[str, Any]] = {}
    for node in manifest["sources"].values():
        if node["source_name"] != SOURCE_NAME:
            continue
        columns = {name: (c.get("description") or "") for name, c in node["columns"].items()}
        out[node["name"]] = {"description": node.get("description") or "", "columns": columns}
    return out


def cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def meaning(description: str) -> str:
    """A source column description without its `(optional column)` mark (the table says it)."""
    text = " ".join((description or "").split())
    if text.endswith(OPTIONAL_MARK):
        text = text[: -len(OPTIONAL_MARK)].rstrip()
    return text


def render_types(contract: dict[str, dict[str, Any]]) -> str:
    used = sorted({c["type"] for t in contract.values() for c in t["columns"]}, key=list(TYPE_MEANINGS).index)
    lines = ["| Type | A value must be |", "|---|---|"]
    lines += [f"| `{t}` | {cell(TYPE_MEANINGS[t])} |" for t in used]
    return "\n".join(lines) + "\n"


def render_tables(contract: dict[str, dict[str, Any]], sources: dict[str, dict[str, Any]]) -> str:
    missing = sorted(set(contract) - set(sources))
    if missing:
        raise RuntimeError(
            f"no dbt source ic.<table> for {', '.join(missing)} (models/staging/ic/_ic__sources.yml)"
        )
    lines = [
        "| Table | File | Required | Key | One row is |",
        "|---|---|---|---|---|",
    ]
    for table, spec in contract.items():
        required = "optional" if spec["optional_table"] else "required"
        key = ", ".join(f"`{k}`" for k in spec["key"])
        lines.append(
            f"| [`{table}`](#{table}) | `{table}.csv` or `{table}.parquet` | {required} | {key} | "
            f"{cell(sources[table]['description'])} |"
        )
    for table, spec in contract.items():
        src = sources[table]
        required = (
            "optional table: a missing file reads as an empty table" if spec["optional_table"] else "required"
        )
        lines += [
            "",
            f"### {table}",
            "",
            f"`{table}.csv` or `{table}.parquet`, {required}. Key: "
            + " + ".join(f"`{k}`" for k in spec["key"])
            + f". Staged as `stg_ic__{table}`.",
            "",
            "| # | Column | Required | Type | Staged as | What it means |",
            "|---|---|---|---|---|---|",
        ]
        for i, col in enumerate(spec["columns"], start=1):
            desc = src["columns"].get(col["name"])
            if not desc:
                raise RuntimeError(f"the source column ic.{table}.{col['name']} has no description")
            need = "optional" if col["optional"] else "required"
            lines.append(
                f"| {i} | `{col['name']}` | {need} | `{col['type']}` | `{col['staged_as']}` | {cell(meaning(desc))} |"
            )
    return "\n".join(lines) + "\n"


def render(name: str, manifest: dict, root: Path) -> str:
    contract = load_contract(root)
    if name == TYPES_TABLE:
        return render_types(contract)
    return render_tables(contract, source_descriptions(manifest))
