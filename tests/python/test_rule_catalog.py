"""Every rule ID the project uses is listed, in its own words, in the seed rule_catalog and docs/rules.md.

Rule IDs are gathered where they are used: the KECS rule numbers (R5, R5.BR1, ...) anywhere in the
models, macros, seeds, SQL tests, Python sources, README and docs; the Illinois rule IDs ('SCA Enrollment',
...) as SQL string literals (what the accounting writes in `rule_id`) and as `code` in the docs; and the
`rule_id` of every set-aside reason (seed reason_catalog) and Issues row (seed kecs_issue_catalog).
No dbt run needed.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from sis_extracts import docs_rules
from sis_extracts import docs_tables as dt

ROOT = Path(__file__).resolve().parents[2]
KECS_RULE = re.compile(r"\bR\d+(?:\.BR\d+)?\b")
# An Illinois rule ID written as a value: quoted ('...' in SQL, `...` in Markdown), every word capitalised
# ('SCA Dual Credit'; the reason 'SCA dual credit course' is not a rule ID).
SCA_RULE = re.compile(r"['`](SCA(?: [A-Z0-9][\w-]*)+)['`]")
RULES_DOC = ROOT / "docs" / "rules.md"


def seed(name: str) -> list[dict[str, str]]:
    with (ROOT / "seeds" / "reference" / f"{name}.csv").open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def scanned_files() -> list[Path]:
    files = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    for folder, patterns in {
        "models": ("*.sql", "*.yml", "*.md"),
        "macros": ("*.sql",),
        "seeds": ("*.csv", "*.yml"),
        "tests": ("*.sql",),
        "src": ("*.py",),
    }.items():
        for pattern in patterns:
            files += (ROOT / folder).rglob(pattern)
    return sorted(files)


def rule_ids_in(text: str) -> set[str]:
    return set(KECS_RULE.findall(text)) | set(SCA_RULE.findall(text))


def used_rule_ids() -> dict[str, str]:
    """{rule ID: the first file that uses it}."""
    used: dict[str, str] = {}
    for path in scanned_files():
        for rule in rule_ids_in(path.read_text("utf-8")):
            used.setdefault(rule, str(path.relative_to(ROOT)))
    for r in seed("reason_catalog"):
        used.setdefault(r["rule_id"], "seeds/reference/reason_catalog.csv")
    for r in seed("kecs_issue_catalog"):
        for rule in r["rule_ids"].split(","):
            used.setdefault(rule.strip(), "seeds/reference/kecs_issue_catalog.csv")
    return used


def test_the_scan_finds_rule_ids_and_nothing_else():
    """The two patterns catch the IDs as the SQL and docs write them, not look-alikes."""
    text = "-- R5.BR1, R10 and R5: x\n'SCA Dual Credit' as rule_id, 'SCA dual credit course', R50x, `SCA No Score`"
    assert rule_ids_in(text) == {"R5.BR1", "R10", "R5", "SCA Dual Credit", "SCA No Score"}


def test_every_rule_id_used_is_in_the_catalog():
    catalog = {r["rule_id"] for r in seed("rule_catalog")}
    used = used_rule_ids()
    assert len(used) > 40, "the scan found too few rule IDs"
    missing = {rule: where for rule, where in used.items() if rule not in catalog}
    assert not missing, (
        f"rule IDs not in seeds/reference/rule_catalog.csv (add them, in plain words): {missing}"
    )


def test_catalog_rows_are_complete_and_unique():
    rows = seed("rule_catalog")
    assert [r["rule_id"] for r in rows] == list(dict.fromkeys(r["rule_id"] for r in rows)), (
        "duplicate rule ID"
    )
    for r in rows:
        assert r["extract"] in docs_rules.EXTRACT_TITLES, r
        for col in ("title", "plain_words", "document_part"):
            assert r[col].strip(), f"{r['rule_id']}: empty {col}"


def test_kecs_rules_have_their_doc_block():
    """The KECS rules' readings (where the document is silent) are the doc blocks kecs_<rule>."""
    blocks = set(
        re.findall(r"\{% docs (kecs_r[\w]+) %\}", (ROOT / "models/docs/kecs_lead__rules.md").read_text())
    )
    rules = [r["rule_id"] for r in seed("rule_catalog") if KECS_RULE.fullmatch(r["rule_id"])]
    missing = [r for r in rules if "kecs_" + r.lower().replace(".", "_") not in blocks]
    assert not missing, f"KECS rules without a doc block in models/docs/kecs_lead__rules.md: {missing}"


def doc_rule_rows() -> dict[str, list[str]]:
    rows = {}
    for line in RULES_DOC.read_text("utf-8").splitlines():
        m = re.match(r"^\| `([^`]+)` \|", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in line.strip().split(" | ")]
    return rows


def test_rules_page_lists_every_rule_with_its_reasons():
    rows = doc_rule_rows()
    catalog = seed("rule_catalog")
    assert list(rows) == [
        r["rule_id"]
        for r in sorted(catalog, key=lambda r: list(docs_rules.EXTRACT_TITLES).index(r["extract"]))
    ]
    for reason in seed("reason_catalog"):
        assert f"`{reason['reason']}`" in rows[reason["rule_id"]][-1], (
            f"{reason['reason_code']} not under its rule"
        )


def test_rules_page_is_current():
    text = RULES_DOC.read_text("utf-8")
    assert list(dt.tables(text)) == [docs_rules.TABLE]
    assert dt.regenerate(text, {}) == text, "docs/rules.md is out of date: run scripts/docs_tables"


@pytest.mark.parametrize("rel", ["README.md", "docs/trust.md", "docs/kecs_lead.md", "docs/il_sca.md"])
def test_rule_docs_point_to_the_list(rel):
    assert "rules.md" in (ROOT / rel).read_text("utf-8"), f"{rel} does not link docs/rules.md"
