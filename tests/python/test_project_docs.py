"""Project-wide guarantees.

- The project stands alone: README.md and docs/*.md never point outside the repository or to a machine
  path, and every relative link in them leads to a file of the repository; models, macros, seeds,
  src, scripts and the project's configuration name no `../shared` and no machine path either
  (no dbt run needed).
- Read from dbt's own artefacts (manifest.json, catalog.json of the `dbt docs generate` that scripts/test
  runs): every raw contract table has a source and a staging model with a primary-key test; every model
  and every column it really has is described."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from sis_extracts.docs_contract import load_contract

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
    return sorted(load_contract(ROOT))


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


# --- the project stands alone -------------------------------------------------------------------

# A path outside the repository or on one machine: the sibling folder ../shared, a user's or the build
# machine's folders. (`target/tmp/` or `<db>.tmp` are not: the folder must start the path.)
MACHINE_PATH = re.compile(r"\.\./shared|(?<![\w.~-])/(?:work|tmp|root|home|Users)/|\b[A-Z]:\\[A-Za-z]")
# A Markdown or HTML link to an absolute path or a file URL.
ABSOLUTE_LINK = re.compile(r"\]\((?:/|file:|~)|href=[\"'](?:/|file:)", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")
DOCS = [ROOT / "README.md", ROOT / "BENCHMARKS.md", *sorted((ROOT / "docs").glob("*.md"))]
PROJECT_FILES = [
    p
    for d in ("models", "macros", "seeds", "src", "scripts", "profiles")
    for p in sorted((ROOT / d).rglob("*"))
    # the project's own files: not what pip writes into the tree (src/*.egg-info copies the README
    # of when the package was installed)
    if p.is_file() and "__pycache__" not in p.parts and not any(part.endswith(".egg-info") for part in p.parts)
] + [ROOT / "dbt_project.yml", ROOT / "pyproject.toml"]


def _hits(paths: list[Path], pattern: re.Pattern) -> list[str]:
    hits = []
    for path in paths:
        for n, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), start=1):
            for m in pattern.finditer(line):
                hits.append(f"{path.relative_to(ROOT)}:{n}: {m.group(0)!r} in {line.strip()[:120]}")
    return hits


def test_the_patterns_catch_what_they_should():
    assert MACHINE_PATH.search("see ../shared/spec/x.md") and MACHINE_PATH.search("--out /tmp/me/x")
    assert MACHINE_PATH.search("`/work/main/output`") and MACHINE_PATH.search("cd /home/ann/sis")
    assert MACHINE_PATH.search(r"--raw C:\Users\ann\export")
    assert not MACHINE_PATH.search("target/tmp/x, <db>.tmp, macros/shared_formats/x.sql, /path/to/export")
    assert ABSOLUTE_LINK.search("[a](/work/x.md)") and ABSOLUTE_LINK.search("[a](file:///x)")
    assert not ABSOLUTE_LINK.search("[a](docs/x.md) [b](https://example.org/x)")


def test_readme_and_docs_name_no_machine_path_and_no_absolute_link():
    hits = _hits(DOCS, MACHINE_PATH) + _hits(DOCS, ABSOLUTE_LINK)
    assert not hits, "README/docs point outside the repository:\n" + "\n".join(hits)


def test_readme_and_docs_links_lead_to_files_of_the_repository():
    broken = []
    for path in DOCS:
        for target in MARKDOWN_LINK.findall(path.read_text("utf-8")):
            if re.match(r"^(https?:|mailto:|#)", target):
                continue
            dest = (path.parent / target.split("#", 1)[0]).resolve()
            if not dest.is_relative_to(ROOT.resolve()) or not dest.exists():
                broken.append(f"{path.relative_to(ROOT)}: ({target})")
    assert not broken, "links that leave the repository or lead nowhere:\n" + "\n".join(broken)


def test_models_macros_code_and_config_name_no_machine_path():
    assert len(PROJECT_FILES) > 100
    hits = _hits(PROJECT_FILES, MACHINE_PATH)
    assert not hits, "the project must stand alone:\n" + "\n".join(hits)
