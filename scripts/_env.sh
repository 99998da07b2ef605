# Shared by scripts/run and scripts/test: a virtual environment with the project installed.
# Re-installs only when pyproject.toml changes. Needs Python 3.11+ and access to PyPI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

pick_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "BetterBack needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

VENV="${BETTERBACK_VENV:-$ROOT/.venv}"
EXTRAS="${1:-}"
HASH="$(sha256sum pyproject.toml | cut -c1-16)"
STAMP="$VENV/.installed-$HASH${EXTRAS:+-$EXTRAS}"
# The dev install has everything the plain one has, so it serves scripts/run too: switching between
# scripts/run and scripts/test never reinstalls.
if [ -z "$EXTRAS" ] && [ -f "$VENV/.installed-$HASH-dev" ]; then
  STAMP="$VENV/.installed-$HASH-dev"
fi
if [ ! -x "$VENV/bin/python" ]; then
  "$(pick_python)" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ]; then
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e ".${EXTRAS:+[$EXTRAS]}"
  # Only the stamps of another pyproject.toml are stale; the other kind's stamp of this one holds.
  find "$VENV" -maxdepth 1 -name '.installed-*' ! -name ".installed-$HASH*" -delete
  touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
