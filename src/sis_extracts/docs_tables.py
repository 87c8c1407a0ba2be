"""The column tables of docs/kecs_lead.md and docs/il_sca.md, generated from dbt's manifest.

Each table sits between two markers in the Markdown file::

    <!-- docs_tables: kecs_lead__detail -->
    ...generated...
    <!-- /docs_tables -->

``kecs_lead__<report>`` / ``il_sca__<file>``: the mart's file columns in order (#, Header = meta.header,
Column, Type = data_type, Meaning = the rendered description, doc blocks resolved), then the columns not
written to the file (meta export: false) and the sort (meta export_order_by). The KECS student count
columns (doc blocks ``kecs_count_<column>``) are listed once, under ``kecs_count_columns``, and the
aggregate marts point to that table. The same markers hold the tables of docs/raw_contract.md
(``raw_contract_types``, ``raw_contract``: module docs_contract) and of docs/rules.md (``rule_catalog``:
module docs_rules). Run ``scripts/docs_tables`` after changing a mart's YAML, the raw contract, the source
descriptions or the rule and reason seeds; ``--check`` fails when a table is out of date
(tests/python/test_docs_columns.py, test_docs_contract.py and test_rule_catalog.py do the same).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from sis_extracts import docs_contract, docs_rules

ROOT = Path(os.environ.get("SIS_EXTRACTS_PROJECT_DIR") or Path(__file__).resolve().parents[2])
DOC_FILES = ("docs/kecs_lead.md", "docs/il_sca.md", "docs/raw_contract.md", "docs/rules.md")
COUNT_TABLE = "kecs_count_columns"
COUNT_DOC_PREFIX = "kecs_count_"
MARKER = re.compile(r"<!-- docs_tables: (\w+) -->\n(.*?)<!-- /docs_tables -->", re.DOTALL)


def parse_manifest(project_dir: Path = ROOT) -> dict:
    """`dbt parse` of the project into a temporary target; returns the manifest."""
    with tempfile.TemporaryDirectory(prefix="docs_tables_") as tmp:
        env = dict(os.environ, DO_NOT_TRACK="1", SIS_EXTRACTS_DB=str(Path(tmp) / "parse.duckdb"))
        dbt = Path(sys.executable).parent / "dbt"
        cmd = [str(dbt) if dbt.exists() else "dbt", "--no-use-colors", "parse", "--profiles-dir", "profiles"]
        cmd += ["--target-path", str(Path(tmp) / "target"), "--log-path", str(Path(tmp) / "logs")]
        res = subprocess.run(cmd, cwd=project_dir, env=env, capture_output=True, text=True, check=False)
        if res.returncode != 0:
            raise RuntimeError(f"dbt parse failed:\n{res.stdout[-3000:]}{res.stderr[-3000:]}")
        return json.loads((Path(tmp) / "target" / "manifest.json").read_text("utf-8"))


def load_manifest(target: str | None = None) -> dict:
    """$SIS_TEST_DBT_TARGET/manifest.json (or the given target folder) when it exists, else a fresh parse."""
    target = target or os.environ.get("SIS_TEST_DBT_TARGET")
    if target and (Path(target) / "manifest.json").exists():
        return json.loads((Path(target) / "manifest.json").read_text("utf-8"))
    return parse_manifest()


def meta(col: dict) -> dict:
    out = dict(col.get("meta") or {})
    out.update((col.get("config") or {}).get("meta") or {})
    return out


def model(manifest: dict, name: str) -> dict:
    return manifest["nodes"][f"model.sis_extracts.{name}"]


def cell(text: str) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def count_columns(manifest: dict) -> list[str]:
    """Column names that have a shared count doc block, in the order of kecs_lead__classes."""
    names = {
        d["name"][len(COUNT_DOC_PREFIX) :]
        for d in manifest["docs"].values()
        if d["name"].startswith(COUNT_DOC_PREFIX)
    }
    return [c for c in model(manifest, "kecs_lead__classes")["columns"] if c in names]


def exported(node: dict) -> list[tuple[str, dict]]:
    return [(n, c) for n, c in node["columns"].items() if meta(c).get("export", True) is not False]


def count_tail(manifest: dict, cols: list[tuple[str, dict]]) -> int:
    """How many trailing columns are the shared student count columns (0 when the mart has none)."""
    counts = count_columns(manifest)
    names = [n for n, _ in cols]
    return len(counts) if counts and names[-len(counts) :] == counts else 0


def render_mart(manifest: dict, name: str) -> str:
    node = model(manifest, name)
    cols = exported(node)
    tail = count_tail(manifest, cols)
    lines = ["| # | Header | Column | Type | Meaning |", "|---|---|---|---|---|"]
    for i, (n, c) in enumerate(cols[: len(cols) - tail], start=1):
        lines.append(
            f"| {i} | {cell(meta(c).get('header', ''))} | `{n}` | {c.get('data_type')} | {cell(c.get('description', ''))} |"
        )
    if tail:
        lines.append(
            f"| {len(cols) - tail + 1}.. | *the {tail} student count columns* | | integer | "
            "See [Student count columns](#student-count-columns). |"
        )
    hidden = [(n, c) for n, c in node["columns"].items() if meta(c).get("export", True) is False]
    if hidden:
        lines += [
            "",
            "Not written to the file (meta export: false):",
            "",
            "| Column | Type | Meaning |",
            "|---|---|---|",
        ]
        lines += [f"| `{n}` | {c.get('data_type')} | {cell(c.get('description', ''))} |" for n, c in hidden]
    order = meta(node).get("export_order_by") or []
    if order:
        lines += ["", "Sort (meta export_order_by): " + ", ".join(f"`{c}`" for c in order) + "."]
    return "\n".join(lines) + "\n"


def render_counts(manifest: dict) -> str:
    cols = model(manifest, "kecs_lead__classes")["columns"]
    lines = ["| Header | Column | Type | Counts the students ... |", "|---|---|---|---|"]
    for n in count_columns(manifest):
        c = cols[n]
        lines.append(
            f"| {cell(meta(c).get('header', ''))} | `{n}` | {c.get('data_type')} | {cell(c.get('description', ''))} |"
        )
    return "\n".join(lines) + "\n"


def render(manifest: dict, table: str) -> str:
    if table == COUNT_TABLE:
        return render_counts(manifest)
    if table in (docs_contract.TYPES_TABLE, docs_contract.TABLES_TABLE):
        return docs_contract.render(table, manifest, ROOT)
    if table == docs_rules.TABLE:
        return docs_rules.render(ROOT)
    return render_mart(manifest, table)


def regenerate(text: str, manifest: dict) -> str:
    return MARKER.sub(
        lambda m: f"<!-- docs_tables: {m.group(1)} -->\n{render(manifest, m.group(1))}<!-- /docs_tables -->",
        text,
    )


def tables(text: str) -> dict[str, str]:
    """{table name: generated text} of one Markdown file."""
    return {m.group(1): m.group(2) for m in MARKER.finditer(text)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="scripts/docs_tables", description=__doc__.split("\n\n")[0])
    ap.add_argument("--target", help="a dbt target folder holding manifest.json (default: run dbt parse)")
    ap.add_argument("--check", action="store_true", help="write nothing; exit 1 when a table is out of date")
    args = ap.parse_args(argv)
    manifest = load_manifest(args.target) if args.target else parse_manifest()
    stale = []
    for rel in DOC_FILES:
        path = ROOT / rel
        old = path.read_text("utf-8")
        new = regenerate(old, manifest)
        if new != old:
            stale.append(rel)
            if not args.check:
                path.write_text(new, "utf-8")
    verb = "out of date" if args.check else "regenerated"
    print(f"{verb}: {', '.join(stale)}" if stale else "docs tables are current")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
