"""Parse the dbt project once, not once per run.

dbt parses the whole project (models, tests, macros: 8-10 s here) before every run whose vars
differ from the last run in the same target folder, and every `sis-extracts` run with other editor
options or another output folder is such a run. Nothing the project parses depends on the editor
options: they are read when the SQL is compiled, at run time. So a run can start from the manifest
another run parsed, as long as the project's files, the dbt versions, the adapter and the few vars
read at parse time are the same.

The manifest (dbt's own `partial_parse.msgpack`, project code only, no district data) is kept in
`$SIS_EXTRACTS_CACHE_DIR`, else `$XDG_CACHE_HOME/sis-extracts`, else `~/.cache/sis-extracts`, under a
key that hashes all of that. `SIS_EXTRACTS_CACHE_DIR=off` turns the cache off. A manifest that
cannot be read is ignored (dbt then parses as usual).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_ENV = "SIS_EXTRACTS_CACHE_DIR"
# folders of the dbt project whose files dbt parses (dbt_project.yml: model-, seed-, macro-,
# test- and analysis-paths), and the files beside them that shape a parse
PARSED_DIRS = ("models", "macros", "seeds", "tests", "analyses", "snapshots")
PARSED_FILES = ("dbt_project.yml", "profiles/profiles.yml", "packages.yml", "selectors.yml")
# vars read while parsing (the sources' schema); every other var is read at run time
PARSE_TIME_VARS = ("raw_schema",)
PARTIAL_PARSE_FILE = "partial_parse.msgpack"
KEEP = 5


def cache_dir() -> Path | None:
    env = os.environ.get(CACHE_ENV, "").strip()
    if env.lower() in ("off", "0", "none", "false"):
        return None
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sis-extracts"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def cache_key(project_dir: Path, dbt_vars: dict[str, Any], database_file: str) -> str:
    """A hash of everything a parse depends on: the parsed files (path and bytes), dbt's and the
    adapter's versions, Python's, the database file name (it names the database in every relation)
    and the parse-time vars."""
    h = hashlib.sha256()
    for part in (
        _version("dbt-core"),
        _version("dbt-duckdb"),
        platform.python_version(),
        database_file,
        repr(sorted((k, str(dbt_vars.get(k, ""))) for k in PARSE_TIME_VARS)),
    ):
        h.update(part.encode() + b"\0")
    files = [project_dir / f for f in PARSED_FILES if (project_dir / f).is_file()]
    for d in PARSED_DIRS:
        if (project_dir / d).is_dir():
            files += [p for p in (project_dir / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for p in sorted(files):
        h.update(str(p.relative_to(project_dir)).encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()[:32]


def load(key: str) -> Any | None:
    """The manifest parsed under `key`, or None (no cache, no entry, or unreadable)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"manifest-{key}.msgpack"
    if not path.is_file():
        return None
    try:
        from dbt.contracts.graph.manifest import Manifest
        from dbt.parser.manifest import extended_mashumuro_decoder

        return Manifest.from_msgpack(path.read_bytes(), decoder=extended_mashumuro_decoder)
    except Exception:  # noqa: BLE001 - a stale or foreign file: parse as usual
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def store(key: str, target: Path) -> None:
    """Keep the manifest a run just parsed (its target folder's partial_parse.msgpack)."""
    folder = cache_dir()
    source = target / PARTIAL_PARSE_FILE
    if folder is None or not source.is_file():
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".manifest-", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(source.read_bytes())
        os.replace(tmp, folder / f"manifest-{key}.msgpack")
        # keep the few most recent manifests (one per version of the project a user ran)
        kept = sorted(folder.glob("manifest-*.msgpack"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        return  # a cache that cannot be written only costs the next run its parse
