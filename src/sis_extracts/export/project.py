"""Where the dbt project is, and the versions a run records."""

from __future__ import annotations

import os
import platform
import re
from importlib import metadata
from pathlib import Path

import sis_extracts
from sis_extracts.export.errors import InternalError

PROJECT_DIR_ENV = "SIS_EXTRACTS_PROJECT_DIR"


def find_project_dir() -> Path:
    """$SIS_EXTRACTS_PROJECT_DIR, else the repository the package is installed (editable) from."""
    env = os.environ.get(PROJECT_DIR_ENV, "").strip()
    if env:
        p = Path(env).expanduser().resolve()
        if not (p / "dbt_project.yml").is_file():
            raise InternalError(f"{PROJECT_DIR_ENV}={env} holds no dbt_project.yml.")
        return p
    here = Path(sis_extracts.__file__).resolve().parent
    for candidate in (here, *here.parents):
        if (candidate / "dbt_project.yml").is_file() and (candidate / "profiles").is_dir():
            return candidate
    raise InternalError(
        "cannot find the sis-extracts dbt project (dbt_project.yml).",
        hint=f"Install the package editable from the repository (pip install -e <repo>) or set {PROJECT_DIR_ENV}.",
    )


def project_version(project_dir: Path) -> str:
    m = re.search(
        r'^version:\s*"?([^"\n]+)"?', (project_dir / "dbt_project.yml").read_text("utf-8"), re.MULTILINE
    )
    return m.group(1).strip() if m else ""


def _dist_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def versions(project_dir: Path, target: str = "duckdb") -> dict[str, str]:
    """The versions a run's manifest records; off DuckDB also the adapter dbt built with."""
    import duckdb

    out = {
        "sis_extracts": sis_extracts.__version__,
        "dbt_project": project_version(project_dir),
        "dbt_core": _dist_version("dbt-core"),
        "dbt_duckdb": _dist_version("dbt-duckdb"),
        "duckdb": duckdb.__version__,
        "python": platform.python_version(),
    }
    if target != "duckdb":
        out[f"dbt_{target}"] = _dist_version(f"dbt-{target}")
    return out
