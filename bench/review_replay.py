"""A run's dossiers understood again offline with the schemas as they are now: totals only.

    bench/review_replay.py RUN_SET_DIR TRUTH_DIR [RUN_SET_DIR TRUTH_DIR ...] [--cases]

The raw fields each case dumped (GUICHET_RAW_FIELDS=1, see bench/review_reasons.py) are
normalised again and the completeness assessed again on the pieces the export found: a change
to schemas/ (a rule that confirms a value) is measured in seconds on every dumped run, held-out
draws included, without reading a page again. Prints, before (the export) and after (now):
verdicts right, false complete, dossiers sent to review, values in review, sure-but-wrong.
--cases adds the cases whose verdict or fields changed (study sets only).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.accuracy import dossiers_of, pick_dossier  # noqa: E402
from bench.scoring import same_value, value_of  # noqa: E402
from extractors.vocabulary import LETTERS, PIECES, ReasonCode  # noqa: E402
from schemas.cog import Cog  # noqa: E402
from schemas.completeness import DossierView, assess_completeness  # noqa: E402
from schemas.normalise import normalise_fields  # noqa: E402
from schemas.rawdump import FILE, load  # noqa: E402

SURE = ("extracted", "corrected")


def replayed(dossier: dict, raw: dict, cog: Cog) -> dict:
    """The export's dossier with its fields normalised and its completeness assessed again."""
    fields = {fid: {"value": v.value, "confidence": v.confidence, "status": v.status.value}
              for fid, v in normalise_fields(raw, cog).items()}
    missing = {"value": None, "confidence": 0.0, "status": "missing"}
    fields = {fid: fields.get(fid, missing) for fid in dossier["fields"]}
    reasons = dossier["completeness"]["reasons"]
    unread = [r for r in reasons if r["code"] == ReasonCode.VERIFICATION_REQUISE and r["detail"] in PIECES]
    illegible = ("?",) if any("illisible" in r["message"] for r in unread) else ()
    doubled = tuple(k for r in unread if "plusieurs" in r["message"] for k in LETTERS if k != r["detail"])
    view = DossierView(pieces=dossier["completeness"]["pieces"], fields=fields, illegible=illegible, doubled=doubled)
    return {**dossier, "fields": fields, "completeness": assess_completeness(view, cog).as_dict()}


def figures(dossier: dict, expected: dict) -> dict[str, int]:
    """One dossier's counts, as bench/scoring counts them."""
    right = sure_wrong = review = 0
    for field_id, want in expected["fields"].items():
        got = dossier["fields"].get(field_id) or {"status": "missing"}
        ok = same_value(field_id, value_of(got), value_of(want))
        right += ok
        sure_wrong += (not ok) and got.get("status") in SURE
        review += got.get("status") == "needs_review"
    complete = dossier["completeness"]["complete"]
    codes = {r["code"] for r in dossier["completeness"]["reasons"]}
    return {"verdicts": complete == expected["completeness"]["complete"],
            "false_complete": complete and not expected["completeness"]["complete"],
            "sent_to_review": ReasonCode.VERIFICATION_REQUISE in codes, "fields_right": right,
            "in_review": review, "sure_wrong": sure_wrong, "dossiers": 1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pairs", nargs="+", help="RUN_SET_DIR TRUTH_DIR, repeated")
    parser.add_argument("--cases", action="store_true", help="the cases that changed (study sets only)")
    args = parser.parse_args()
    cog = Cog.load()
    totals = {"before": {}, "after": {}}
    for run, truth in zip(map(Path, args.pairs[::2]), map(Path, args.pairs[1::2]), strict=True):
        for case in sorted(p.name for p in truth.iterdir() if (p / "expected.json").exists()):
            dump = run / "var" / case / FILE
            if not dump.exists() or not (run / case / "index.json").exists():
                continue
            expected = json.loads((truth / case / "expected.json").read_text(encoding="utf-8"))
            before = pick_dossier(dossiers_of(run / case), expected)
            after = replayed(before, load(dump.read_text(encoding="utf-8").strip().splitlines()[-1]), cog)
            counts = {"before": figures(before, expected), "after": figures(after, expected)}
            for tag, found in counts.items():
                for key, n in found.items():
                    totals[tag][key] = totals[tag].get(key, 0) + int(n)
            if args.cases and counts["before"] != counts["after"]:
                print(case, {k: (counts["before"][k], v) for k, v in counts["after"].items()
                             if v != counts["before"][k]})
    for tag, found in totals.items():
        print(f"{tag:7}", "  ".join(f"{k} {v}" for k, v in found.items()))


if __name__ == "__main__":
    main()
