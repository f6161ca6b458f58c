#!/usr/bin/env bash
# Re-resolve pyproject.toml's dependencies in a clean virtualenv and write requirements.lock,
# each package pinned with the sha256 hashes of its release's files (pip-tools' pip-compile,
# from a virtualenv of its own so that it does not land in the lock).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q --upgrade pip
"$tmp/venv/bin/pip" install -q -e '.[test]'
"$tmp/venv/bin/pip" freeze --exclude-editable | grep -v '^-e ' > "$tmp/pins.in"  # the versions
python3 -m venv "$tmp/tools"
"$tmp/tools/bin/pip" install -q --upgrade pip pip-tools
# Pinned input: pip-compile changes no version, it adds the hashes (and keeps the extras a
# dependency asks for, e.g. smart-open[http], which --require-hashes wants pinned as such).
"$tmp/tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --no-annotate --no-header \
  -o "$tmp/hashed.txt" "$tmp/pins.in"
{ echo "# Locked runtime and test dependencies, each with the sha256 of every file of its release:"
  echo "# install with pip install --require-hashes -r requirements.lock; regenerate with scripts/lock.sh."
  grep -v -e '^--extra-index-url' -e '^--find-links' -e '^--index-url' "$tmp/hashed.txt" | sed '/./,$!d'
} > requirements.lock
