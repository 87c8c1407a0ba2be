"""Engines other than the embedded DuckDB: PostgreSQL (dbt-postgres) and Apache Spark (dbt-spark's
`session` method). The models are the same; what differs is where dbt builds them and how rows
come back:

- the connection settings are the profile's output for the target (profiles/profiles.yml), rendered
  by dbt, so the loader and the exporter connect where dbt builds (`target_settings`);
- `sis-extracts load` lands a raw folder with the DuckDB landing (same checks, same messages) and
  copies its tables into the engine's raw schema (`engines.load`);
- after a build on an engine, the relations the export reads are streamed batch by batch through
  the engine's own client (a server-side cursor on PostgreSQL, `toLocalIterator` on Spark) into the
  run's local DuckDB file (`engines.mirror`), so the same writer writes the same bytes and
  `explain`/`diff` read the run as they do a DuckDB run. No relation is held whole in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from sis_extracts.export.errors import UsageError

ENGINES = ("duckdb", "postgres", "spark")
WAREHOUSE_ENGINES = ENGINES[1:]
PROFILE_NAME = "sis_extracts"
BATCH_ROWS = 50_000


class Engine(Protocol):
    """What the loader and the mirror need of an engine's client."""

    def columns(self, schema: str, table: str) -> list[tuple[str, str]]:
        """(column name, DuckDB type) of a relation, in order."""

    def batches(self, schema: str, table: str, columns: list[str]) -> Iterator[list[tuple]]:
        """The relation's rows, BATCH_ROWS at a time, streamed from the engine."""

    def load(self, schema: str, table: str, columns: list[str], batches: Iterator) -> int:
        """Create or replace `schema.table` with text columns from pyarrow record batches."""

    def close(self) -> None: ...


def target_settings(project_dir: Path, target: str) -> dict:
    """The profile's output `target` as dbt renders it (environment variables resolved)."""
    from dbt.config.profile import Profile, read_profile
    from dbt.config.renderer import ProfileRenderer
    from dbt_common.context import set_invocation_context

    set_invocation_context(dict(os.environ))
    raw = read_profile(str(project_dir / "profiles"))
    if PROFILE_NAME not in raw or target not in (raw[PROFILE_NAME].get("outputs") or {}):
        raise UsageError(
            f"profiles/profiles.yml has no output '{target}' in profile {PROFILE_NAME}.",
            hint=f"Use --target {' or '.join(ENGINES)}.",
        )
    _, settings = Profile.render_profile(raw[PROFILE_NAME], PROFILE_NAME, target, ProfileRenderer({}))
    return settings


def connect(project_dir: Path, target: str) -> Engine:
    """A client of the engine that `target` names (its adapter must be installed)."""
    settings = target_settings(project_dir, target)
    kind = settings.get("type")
    if kind == "postgres":
        from sis_extracts.engines.postgres import PostgresEngine

        return PostgresEngine(settings)
    if kind == "spark":
        from sis_extracts.engines.spark_engine import SparkEngine

        return SparkEngine(settings)
    raise UsageError(f"target {target} is a {kind} target: load and mirror are for PostgreSQL and Spark.")
