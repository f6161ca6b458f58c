"""Accuracy of Guichet on samples/: page kinds, fields per section, verdicts, digital and scanned apart.

    .venv/bin/python bench/accuracy.py [--samples samples] [--out DIR] [--no-run] [--verbose]
                                       [--only PREFIX ...] [--successive]

Runs `guichet process` on every samples/<case>/input (fresh data directory), then compares
each dossier with samples/<case>/expected.json: short fields exactly (after normalisation),
free text by similarity >= 0.90. Prints fiche and letter fields per family (digital,
scanned), the pieces found per kind, how the messages were assembled, and per case every
verdict or reason-code mismatch.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as `python bench/<script>.py`, this folder comes first on sys.path, where queue.py (the
# queue bench) would shadow the standard library's queue: take the folder off first.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import email.parser
import email.policy
import email.utils
import json
import os
import subprocess
import tempfile
import unicodedata
from collections import defaultdict

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
FREE_TEXT = {
    "s1.etat.referent_fonction", "s1.partenaires", "s2.secteur", "s3.intitule", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
}
PIECES = ("fiche", "courrier_collectivite", "courrier_prefet")


def selected(names: list[str], only: list[str] | None) -> list[str]:
    """The case names starting with one of the prefixes (all of them without prefixes)."""
    return [n for n in names if not only or any(n.startswith(prefix) for prefix in only)]


def run(samples: Path, out: Path, only: list[str] | None = None,
        successive: bool = False) -> dict[str, Path]:
    """Process each case into out/<case>/; returns case -> output folder.

    successive: a case whose input is only .eml files is given one message per call, in
    date order, on the same data directory (as mail arriving over days); the output is
    the last call's."""
    cases = {}
    data_dir = out / "var"
    names = sorted(p.name for p in samples.iterdir() if (p / "expected.json").exists())
    for case in (samples / name for name in selected(names, only)):
        target = out / case.name
        env = {**os.environ, "GUICHET_DATA_DIR": str(data_dir / case.name)}
        calls = _by_date(case / "input") if successive else None
        for inputs in calls or [case / "input"]:
            subprocess.run([str(Path(sys.executable).with_name("guichet")), "process",
                            "--quiet", "--out", str(target), str(inputs)], check=True, env=env)
        cases[case.name] = target
    return cases


def _by_date(folder: Path) -> list[Path] | None:
    """The .eml files of a folder by their Date header, or None when it holds anything else."""
    files = sorted(p for p in folder.iterdir() if p.is_file())
    if len(files) < 2 or any(p.suffix.lower() != ".eml" for p in files):
        return None
    parser = email.parser.BytesHeaderParser(policy=email.policy.default)
    dates = {p: email.utils.parsedate_to_datetime(parser.parsebytes(p.read_bytes())["Date"])
             for p in files}
    return sorted(files, key=dates.get)


def dossiers_of(out: Path) -> list[dict]:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return [json.loads((out / f"{d}.json").read_text(encoding="utf-8")) for d in index["dossiers"]]


def dossier_of(out: Path, expected: dict | None = None) -> dict:
    """The case's dossier: the one holding most of the expected files (by sha256) and
    messages when expected.json is given, else the one with most documents."""
    dossiers = dossiers_of(out)
    if expected is None:
        return max(dossiers, key=lambda d: len(d["documents"]))
    hashes = {d["sha256"] for d in expected["documents"]}
    message_ids = {m["message_id"] for m in expected["messages"]}
    return max(dossiers, key=lambda d: (len(hashes & {doc["sha256"] for doc in d["documents"]}),
                                        len(message_ids & {m["message_id"] for m in d["messages"]}),
                                        len(d["documents"])))


