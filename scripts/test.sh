#!/usr/bin/env bash
# Run the whole test suite against real Tesseract, LibreOffice, PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh)"
exec .venv/bin/python -m pytest "$@"
