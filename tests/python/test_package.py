"""sis-extracts as a dbt package (docs/package.md): a district's own dbt project, the host, depends on
this repository (packages.yml `local:`) and builds the marts from its own raw schema with its own
profile.

The host is made here in a temporary folder: its own dbt_project.yml (the package's vars set under
`sis_extracts:`, the raw schema named `district_raw`, not `raw`), profiles.yml (a DuckDB file of its
own) and packages.yml. Before the run the test loads the raw tables of a small generated district
(conftest `raw_district`) into `district_raw` as text tables named as the raw contract, as a
district's loader would. `dbt deps` links the package (a local package needs no network), then
`dbt build` builds the package's marts, their parents and their data tests. raw_path is not set:
the package's landing hook must do nothing (no `raw` schema appears).

The marts must hold the rows a build of this project itself gives from the same raw files (read by
its landing hook, raw_path set, same options): every mart, row for row, compared in DuckDB."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from sis_extracts.docs_contract import load_contract

ROOT = Path(__file__).resolve().parents[2]
DBT = str(Path(sys.executable).with_name("dbt"))
HOST_RAW_SCHEMA = "district_raw"
# the editor options of both extracts (the same in the host and in the reference build)
OPTIONS = {
    "kecs_end_year": "2025",
    "kecs_as_of": "2025-06-30 17:00",
    "sca_end_year": "2025",
    "sca_start_date": "2024-07-01",
    "sca_end_date": "2025-06-30",
    "sca_as_of": "2025-07-15",
}
# the package's marts and their parents, with the data tests that read only what is built, as the
# CLI selects them: the unit tests and the tests tagged model_invariant check the package's own SQL
# and seeds, not the host (scripts/test runs them)
BUILD_ARGS = [
    "build", "--select", "+sis_extracts.marts", "--indirect-selection", "cautious",
    "--exclude-resource-type", "unit_test", "--exclude", "tag:model_invariant",
]  # fmt: skip


def dbt(*args: str, cwd: Path, env_extra: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SIS_EXTRACTS_DB", "SIS_TEST_"))}
    env.update(DO_NOT_TRACK="1", SIS_EXTRACTS_THREADS="1", **(env_extra or {}))
    proc = subprocess.run(
        [DBT, "--no-use-colors", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert proc.returncode == 0, f"dbt {args[0]} failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-2000:]}"
    return proc


def load_raw_schema(db: Path, schema: str, raw: Path) -> None:
    """The district's loader: every table of the raw contract as a table of text columns named as the
    contract, in `schema` (a column or an optional table the export lacks: NULLs / no rows)."""
    con = duckdb.connect(str(db))
    try:
        con.execute(f'create schema "{schema}"')
        for table, spec in load_contract(ROOT).items():
            path = raw / f"{table}.csv"
            if path.exists():
                source = (
                    f"read_csv('{path}', header = true, all_varchar = true, delim = ',', quote = '\"', "
                    "escape = '\"')"
                )
                present = {r[0].lower(): r[0] for r in con.execute(f"describe select * from {source}").fetchall()}
            else:
                assert spec["optional_table"], f"the generated district has no {table}.csv"
                source, present = "(select 1) as nothing where false", {}
            cols = [
                f'cast("{present[c["name"].lower()]}" as varchar) as "{c["name"]}"'
                if c["name"].lower() in present
                else f'cast(null as varchar) as "{c["name"]}"'
                for c in spec["columns"]
            ]
            con.execute(f'create table "{schema}"."{table}" as select {", ".join(cols)} from {source}')
    finally:
        con.close()


def write_host(host: Path, db: Path) -> None:
    host.mkdir()
    project = {
        "name": "district_host",
        "version": "1.0.0",
        "config-version": 2,
        "profile": "district_host",
        "vars": {"sis_extracts": {"raw_schema": HOST_RAW_SCHEMA, **OPTIONS}},
    }
    profiles = {
        "district_host": {
            "target": "dev",
            "outputs": {"dev": {"type": "duckdb", "path": str(db), "threads": 1}},
        }
    }
    # JSON is YAML: no quoting to get wrong
    (host / "dbt_project.yml").write_text(json.dumps(project, indent=2), "utf-8")
    (host / "profiles.yml").write_text(json.dumps(profiles, indent=2), "utf-8")
    (host / "packages.yml").write_text(json.dumps({"packages": [{"local": str(ROOT)}]}, indent=2), "utf-8")


def mart_relations(target: Path) -> dict[str, str]:
    """model name -> schema.identifier of every model of the package's marts/ folder, from dbt's manifest."""
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    return {
        n["name"]: f'"{n["schema"]}"."{n["alias"]}"'
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["package_name"] == "sis_extracts" and n["fqn"][1] == "marts"
    }


def source_schemas(target: Path) -> set[str]:
    manifest = json.loads((target / "manifest.json").read_text("utf-8"))
    return {s["schema"] for s in manifest["sources"].values() if s["package_name"] == "sis_extracts"}


@pytest.fixture(scope="module")
def builds(raw_district: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("package")
    host, host_db = work / "district_host", work / "district.duckdb"
    write_host(host, host_db)
    load_raw_schema(host_db, HOST_RAW_SCHEMA, raw_district)
    dbt("deps", "--project-dir", str(host), "--profiles-dir", str(host), cwd=host)
    dbt(*BUILD_ARGS, "--project-dir", str(host), "--profiles-dir", str(host), cwd=host)

    # the reference: this project on the same raw files, through its own landing hook
    ref, ref_db = work / "reference", work / "reference.duckdb"
    dbt(
        "build", "--select", "+path:models/marts", "--exclude-resource-type", "test",
        "--exclude-resource-type", "unit_test",
        "--project-dir", str(ROOT), "--profiles-dir", str(ROOT / "profiles"),
        "--target-path", str(ref / "target"), "--log-path", str(ref / "logs"),
        "--vars", json.dumps({"raw_path": str(raw_district), **OPTIONS}),
        cwd=ROOT, env_extra={"SIS_EXTRACTS_DB": str(ref_db)},
    )  # fmt: skip
    return {"host": host, "host_db": host_db, "ref_target": ref / "target", "ref_db": ref_db}


def test_host_builds_from_its_own_raw_schema_without_the_landing(builds):
    host = builds["host"]
    assert (host / "dbt_packages" / "sis_extracts" / "dbt_project.yml").exists(), "dbt deps did not link the package"
    assert source_schemas(host / "target") == {HOST_RAW_SCHEMA}
    results = json.loads((host / "target" / "run_results.json").read_text("utf-8"))["results"]
    by_kind: dict[str, list[str]] = {}
    for r in results:
        by_kind.setdefault(r["unique_id"].split(".")[0], []).append(r["status"])
    assert set(by_kind.get("model", [])) == {"success"}, by_kind
    assert set(by_kind.get("seed", [])) == {"success"}, by_kind
    # the marts' and staging's data tests ran in the host (warn-level tests may warn)
    assert len(by_kind.get("test", [])) > 50 and set(by_kind["test"]) <= {"pass", "warn"}, by_kind.get("test")
    con = duckdb.connect(str(builds["host_db"]), read_only=True)
    try:
        schemas = {r[0] for r in con.execute("select schema_name from information_schema.schemata").fetchall()}
    finally:
        con.close()
    assert "raw" not in schemas, "the package's landing hook ran in the host without raw_path"


def test_host_marts_hold_the_rows_this_project_builds(builds):
    host_marts = mart_relations(builds["host"] / "target")
    ref_marts = mart_relations(builds["ref_target"])
    files = {p.stem for p in (ROOT / "models" / "marts").rglob("*.sql")}
    assert set(host_marts) == set(ref_marts) == files and files
    con = duckdb.connect()
    con.execute(f"attach '{builds['host_db']}' as host (read_only)")
    con.execute(f"attach '{builds['ref_db']}' as ref (read_only)")
    counts, differ = {}, []

    def count(sql: str) -> int:
        return con.execute(f"select count(*) from ({sql})").fetchone()[0]

    for name in sorted(files):
        h, r = f"select * from host.{host_marts[name]}", f"select * from ref.{ref_marts[name]}"
        n_host, n_ref = count(h), count(r)
        only_host, only_ref = count(f"{h} except all {r}"), count(f"{r} except all {h}")
        counts[name] = n_ref
        if (n_host, only_host, only_ref) != (n_ref, 0, 0):
            differ.append(f"{name}: {n_host} rows in the host, {n_ref} here; {only_host} / {only_ref} differ")
    con.close()
    assert not differ, "\n".join(differ)
    # not an empty comparison: both extracts' state files have records
    assert counts["kecs_lead__detail"] > 0 and counts["il_sca__student_course_assignment"] > 0, counts
