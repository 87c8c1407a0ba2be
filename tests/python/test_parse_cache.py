"""The parse cache (src/sis_extracts/export/parse_cache.py): a run starts from the manifest an
earlier run parsed only when nothing the parse depends on has changed, and writes the same files as
a run that parses."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sis_extracts.export import parse_cache


def _project(tmp_path: Path) -> Path:
    p = tmp_path / "proj"
    (p / "models").mkdir(parents=True)
    (p / "macros").mkdir()
    (p / "dbt_project.yml").write_text("name: x\n", encoding="utf-8")
    (p / "models" / "a.sql").write_text("select 1 as a\n", encoding="utf-8")
    (p / "macros" / "m.sql").write_text("{% macro m() %}1{% endmacro %}\n", encoding="utf-8")
    return p


def test_key_changes_with_the_parsed_files_and_parse_time_vars_only(tmp_path):
    p = _project(tmp_path)
    base = parse_cache.cache_key(p, {"raw_schema": "raw", "kecs_end_year": "2025"}, "sis_extracts.duckdb")
    # an editor option is read at run time: same key
    assert parse_cache.cache_key(p, {"raw_schema": "raw", "kecs_end_year": "2024"}, "sis_extracts.duckdb") == base
    # a parse-time var, the database file name, a model, a macro, a new file: another key
    assert parse_cache.cache_key(p, {"raw_schema": "other"}, "sis_extracts.duckdb") != base
    assert parse_cache.cache_key(p, {"raw_schema": "raw"}, "other.duckdb") != base
    (p / "models" / "a.sql").write_text("select 2 as a\n", encoding="utf-8")
    changed = parse_cache.cache_key(p, {"raw_schema": "raw"}, "sis_extracts.duckdb")
    assert changed != base
    (p / "macros" / "m.sql").write_text("{% macro m() %}2{% endmacro %}\n", encoding="utf-8")
    assert parse_cache.cache_key(p, {"raw_schema": "raw"}, "sis_extracts.duckdb") != changed
    (p / "models" / "b.sql").write_text("select 1 as b\n", encoding="utf-8")
    assert parse_cache.cache_key(p, {"raw_schema": "raw"}, "sis_extracts.duckdb") not in (base, changed)


def test_unreadable_entry_is_ignored_and_removed(tmp_path, monkeypatch):
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    bad = tmp_path / "cache" / "manifest-abc.msgpack"
    bad.write_bytes(b"not a manifest")
    assert parse_cache.load("abc") is None
    assert not bad.exists()


def test_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(parse_cache.CACHE_ENV, "off")
    assert parse_cache.cache_dir() is None
    assert parse_cache.load("anything") is None


def _files(out: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("KECS_LEAD_*.csv"))}


def test_a_run_from_the_cached_manifest_writes_the_same_files(cli_run, raw_district, tmp_path, monkeypatch):
    """Run 1 parses and fills an empty cache; run 2 (another End Year, so dbt itself would parse
    again) starts from the cached manifest; run 3 parses with the cache off. Runs 2 and 3 write the
    same bytes, and run 2's log shows it did not parse (--debug: the file log at debug level)."""
    cache = tmp_path / "cache"
    args = ["kecs-lead", "--raw", raw_district, "--report", "classes", "--as-of", "2025-06-30 17:00", "--quiet"]
    monkeypatch.setenv(parse_cache.CACHE_ENV, str(cache))
    r1 = cli_run([*args, "--out", tmp_path / "one", "--end-year", "2025"])
    assert r1.code == 0, r1.stderr[-2000:]
    assert len(list(cache.glob("manifest-*.msgpack"))) == 1
    r2 = cli_run([*args, "--out", tmp_path / "two", "--end-year", "2024", "--debug"])
    assert r2.code == 0, r2.stderr[-2000:]
    log2 = (tmp_path / "two" / ".sis-extracts" / "kecs_lead" / "logs" / "dbt.log").read_text("utf-8")
    assert "full parse" not in log2.lower() and "partial parsing" not in log2.lower()
    monkeypatch.setenv(parse_cache.CACHE_ENV, "off")
    r3 = cli_run([*args, "--out", tmp_path / "three", "--end-year", "2024", "--debug"])
    assert r3.code == 0, r3.stderr[-2000:]
    log3 = (tmp_path / "three" / ".sis-extracts" / "kecs_lead" / "logs" / "dbt.log").read_text("utf-8")
    assert "full parse" in log3.lower()
    assert _files(tmp_path / "two") == _files(tmp_path / "three") != {}
    m2 = json.loads((tmp_path / "two" / "manifest.json").read_text("utf-8"))
    assert m2["files"], "the cached run wrote its manifest.json"
