"""The shape docs/CONVENTIONS.md promises, checked on the files (no dbt run): small models, YAML you
can find, no decoding of reason text, folder config, and a primary-key test on every model.
scripts/structure-check runs dbt Labs' dbt-project-evaluator for the rest of its rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "models").rglob("*.sql"))
MAX_MODEL_LINES = 250
MAX_YAML_LINES = 600
MAX_JOINS = 7


def _sql_without_comments(path: Path) -> str:
    text = re.sub(r"\{#.*?#\}", "", path.read_text(), flags=re.DOTALL)
    return "\n".join(line.split("--", 1)[0] for line in text.splitlines())


def test_models_found() -> None:
    assert len(MODELS) > 50


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_model_is_small(path: Path) -> None:
    n = len(path.read_text().splitlines())
    assert n <= MAX_MODEL_LINES, f"{path.relative_to(ROOT)}: {n} lines (at most {MAX_MODEL_LINES})"


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_model_joins_at_most_seven(path: Path) -> None:
    joins = len(re.findall(r"\bjoin\b", _sql_without_comments(path), flags=re.IGNORECASE))
    assert joins <= MAX_JOINS, f"{path.relative_to(ROOT)}: {joins} joins (at most {MAX_JOINS})"


def test_no_config_block_and_no_reason_text_decoding() -> None:
    bad = []
    for path in MODELS:
        sql = _sql_without_comments(path)
        if "config(" in sql:
            bad.append(f"{path.relative_to(ROOT)}: config() block (folder config goes in dbt_project.yml)")
        if re.search(r"\blike\s+'%", sql, flags=re.IGNORECASE):
            bad.append(f"{path.relative_to(ROOT)}: LIKE '%...' (read a reason_code, never decode text)")
    assert not bad, "\n".join(bad)


def test_yaml_files_are_small() -> None:
    paths = [
        p for d in ("models", "seeds", "tests") for p in (ROOT / d).rglob("*.yml") if "blind" not in p.parts
    ]
    big = [
        f"{p.relative_to(ROOT)}: {n}"
        for p in paths
        if (n := len(p.read_text().splitlines())) > MAX_YAML_LINES
    ]
    assert not big, big


def _model_properties() -> dict[str, dict]:
    props: dict[str, dict] = {}
    for path in (ROOT / "models").rglob("*.yml"):
        for model in (yaml.safe_load(path.read_text()) or {}).get("models", []) or []:
            props[model["name"]] = model
    return props


def _test_names(tests: list | None) -> set[str]:
    names = set()
    for t in tests or []:
        names.add(t if isinstance(t, str) else next(iter(t)))
    return names


def test_every_model_has_its_properties_beside_it_and_a_primary_key_test() -> None:
    props = _model_properties()
    problems = []
    for path in MODELS:
        model = props.get(path.stem)
        if model is None:
            problems.append(f"{path.stem}: no properties")
            continue
        if not (path.parent / f"{path.stem}.yml").exists():
            problems.append(f"{path.stem}: properties not in {path.stem}.yml beside the SQL")
        model_level = _test_names(model.get("data_tests") or model.get("tests"))
        column_level = [
            _test_names(c.get("data_tests") or c.get("tests")) for c in model.get("columns", []) or []
        ]
        has_key = "sis_unique_combination" in model_level or any(
            {"unique", "not_null"} <= t for t in column_level
        )
        if not has_key:
            problems.append(
                f"{path.stem}: no primary-key test (unique + not_null, or sis_unique_combination)"
            )
    assert not problems, "\n".join(problems)


# One naming scheme for singular tests: the folder's prefix, then the rule ID or subject, then what
# holds (kecs_r8_br1_schoolwide_counts_match_detail, sca_no_future_course_end_date,
# audit_accounting_no_raw_row_lost).
SINGULAR_TEST_PREFIXES = {"audit": "audit_accounting_", "kecs_lead": "kecs_", "il_sca": "sca_"}


def test_singular_tests_share_one_naming_scheme() -> None:
    found = sorted((ROOT / "tests").glob("*/*.sql"))
    assert found, "no singular tests found"
    wrong = [
        f"{p.parent.name}/{p.name}"
        for p in found
        if not p.stem.startswith(SINGULAR_TEST_PREFIXES.get(p.parent.name, "\0"))
    ]
    assert not wrong, f"singular tests outside the naming scheme: {wrong}"


# dbt names a relation after each unit test, and PostgreSQL cuts identifiers at 63 characters (a
# longer name fails there with "Relation name ... is longer than 63 characters")
MAX_UNIT_TEST_NAME = 63


def test_unit_test_names_fit_a_postgresql_identifier() -> None:
    names = [
        t["name"]
        for path in sorted((ROOT / "models").rglob("*.yml"))
        for t in (yaml.safe_load(path.read_text()) or {}).get("unit_tests") or []
    ]
    assert len(names) > 100
    too_long = [f"{len(n)} {n}" for n in names if len(n) > MAX_UNIT_TEST_NAME]
    assert not too_long, "\n".join(too_long)


# DuckDB-only (or PostgreSQL-only) syntax: none of it in a model. The models run unchanged on
# DuckDB, PostgreSQL and Spark (scripts/engines); such a difference belongs in a dispatched macro.
ENGINE_SYNTAX = re.compile(
    r"\b(try_cast|try_strptime|strptime|strftime|regexp_full_match|regexp_matches|qualify|ilike|"
    r"string_agg|list_agg|list_[a-z_]+|array_agg|struct_pack|date_diff|datediff|epoch|"
    r"to_char|to_date|date_format|rlike|nvl)\s*\(|::\s*[a-z]|\bqualify\b|\bilike\b",
    re.IGNORECASE,
)


def _without_comments(sql: str) -> str:
    sql = re.sub(r"\{#.*?#\}", "", sql, flags=re.DOTALL)
    sql = re.sub(r"/\*.*?\*/", "", sql, flags=re.DOTALL)
    return re.sub(r"--[^\n]*", "", sql)


def test_no_model_holds_engine_specific_syntax() -> None:
    found = {
        p.relative_to(ROOT).as_posix(): sorted(
            {m.group(0).strip() for m in ENGINE_SYNTAX.finditer(_without_comments(p.read_text()))}
        )
        for p in MODELS
    }
    assert {k: v for k, v in found.items() if v} == {}
    # the check sees what it looks for
    assert ENGINE_SYNTAX.search("select try_cast(x as int), y::int from t qualify row_number() over () = 1")
