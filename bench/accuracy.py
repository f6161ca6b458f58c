"""Accuracy of Guichet on samples/: page kinds, fields per section, verdicts, digital and scanned apart.

    .venv/bin/python bench/accuracy.py [--samples samples] [--out DIR] [--no-run] [--verbose]

Runs `guichet process` on every samples/<case>/input (fresh data directory), then compares
each dossier with samples/<case>/expected.json: short fields exactly (after normalisation),
free text by similarity >= 0.90.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
FREE_TEXT = {
    "s1.etat.referent_fonction", "s1.partenaires", "s2.secteur", "s3.intitule", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
}


def run(samples: Path, out: Path) -> dict[str, Path]:
    """Process each case into out/<case>/; returns case -> output folder."""
    cases = {}
    data_dir = out / "var"
    for case in sorted(p for p in samples.iterdir() if (p / "expected.json").exists()):
        target = out / case.name
        env = {**os.environ, "GUICHET_DATA_DIR": str(data_dir / case.name)}
        subprocess.run([str(Path(sys.executable).with_name("guichet")), "process", "--quiet",
                        "--out", str(target), str(case / "input")], check=True, env=env)
        cases[case.name] = target
    return cases


def dossier_of(out: Path) -> dict:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    dossiers = [json.loads((out / f"{d}.json").read_text(encoding="utf-8")) for d in index["dossiers"]]
    return max(dossiers, key=lambda d: len(d["documents"]))  # the case's dossier


def page_kinds(documents: list[dict]) -> dict[tuple[str, int], str]:
    return {(d["file"], p): d["kind"] for d in documents for p in d["pages"]}


def same_value(field: str, got, want) -> bool:
    if want is None or got is None:
        return got == want
    if field in FREE_TEXT and isinstance(want, str) and isinstance(got, str):
        return fuzz.ratio(_fold(got), _fold(want)) >= 90
    if field == "s2.communes" and isinstance(got, list):
        return [c.get("code_insee") or _fold(c.get("nom", "")) for c in got] == \
            [c.get("code_insee") or _fold(c.get("nom", "")) for c in want]
    if field == "s2.epci" and isinstance(got, dict):
        return (got.get("siren") or _fold(got.get("nom", ""))) == (want.get("siren") or _fold(want.get("nom", "")))
    if isinstance(want, str) and isinstance(got, str):
        return _fold(got) == _fold(want)
    return got == want


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return " ".join(text.split()).casefold()


def compare(cases: dict[str, Path], samples: Path, verbose: bool) -> None:
    scores: dict[str, dict[str, list[bool]]] = {"digital": defaultdict(list), "scanned": defaultdict(list)}
    pages_ok = pages_total = verdict_ok = reasons_ok = 0
    for case, out in cases.items():
        expected = json.loads((samples / case / "expected.json").read_text(encoding="utf-8"))
        got = dossier_of(out)
        family = "scanned" if any(d["ocr"] for d in expected["documents"]) else "digital"
        want_kinds, got_kinds = page_kinds(expected["documents"]), page_kinds(got["documents"])
        for key, kind in want_kinds.items():
            pages_total += 1
            pages_ok += got_kinds.get(key) == kind
            if verbose and got_kinds.get(key) != kind:
                print(f"  {case}: page {key} expected {kind}, got {got_kinds.get(key)}")
        for field, want in expected["fields"].items():
            ok = same_value(field, got["fields"][field]["value"], want["value"])
            section = field.split(".")[0]
            scores[family][section].append(ok)
            if verbose and not ok:
                print(f"  {case}: {field}: expected {want['value']!r:.80} got {got['fields'][field]['value']!r:.80}")
        verdict_ok += got["completeness"]["complete"] == expected["completeness"]["complete"]
        want_reasons = sorted((r["code"], r["detail"]) for r in expected["completeness"]["reasons"])
        got_reasons = sorted((r["code"], r["detail"]) for r in got["completeness"]["reasons"])
        reasons_ok += want_reasons == got_reasons
    report(scores, pages_ok, pages_total, verdict_ok, reasons_ok, len(cases))


def report(scores, pages_ok, pages_total, verdict_ok, reasons_ok, cases) -> None:
    print(f"page kinds: {pages_ok}/{pages_total} = {pages_ok / max(pages_total, 1):.1%}")
    for family, sections in scores.items():
        if not sections:
            continue
        every = [ok for oks in sections.values() for ok in oks]
        fiche = [ok for s, oks in sections.items() if not s.startswith("courrier") for ok in oks]
        print(f"{family}: all fields {sum(every)}/{len(every)} = {sum(every) / len(every):.1%}; "
              f"fiche fields {sum(fiche)}/{len(fiche)} = {sum(fiche) / max(len(fiche), 1):.1%}")
        for section, oks in sorted(sections.items()):
            print(f"    {section:24} {sum(oks):4d}/{len(oks):<4d} {sum(oks) / len(oks):6.1%}")
    print(f"verdicts: {verdict_ok}/{cases}; reason codes exact: {reasons_ok}/{cases}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--out", type=Path, help="keep outputs here (default: a temporary folder)")
    parser.add_argument("--no-run", action="store_true", help="compare outputs already in --out")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guichet-accuracy-") as tmp:
        out = args.out or Path(tmp)
        if args.no_run:
            cases = {p.name: p for p in sorted(out.iterdir()) if (p / "index.json").exists()}
        else:
            cases = run(args.samples, out)
        compare(cases, args.samples, args.verbose)


if __name__ == "__main__":
    main()