def pieces_found(documents: list[dict]) -> dict[str, int]:
    """How many documents of each piece kind (autre left out)."""
    return {kind: sum(d["kind"] == kind for d in documents) for kind in PIECES}


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
    pieces = {kind: [0, 0, 0] for kind in PIECES}  # right presence, cases, documents right
    assembly = []
    mismatches = []
    false_complete = []
    for case, out in cases.items():
        expected = json.loads((samples / case / "expected.json").read_text(encoding="utf-8"))
        got = dossier_of(out, expected)
        assembly.append(_assembly(case, dossiers_of(out), got, expected))
        want_pieces = pieces_found(expected["documents"])
        got_pieces = pieces_found(got["documents"])
        for kind in PIECES:
            pieces[kind][0] += (want_pieces[kind] > 0) == (got_pieces[kind] > 0)
            pieces[kind][1] += 1
            pieces[kind][2] += want_pieces[kind] == got_pieces[kind]
        if want_pieces != got_pieces:
            mismatches.append(f"  {case}: pieces expected {_counts(want_pieces)}, "
                              f"got {_counts(got_pieces)}")
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
        if got["completeness"]["complete"] and not expected["completeness"]["complete"]:
            false_complete.append(case)
        want_reasons = _reasons(expected)
        got_reasons = _reasons(got)
        reasons_ok += want_reasons == got_reasons
        if want_reasons != got_reasons:
            missing = [_reason(r) for r in want_reasons if r not in got_reasons]
            extra = [_reason(r) for r in got_reasons if r not in want_reasons]
            mismatches.append(f"  {case}: verdict {_verdict(expected)} expected, "
                              f"{_verdict(got)} got; missing {missing or '-'}; "
                              f"unexpected {extra or '-'}")
    report(scores, pages_ok, pages_total, verdict_ok, reasons_ok, len(cases))
    print("pieces (cases where presence is right; cases where the number of documents is right):")
    for kind, (present, total, count) in pieces.items():
        print(f"    {kind:24} {present:4d}/{total:<4d} {count:4d}/{total:<4d}")
    print(f"assembly (one dossier with every expected message and file): "
          f"{sum(ok for ok, _ in assembly)}/{len(assembly)}")
    for ok, line in assembly:
        if not ok:
            print(line)
    print(f"wrongly reported complete: {', '.join(false_complete) or 'none'}")
    if mismatches:
        print("per case mismatches (pieces, verdict and reason codes):")
        print("\n".join(mismatches))


def _assembly(case: str, dossiers: list[dict], got: dict, expected: dict) -> tuple[bool, str]:
    """Whether the case's messages and files ended up in one dossier, and what went astray."""
    want_hashes = {d["sha256"] for d in expected["documents"]}
    got_hashes = {d["sha256"] for d in got["documents"]}
    want_ids = [m["message_id"] for m in expected["messages"]]
    got_ids = [m["message_id"] for m in got["messages"]]
    ok = want_hashes <= got_hashes and want_ids == got_ids
    return ok, (f"  {case}: {len(dossiers)} dossier(s); the case's dossier holds "
                f"{len(want_hashes & got_hashes)}/{len(want_hashes)} expected files and messages "
                f"{got_ids} (expected {want_ids})")


def _counts(pieces: dict[str, int]) -> str:
    return ", ".join(f"{kind}×{n}" for kind, n in pieces.items() if n) or "none"


def _reasons(dossier: dict) -> list[tuple[str, str]]:
    return sorted((r["code"], r["detail"] or "") for r in dossier["completeness"]["reasons"])


def _reason(reason: tuple[str, str]) -> str:
    return f"{reason[0]}({reason[1]})" if reason[1] else reason[0]


def _verdict(dossier: dict) -> str:
    return "complete" if dossier["completeness"]["complete"] else "incomplete"


def report(scores, pages_ok, pages_total, verdict_ok, reasons_ok, cases) -> None:
    print(f"page kinds: {pages_ok}/{pages_total} = {pages_ok / max(pages_total, 1):.1%}")
    for family, sections in scores.items():
        if not sections:
            continue
        every = [ok for oks in sections.values() for ok in oks]
        fiche = [ok for s, oks in sections.items() if not s.startswith("courrier") for ok in oks]
        letters = [ok for s, oks in sections.items() if s.startswith("courrier") for ok in oks]
        print(f"{family}: all fields {sum(every)}/{len(every)} = {sum(every) / len(every):.1%}; "
              f"fiche fields {sum(fiche)}/{len(fiche)} = {sum(fiche) / max(len(fiche), 1):.1%}; "
              f"letter fields {sum(letters)}/{len(letters)} = "
              f"{sum(letters) / max(len(letters), 1):.1%}")
        for section, oks in sorted(sections.items()):
            print(f"    {section:24} {sum(oks):4d}/{len(oks):<4d} {sum(oks) / len(oks):6.1%}")
    print(f"verdicts: {verdict_ok}/{cases}; reason codes exact: {reasons_ok}/{cases}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=Path, default=ROOT / "samples")
    parser.add_argument("--out", type=Path, help="keep outputs here (default: a temporary folder)")
    parser.add_argument("--no-run", action="store_true", help="compare outputs already in --out")
    parser.add_argument("--verbose", action="store_true", help="list every mismatch")
    parser.add_argument("--successive", action="store_true",
                        help="give the messages of a case one call each, in date order")
    parser.add_argument("--only", action="append", metavar="PREFIX",
                        help="only the cases whose name starts with PREFIX (repeatable)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="guichet-accuracy-") as tmp:
        out = args.out or Path(tmp)
        if args.no_run:
            cases = {p.name: p for p in sorted(out.iterdir()) if (p / "index.json").exists()
                     and (args.samples / p.name / "expected.json").exists()
                     and selected([p.name], args.only)}
        else:
            cases = run(args.samples, out, args.only, args.successive)
        compare(cases, args.samples, args.verbose)


if __name__ == "__main__":
    main()
