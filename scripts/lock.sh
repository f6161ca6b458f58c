#!/usr/bin/env bash
# Re-resolve pyproject.toml's dependencies in a clean virtualenv and write requirements.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q -e '.[test]'
{ echo "# Locked runtime and test dependencies (pip freeze of a clean install; regenerate with scripts/lock.sh)."
  "$tmp/venv/bin/pip" freeze --exclude-editable | grep -v '^-e '; } > requirements.lock
rm -rf "$tmp"
