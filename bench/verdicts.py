"""What costs verdicts: for finished accuracy runs, each case whose verdict is wrong, the reasons
given that were not expected with the field(s) behind each (value, status, confidence, right or
wrong against the truth), then a table of (reason, field) families across the runs.

    .venv/bin/python bench/verdicts.py NAME=OUT_SET_DIR:TRUTH_DIR [...] [--all]

OUT_SET_DIR is an accuracy run's --out/<set> (one folder per case with index.json), TRUTH_DIR the
set's folder (<case>/expected.json). --all also lists the unexpected reasons of cases whose verdict
is right (a review on a dossier incomplete for another reason).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))
from bench.accuracy import dossier_of  # noqa: E402
from bench.scoring import REVIEW, same_value, value_of  # noqa: E402

# The fields a reason other than a review is drawn from (schemas/completeness.py's rules).
BEHIND = {
    "COMMUNE_INCONNUE": ("s2.communes",),
    "TERRITOIRE_INCOHERENT": ("s2.communes", "s2.epci", "courrier_prefet.departement",
                              "courrier_collectivite.collectivite", "s1.collectivite.nom"),
    "SIGNATAIRE_NON_HABILITE": ("courrier_collectivite.signataire_qualite", "courrier_prefet.signataire_qualite"),
    "COURRIER_PREFET_DESTINATAIRE": ("courrier_prefet.destinataire_dgaln",),
    "COURRIER_COLLECTIVITE_NON_SIGNE": ("courrier_collectivite.signe",),
    "COURRIER_PREFET_NON_SIGNE": ("courrier_prefet.signe",),
}


def _short(value, width: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= width else text[:width - 3] + "..."


def field_line(name: str, got: dict, expected: dict) -> tuple[str, bool | None]:
    """One field as got against its truth: the line, and whether the value is right."""
    entry = got["fields"].get(name) or {"value": None, "status": "missing"}
    want = expected["fields"].get(name)
    want_value = value_of(want) if isinstance(want, dict) else want
    ok = same_value(name, value_of(entry), want_value) if name in expected["fields"] else None
    mark = {True: "right", False: "WRONG", None: "?"}[ok]
    conf = entry.get("confidence")
    conf = f"{conf:.2f}" if isinstance(conf, (int, float)) else "-"
    line = (f"      {name} [{entry.get('status')} {conf}] {mark}: {_short(value_of(entry))}"
            + ("" if ok else f"  (want {_short(want_value)})"))
    return line, ok


def unexpected_reasons(got: dict, expected: dict) -> list[dict]:
    want = Counter((r["code"], r.get("detail") or "") for r in expected["completeness"]["reasons"])
    extra = []
    for reason in got["completeness"]["reasons"]:
        key = (reason["code"], reason.get("detail") or "")
        if want[key]:
            want[key] -= 1
        else:
            extra.append(reason)
    return extra


def study(name: str, out: Path, truth: Path, every: bool, table: dict) -> None:
    print(f"== {name}")
    for case in sorted(p.name for p in out.iterdir() if (p / "index.json").exists()):
        expected = json.loads((truth / case / "expected.json").read_text(encoding="utf-8"))
        got = dossier_of(out / case, expected)
        want_complete, got_complete = expected["completeness"]["complete"], got["completeness"]["complete"]
        wrong = want_complete != got_complete
        extra = unexpected_reasons(got, expected)
        if not wrong and not (every and extra):
            continue
        head = "WRONG VERDICT" if wrong else "right verdict"
        print(f"  {case}: {head} (want {'complete' if want_complete else 'incomplete'}); "
              f"expected reasons {[r['code'] for r in expected['completeness']['reasons']] or '-'}")
        for reason in extra:
            code, detail = reason["code"], reason.get("detail") or ""
            print(f"    {code}({detail}): {reason.get('message', '')[:150]}")
            fields = (detail,) if code == REVIEW and "." in detail else BEHIND.get(code, ())
            rights = []
            for field in fields:
                line, ok = field_line(field, got, expected)
                print(line)
                rights.append(ok)
            if wrong:
                key = f"{code}({detail})" if code == REVIEW else code
                state = ("value right" if all(r is not False for r in rights) else "value wrong") if code == REVIEW \
                    else ("fields right" if all(r is not False for r in rights) else "a field wrong")
                table[(key, state)][name] += 1
                if len(extra) == 1:
                    table[(key, state)]["alone"] += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("runs", nargs="+", metavar="NAME=OUT_SET_DIR:TRUTH_DIR")
    parser.add_argument("--all", action="store_true", help="also the extra reasons of right verdicts")
    args = parser.parse_args()
    table: dict = defaultdict(Counter)
    names = []
    for spec in args.runs:
        name, _, paths = spec.partition("=")
        out, _, truth = paths.partition(":")
        names.append(name)
        study(name, Path(out), Path(truth), args.all, table)
    print("\nunexpected reasons on wrong verdicts: per run, and 'alone' when it was the only one")
    print(f"{'':64}" + "".join(f"{n:>7}" for n in names) + f"{'total':>7}{'alone':>7}")
    for key, counts in sorted(table.items(), key=lambda kv: -sum(kv[1][n] for n in names)):
        label = f"{key[0]} [{key[1]}]"
        print(f"{label:64}" + "".join(f"{counts[n]:7d}" for n in names)
              + f"{sum(counts[n] for n in names):7d}{counts['alone']:7d}")


if __name__ == "__main__":
    main()
