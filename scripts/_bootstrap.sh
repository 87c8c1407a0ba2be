# Sourced by scripts/demo, scripts/test, scripts/benchmark: creates the project's virtual
# environment `.venv` on first use (and again when pyproject.toml changes), then exports what
# every step needs. Nothing else has to be installed by hand.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DO_NOT_TRACK=1
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
export SIS_EXTRACTS_PROJECT_DIR="$ROOT"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -x .venv/bin/python ] || [ ! -f "$stamp" ]; then
  echo "[setup] creating .venv and installing pinned dependencies (first run only)..." >&2
  "$PY" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip >&2
  .venv/bin/python -m pip install --quiet -e ".[dev]" >&2
  rm -f .venv/.installed-*
  touch "$stamp"
fi
export PATH="$ROOT/.venv/bin:$PATH"
DBT=(dbt --no-use-colors)
