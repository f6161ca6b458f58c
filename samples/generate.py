"""Generate the sample candidature dossiers of samples/<case>/ and their expected.json.

Each case fills the official fiche de candidature (shared/forms) and writes the support
letters from one territory profile (real communes and EPCIs from the Etalab data,
fictional people), packages them as they would reach the DGALN bureau (PDFs, office
files, scans, phone photos, a merged PDF, a zip, e-mails), and writes the ground truth
in the export-contract shape, computed from the same data.

    .venv/bin/python samples/generate.py               # every case
    .venv/bin/python samples/generate.py --only 04_scans --only 09_fil_emails
    .venv/bin/python samples/generate.py --list
"""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen.build import Build  # noqa: E402
from gen.cases import CASES, Case  # noqa: E402
from gen.dossiers import build_dossier  # noqa: E402
from gen.expected import expected_fields  # noqa: E402
from gen.readme import write_readme  # noqa: E402
from gen.verdict import assess  # noqa: E402

log = logging.getLogger("samples")
SAMPLES = Path(__file__).resolve().parent


def generate_case(case: Case) -> dict:
    """Build one case folder from scratch; returns its expected.json content."""
    folder = SAMPLES / case.key
    shutil.rmtree(folder, ignore_errors=True)
    input_dir = folder / "input"
    input_dir.mkdir(parents=True)
    dossier = build_dossier(case.key, case.profile)
    if case.tweak:
        case.tweak(dossier)
    verdict = assess(dossier)
    codes = [r["code"] for r in verdict["reasons"]]
    if sorted(codes) != sorted(case.codes):
        raise AssertionError(f"{case.key}: verdict {codes} but the case intends {case.codes}")
    with tempfile.TemporaryDirectory(prefix=f"samples-{case.key}-") as work:
        build = Build(dossier, Path(work), input_dir)
        case.package(build)
    expected = {
        "version": 1,
        "case": case.key,
        "messages": sorted(build.messages, key=lambda m: m["date"]),
        "documents": build.documents,
        "fields": expected_fields(dossier),
        "completeness": verdict,
    }
    text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    (folder / "expected.json").write_text(text, encoding="utf-8")
    return expected


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="CASE",
                        help="generate only this case (repeatable; a prefix like 04 works)")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.list:
        for case in CASES:
            print(f"{case.key:32} {case.exercises}")
        return 0
    selected = [c for c in CASES if not args.only
                or any(c.key == o or c.key.startswith(o) for o in args.only)]
    if not selected:
        parser.error(f"no case matches {args.only}")
    for case in selected:
        expected = generate_case(case)
        verdict = "complete" if expected["completeness"]["complete"] else \
            "incomplete: " + ", ".join(r["code"] for r in expected["completeness"]["reasons"])
        log.info("%-30s %2d document(s)  %s", case.key, len(expected["documents"]), verdict)
    write_readme(SAMPLES / "README.md", _verdicts())
    return 0


def _verdicts() -> dict[str, dict]:
    """The completeness of every case generated so far (this run or earlier ones)."""
    verdicts = {}
    for case in CASES:
        path = SAMPLES / case.key / "expected.json"
        if path.exists():
            verdicts[case.key] = json.loads(path.read_text(encoding="utf-8"))["completeness"]
    return verdicts


if __name__ == "__main__":
    sys.exit(main())
