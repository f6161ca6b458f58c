#!/usr/bin/env bash
# Run the whole test suite against real Tesseract, LibreOffice, PostgreSQL and Redis.
# Every test that uses the database runs on SQLite and on PostgreSQL (a schema or database of
# its own, dropped afterwards); GUICHET_TEST_BACKENDS=sqlite narrows a run to one backend.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh)"
exec .venv/bin/python -m pytest "$@"
