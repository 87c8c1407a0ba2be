"""Project-wide guarantees read from dbt's own artefacts (manifest.json, catalog.json of the
`dbt docs generate` that scripts/test runs): every raw contract table has a source and a staging
model with a primary-key test; every model and every column it really has is described."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def artefacts() -> tuple[dict, dict]:
    target = os.environ.get("SIS_TEST_DBT_TARGET")
    if not target or not (Path(target) / "catalog.json").exists():
        pytest.skip("run through scripts/test (needs the dbt docs generate artefacts)")
    manifest = json.loads((Path(target) / "manifest.json").read_text())
    catalog = json.loads((Path(target) / "catalog.json").read_text())
    return manifest, catalog


def contract_tables() -> list[str]:
    text = (ROOT.parent / "shared" / "spec" / "raw_contract.md").read_text()
    return sorted(set(re.findall(r"^\| ([a-z]+) \| ", text, flags=re.MULTILINE)) - {"table"})


def test_every_contract_table_has_source_staging_model_and_pk_test(artefacts):
    manifest, _ = artefacts
    sources = {n["name"] for n in manifest["sources"].values() if n["source_name"] == "ic"}
    models = {n["name"]: uid for uid, n in manifest["nodes"].items() if n["resource_type"] == "model"}
    tests = [n for n in manifest["nodes"].values() if n["resource_type"] == "test"]
    tables = contract_tables()
    assert len(tables) >= 25
    for t in tables:
        assert t in sources, f"no source for raw table {t}"
        uid = models.get(f"stg_ic__{t}")
        assert uid, f"no staging model for raw table {t}"
        kinds = {
            n["test_metadata"]["name"]
            for n in tests
            if n.get("test_metadata") and uid in n["depends_on"]["nodes"] and len(n["depends_on"]["nodes"]) == 1
        }
        assert {"unique", "not_null"} <= kinds, f"stg_ic__{t} lacks a primary-key test: {kinds}"


def test_every_model_and_column_is_described(artefacts):
    manifest, catalog = artefacts
    missing: list[str] = []
    for uid, node in manifest["nodes"].items():
        if node["resource_type"] not in ("model", "seed") or node["package_name"] != "sis_extracts":
            continue
        if not node.get("description", "").strip():
            missing.append(f"{node['name']}: no description")
        documented = {c.lower(): v for c, v in node["columns"].items()}
        for col in catalog["nodes"].get(uid, {}).get("columns", {}):
            entry = documented.get(col.lower())
            if not entry or not entry.get("description", "").strip():
                missing.append(f"{node['name']}.{col}: no description")
    assert not missing, "\n".join(missing)
