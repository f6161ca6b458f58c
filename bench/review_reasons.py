"""Why each value was left for a reviewer, and whether it was right: counts, not cases.

    GUICHET_RAW_FIELDS=1 bench/accuracy.py --set S=DIR --fields --out OUT ...   (dumps the raw fields)
    bench/review_reasons.py OUT/S DIR [OUT2/S2 DIR2 ...] [--verdict] [--cases]

Each case's raw fields (<run>/var/<case>/raw_fields.jsonl, last line) are normalised again
offline; every field left `needs_review` is given the first reason that holds: the reader's own
doubt (`reader`), a confidence under the field's floor (`low<0.X`; with --buckets, `@` the
confidence's tenth), a value the normaliser does not trust (`unresolved`; for the communes,
`communes:<what the entries are>`), or a value the normaliser trusted that a cross-piece rule
left or put back in review (`agreement`). Whether the value is right is bench/scoring's
comparison with expected.json. --verdict: only the fields that alone keep a dossier in
VERIFICATION_REQUISE (its every VERIFICATION_REQUISE detail is such a field). --cases prints
the case of each (study sets only).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.accuracy import dossiers_of, pick_dossier  # noqa: E402
from bench.scoring import same_value, value_of  # noqa: E402
from extractors.model import FieldStatus  # noqa: E402
from schemas import normalise  # noqa: E402
from schemas.cog import Cog  # noqa: E402
from schemas.communes import parse_communes  # noqa: E402
from schemas.rawdump import FILE, load  # noqa: E402


def reason(field_id: str, raw: dict, cog: Cog) -> str:
    """The first reason the raw reading of field_id was not trusted by the normaliser alone."""
    value = raw[field_id]
    if value.status is FieldStatus.NEEDS_REVIEW:
        return f"reader@{_bucket(value.confidence)}"
    floor = normalise.review_below(field_id)
    if value.confidence < floor:
        return f"low<{floor:.2f}@{_bucket(value.confidence)}"
    departement = normalise._departement(raw.get("s2.departement"), cog)
    if field_id == "s2.communes":
        epci = normalise._epci_siren(raw.get("s2.epci"), cog, departement)
        entries = parse_communes(str(value.value), cog, departement, epci)
        if any(e.contradicted for e in entries):
            return "communes:contradicted"
        kinds = sorted({"sure" if e.sure else "foreign" if e.foreign else "unknown" if not e.code_insee
                        else "fuzzy" for e in entries})
        if not all(e.sure for e in entries):
            return "communes:" + "+".join(kinds)
        return "agreement"
    _, trusted = normalise._normaliser(field_id)(value.value, cog, departement)
    return "agreement" if trusted else "unresolved"


def _bucket(confidence: float) -> str:
    return f"{min(int(confidence * 10), 9) / 10:.1f}"


def blocking(dossier: dict) -> set[str] | None:
    """The fields a dossier's VERIFICATION_REQUISE reasons name, when they are its only reasons."""
    reasons = dossier.get("completeness", {}).get("reasons", [])
    if not reasons or any(r["code"] != "VERIFICATION_REQUISE" for r in reasons):
        return None
    return {r["detail"] for r in reasons}


def study(run: Path, truth: Path, cog: Cog, only_verdict: bool, table: Counter, cases: list[str] | None,
          buckets: bool = False, dossiers: Counter | None = None) -> None:
    """Count run's fields in review by (field, reason, right); a run without dumps: reason `no-dump`.
    dossiers: counted, sent to review, and of them those whose every review reason is a field read right."""
    for case in sorted(p.name for p in truth.iterdir() if (p / "expected.json").exists()):
        if not (run / case / "index.json").exists():
            continue
        dump = run / "var" / case / FILE
        expected = json.loads((truth / case / "expected.json").read_text(encoding="utf-8"))
        dossier = pick_dossier(dossiers_of(run / case), expected)
        raw = load(dump.read_text(encoding="utf-8").strip().splitlines()[-1]) if dump.exists() else None
        block = blocking(dossier)
        right_fields = set()
        for field_id, got in dossier["fields"].items():
            if got.get("status") != "needs_review":
                continue
            right = same_value(field_id, got.get("value"), value_of(expected["fields"].get(field_id)))
            if right and got.get("value") is not None:
                right_fields.add(field_id)
            if only_verdict and (block is None or field_id not in block):
                continue
            why = "no-dump" if raw is None or field_id not in raw else reason(field_id, raw, cog)
            why = why if buckets else why.partition("@")[0]
            table[(field_id, why, right)] += 1
            if cases is not None:
                cases.append(f"{'ok ' if right else 'BAD'} {field_id:42} {why:28} {case}")
        details = {r["detail"] for r in dossier["completeness"]["reasons"] if r["code"] == "VERIFICATION_REQUISE"}
        if dossiers is None:
            continue
        dossiers["dossiers"] += 1
        if details:
            dossiers["sent to review"] += 1
            dossiers["of them, every doubted field right"] += details <= right_fields
            dossiers["of them, that alone (no other reason)"] += details <= right_fields and block is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="+", help="RUN_SET_DIR TRUTH_DIR, repeated")
    parser.add_argument("--verdict", action="store_true", help="only the fields that alone keep a dossier in review")
    parser.add_argument("--cases", action="store_true", help="one line per field (study sets only)")
    parser.add_argument("--buckets", action="store_true", help="reasons by the reading's confidence too")
    args = parser.parse_args()
    cog, table, dossiers = Cog.load(), Counter(), Counter()
    cases: list[str] | None = [] if args.cases else None
    for run, truth in zip(args.pairs[::2], args.pairs[1::2], strict=True):
        study(Path(run), Path(truth), cog, args.verdict, table, cases, args.buckets, dossiers)
    keys = sorted({(f, w) for f, w, _ in table}, key=lambda k: -(table[(*k, True)] + table[(*k, False)]))
    print(f"{'field':44} {'reason':28} {'right':>5} {'wrong':>5}")
    for field_id, why in keys:
        print(f"{field_id:44} {why:28} {table[(field_id, why, True)]:5} {table[(field_id, why, False)]:5}")
    print(f"{'total':73} {sum(n for k, n in table.items() if k[2]):5} {sum(n for k, n in table.items() if not k[2]):5}")
    print("dossiers:", ", ".join(f"{k} {n}" for k, n in dossiers.items()))
    for line in cases or []:
        print(line)


if __name__ == "__main__":
    main()
