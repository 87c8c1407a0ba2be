"""The rule list of docs/rules.md, generated from two seeds.

- ``seeds/reference/rule_catalog.csv``: every rule ID (R5.BR1, 'SCA Enrollment', RAW, ...) with a title,
  what it says in this project's words and where it comes from;
- ``seeds/reference/reason_catalog.csv``: the set-aside reasons, each citing one rule ID.

One table per extract (KECS LEAD, Illinois, both): rule ID, title, plain words, source, and the reasons
the accounting and ``sis-extracts explain`` show for it. ``scripts/docs_tables`` writes it between the
``<!-- docs_tables: rule_catalog -->`` markers of docs/rules.md.
"""

from __future__ import annotations

import csv
from pathlib import Path

RULES_SEED = Path("seeds") / "reference" / "rule_catalog.csv"
REASONS_SEED = Path("seeds") / "reference" / "reason_catalog.csv"
TABLE = "rule_catalog"
EXTRACT_TITLES = {
    "kecs_lead": "KECS LEAD Extract (Kentucky)",
    "il_sca": "K-12 Student Course Assignment V2 (Illinois)",
    "both": "Both extracts (this project's own)",
}


def read_seed(root: Path, rel: Path) -> list[dict[str, str]]:
    with (root / rel).open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def render(root: Path) -> str:
    rules = read_seed(root, RULES_SEED)
    reasons = read_seed(root, REASONS_SEED)
    known = {r["rule_id"] for r in rules}
    unknown = sorted({r["rule_id"] for r in reasons} - known)
    if unknown:
        raise RuntimeError(f"{REASONS_SEED} cites rule IDs that {RULES_SEED} does not list: {unknown}")
    cited: dict[str, list[str]] = {}
    for r in reasons:
        cited.setdefault(r["rule_id"], []).append(r["reason"])
    lines: list[str] = []
    for extract, title in EXTRACT_TITLES.items():
        mine = [r for r in rules if r["extract"] == extract]
        if not mine:
            continue
        if lines:
            lines.append("")
        lines += [
            f"### {title}",
            "",
            "| Rule ID | Title | In plain words | From | Set-aside reasons citing it |",
            "|---|---|---|---|---|",
        ]
        for r in mine:
            why = "<br>".join(f"`{cell(x)}`" for x in cited.get(r["rule_id"], [])) or "-"
            lines.append(
                f"| `{r['rule_id']}` | {cell(r['title'])} | {cell(r['plain_words'])} | "
                f"{cell(r['document_part'])} | {why} |"
            )
    return "\n".join(lines) + "\n"
