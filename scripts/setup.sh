#!/usr/bin/env bash
# Install everything Guichet needs on Debian 12: system packages, services for the tests,
# a virtualenv with the locked Python dependencies, and Guichet itself (editable).
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

SYSTEM_PACKAGES=(
  python3 python3-venv python3-dev gcc           # the interpreter and wheels that compile
  tesseract-ocr tesseract-ocr-fra tesseract-ocr-osd  # OCR, French, orientation detection
  poppler-utils qpdf ghostscript                 # PDF tools: rendering checks, repair
  libreoffice-writer-nogui                       # .docx/.odt/.doc -> PDF
  bubblewrap                                     # the parsers' sandbox: no network, read-only system
  fonts-dejavu fonts-liberation fonts-crosextra-carlito fonts-crosextra-caladea
  fonts-comic-neue                               # a handwriting-like font: samples/gen fills fiches with it
  postgresql redis-server                        # production database and queue, used by the tests
  imagemagick file procps
  chromium chromium-driver                       # the browser tests (Playwright drives Debian's Chromium)
  dovecot-imapd                                  # the IMAP tests start a private Dovecot of their own
)
command -v npm >/dev/null 2>&1 || SYSTEM_PACKAGES+=(nodejs npm)  # DSFR assets come from the npm registry

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installation des paquets système : ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/pip install -q --upgrade pip
# Every package checked against the sha256 of the lock file: a tampered index or mirror is refused.
.venv/bin/pip install -q --require-hashes -r requirements.lock
.venv/bin/pip install -q --no-deps -e .
# The État's design system (DSFR), served by the app itself: nothing is loaded from a CDN at run time.
# --ignore-scripts: the package's preinstall hook expects a DSFR project scaffold we do not use.
# A download from the registry can stall without failing: give each try five minutes, three tries.
for attempt in 1 2 3; do
  timeout 300 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && break
  [ "$attempt" -lt 3 ] || { echo "npm ci a échoué trois fois (registre npm injoignable ?)" >&2; exit 1; }
  echo "npm ci interrompu ou en échec, nouvel essai ($attempt/3)" >&2
done
echo "Guichet est installé : .venv/bin/guichet --help"
