"""Accuracy of Guichet on sets of cases with their truth, side by side: verdicts, reasons,
fields digital and scanned, sure-but-wrong values, per field, and confidence against accuracy.

    .venv/bin/python bench/accuracy.py [--set NAME=PATH ...] [--out DIR] [--no-run]
                                       [--fields] [--verbose] [--only PREFIX ...] [--successive]
                                       [--reuse EARLIER_OUT]

A set is a folder of cases <case>/{input/,expected.json} (the shape of samples/). By default,
those that exist among samples=samples/, tune=samples/unseen/tune, frozen=samples/unseen/frozen.
Each case is processed by `guichet process` into DIR/<set>/<case> (fresh data directory), or
read from there with --no-run (with --reuse, from a copy of an earlier run's data directory,
so that only what changed is computed again), and compared with its expected.json: short fields exactly (after
normalisation), free text by similarity >= 0.90; a field absent from both is right.

Prints one table, a column per set: verdicts, dossiers wrongly complete, sent to review
(VERIFICATION_REQUISE), reason-code micro precision/recall/F1 (review aside), fiche and letter
fields digital and scanned (a field is scanned when its piece's document was OCR'd), signatures,
sure-but-wrong (values marked extracted or corrected that differ from the truth), pieces, page
kinds; then observed accuracy per confidence bin, and on the tuning set (--tune, default tune,
else the first set) the lowest confidence at which the values at or above it are wrong < 0.1 %
and < 0.5 % of the time, with the 95 % upper bound. Writes DIR/<set>/calibration.csv (one row
per value read) and DIR/reliability.png. --fields adds the field x set table, worst first;
--verbose the sections, pieces, assembly and every mismatch per case.
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
import shutil
import subprocess
import tempfile
from collections import defaultdict

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import reliability  # noqa: E402
from bench.scoring import PIECES, CaseScore, calibration_rows, figures, score_case  # noqa: E402

DEFAULT_SETS = {"samples": "samples", "tune": "samples/unseen/tune", "frozen": "samples/unseen/frozen"}


def selected(names: list[str], only: list[str] | None) -> list[str]:
    """The case names starting with one of the prefixes (all of them without prefixes)."""
    return [n for n in names if not only or any(n.startswith(prefix) for prefix in only)]


def case_names(folder: Path, only: list[str] | None = None) -> list[str]:
    names = sorted(p.name for p in folder.iterdir() if (p / "expected.json").exists())
    return selected(names, only)


def run(samples: Path, out: Path, only: list[str] | None = None,
        successive: bool = False, reuse: Path | None = None) -> dict[str, Path]:
    """Process each case into out/<case>/; returns case -> output folder.

    successive: a case whose input is only .eml files is given one message per call, in
    date order, on the same data directory (as mail arriving over days); the output is
    the last call's. reuse: a folder of an earlier run's data directories (<reuse>/<case>)
    each case starts from a copy of, so that what was read and cached is not read again."""
    cases = {}
    data_dir = out / "var"
    for case in (samples / name for name in case_names(samples, only)):
        target = out / case.name
        if reuse is not None and (reuse / case.name).is_dir():
            shutil.rmtree(data_dir / case.name, ignore_errors=True)
            shutil.copytree(reuse / case.name, data_dir / case.name)
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
    return pick_dossier(dossiers_of(out), expected)


def pick_dossier(dossiers: list[dict], expected: dict | None = None) -> dict:
    if expected is None:
        return max(dossiers, key=lambda d: len(d["documents"]))
    hashes = {d["sha256"] for d in expected["documents"]}
    message_ids = {m["message_id"] for m in expected.get("messages", [])}
    return max(dossiers, key=lambda d: (len(hashes & {doc["sha256"] for doc in d["documents"]}),
                                        len(message_ids & {m["message_id"] for m in d["messages"]}),
                                        len(d["documents"])))


# ---------------------------------------------------------------- scoring one case


# ---------------------------------------------------------------- figures of a set


def _cell(name: str, value: tuple) -> str:
    if len(value) == 1:
        return str(value[0])
    if name.startswith("reason F1"):
        return f"{value[0]:.3f} ({value[1]:.2f}/{value[2]:.2f})"
    n, total = value
    if name == "SURE BUT WRONG":
        return f"{n}/{total} = {n / total:.2%}" if total else "-"
    return f"{n}/{total} = {n / total:.3f}" if total else "-"


def table(rows: list[str], columns: dict[str, list[str]], first: int = 28, width: int = 24) -> str:
    lines = [f"{'':{first}}" + "".join(f"{name:>{width}}" for name in columns)]
    for i, row in enumerate(rows):
        lines.append(f"{row:{first}}" + "".join(f"{cells[i]:>{width}}" for cells in columns.values()))
    return "\n".join(lines)


def print_summary(sets: dict[str, list[CaseScore]]) -> None:
    per_set = {name: figures(scores) for name, scores in sets.items()}
    rows = list(next(iter(per_set.values())))
    print(table(rows, {name: [_cell(r, fig[r]) for r in rows] for name, fig in per_set.items()}))
    print("  (reason F1: micro over (code, detail), VERIFICATION_REQUISE aside; sure = extracted "
          "or corrected)")


def per_field(sets: dict[str, list[CaseScore]]) -> None:
    """Field x set: accuracy, values marked sure, sure and wrong, needs_review; worst first."""
    cells: dict[str, dict[str, tuple[int, int, int, int, int]]] = defaultdict(dict)
    for name, scores in sets.items():
        by_field = defaultdict(list)
        for f in (f for s in scores for f in s.fields):
            by_field[f.field].append(f)
        for field, scored in by_field.items():
            cells[field][name] = (sum(f.correct for f in scored), len(scored),
                                  sum(f.sure for f in scored),
                                  sum(f.sure and not f.correct for f in scored),
                                  sum(f.status == "needs_review" for f in scored))

    def badness(field: str):
        values = cells[field].values()
        return (min(right / total for right, total, *_ in values),
                -sum(v[3] for v in values), field)

    width = 30
    print("\nper field: accuracy, sure (extracted/corrected), sure but wrong, needs_review")
    print(f"{'':42}" + "".join(f"{name:>{width}}" for name in sets))
    print(f"{'':42}" + "".join(f"{'acc    sure  wrong  review':>{width}}" for _ in sets))
    for field in sorted(cells, key=badness):
        line = f"{field:42}"
        for name in sets:
            if name not in cells[field]:
                line += f"{'-':>{width}}"
                continue
            right, total, sure, wrong, review = cells[field][name]
            line += f"{right / total:>{width - 21}.3f} {sure:5d} {wrong:6d} {review:7d}"
        print(line)


def print_calibration(rows_per_set: dict[str, list[dict]], tune: str) -> None:
    print("\nvalues read per confidence bin: n, wrong, observed accuracy, error 95 % upper bound")
    labels = [reliability.bin_label(i) for i in range(len(reliability.EDGES))]
    columns = {}
    for name, rows in rows_per_set.items():
        columns[name] = [f"{n:5d} {wrong:4d} {1 - wrong / n:6.3f} {reliability.upper_bound(wrong, n):7.4f}"
                         if n else "-" for n, wrong in reliability.binned(rows)]
    print(table(labels, columns, first=12, width=30))
    rows = rows_per_set.get(tune)
    if rows is None:
        missing, (tune, rows) = tune, next(iter(rows_per_set.items()))
        print(f"(no set named {missing!r}: thresholds on {tune}, for information only)")
    print(f"thresholds on {tune}: the lowest confidence whose values at or above it are wrong less "
          f"often than the target, measured / by the 95 % upper bound:")
    for scope in ("all", "digital", "scanned"):
        scoped = [r for r in rows if scope in ("all", r["family"])]
        for target in reliability.TARGETS:
            found = [reliability.threshold(scoped, target, bound=bound) for bound in (False, True)]
            print(f"  {scope:8} < {target:.1%}:  " + ";  ".join(_threshold(f) for f in found))


def _threshold(found: dict | None) -> str:
    if found is None:
        return "none"
    return (f">= {found['threshold']:.4g} ({found['wrong']}/{found['n']} wrong = "
            f"{found['wrong'] / found['n']:.2%}, bound {found['upper']:.2%})")


def print_details(name: str, scores: list[CaseScore]) -> None:
    """The former report of one set: fields per section and family, pieces, mismatches."""
    print(f"\n== {name}: details")
    sections: dict[str, dict[str, list[bool]]] = {"digital": defaultdict(list), "scanned": defaultdict(list)}
    for f in (f for s in scores for f in s.fields):
        sections[f.family][f.field.split(".")[0]].append(f.correct)
    for family, by_section in sections.items():
        for section, oks in sorted(by_section.items()):
            print(f"    {family:8} {section:24} {sum(oks):4d}/{len(oks):<4d} {sum(oks) / len(oks):6.1%}")
    print("pieces (cases where presence is right; cases where the number of documents is right):")
    for kind in PIECES:
        present = sum(s.pieces_right[kind][0] for s in scores)
        count = sum(s.pieces_right[kind][1] for s in scores)
        print(f"    {kind:24} {present:4d}/{len(scores):<4d} {count:4d}/{len(scores):<4d}")
    wrong = [s.case for s in scores if s.false_complete]
    print(f"wrongly reported complete: {', '.join(wrong) or 'none'}")
    print("per case mismatches:")
    for s in scores:
        if s.notes:
            print("\n".join(s.notes))


# ---------------------------------------------------------------- command line

def parse_sets(specs: list[str] | None, samples: Path | None) -> dict[str, Path]:
    if specs:
        sets = {}
        for spec in specs:
            name, sep, path = spec.partition("=")
            if not sep or not name:
                raise SystemExit(f"--set wants NAME=PATH, not {spec!r}")
            sets[name] = Path(path)
        return sets
    sets = {name: ROOT / path for name, path in DEFAULT_SETS.items()}
    if samples is not None:
        sets["samples"] = samples
    return {name: path for name, path in sets.items() if path.is_dir() and case_names(path)}


def score_set(folder: Path, outputs: dict[str, Path]) -> list[CaseScore]:
    scores = []
    for case, out in outputs.items():
        expected = json.loads((folder / case / "expected.json").read_text(encoding="utf-8"))
        dossiers = dossiers_of(out)
        scores.append(score_case(case, expected, pick_dossier(dossiers, expected), dossiers))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", metavar="NAME=PATH", dest="sets",
                        help="a set of cases (repeatable; default: samples, tune, frozen that exist)")
    parser.add_argument("--samples", type=Path, help="the samples set's folder (default samples/)")
    parser.add_argument("--out", type=Path, help="keep outputs here (default: a temporary folder)")
    parser.add_argument("--reuse", type=Path, metavar="DIR",
                        help="start each case from a copy of DIR/<set>/var/<case>, an earlier run's "
                             "data (its cached readings): a change to understanding measured in minutes")
    parser.add_argument("--no-run", action="store_true", help="compare outputs already in --out/<set>")
    parser.add_argument("--fields", action="store_true", help="the field x set table, worst first")
    parser.add_argument("--verbose", action="store_true", help="sections, pieces and every mismatch")
    parser.add_argument("--tune", default="tune", help="the set thresholds are measured on")
    parser.add_argument("--successive", action="store_true",
                        help="give the messages of a case one call each, in date order")
    parser.add_argument("--only", action="append", metavar="PREFIX",
                        help="only the cases whose name starts with PREFIX (repeatable)")
    args = parser.parse_args()
    sets = parse_sets(args.sets, args.samples)
    if not sets:
        raise SystemExit("no set of cases found")
    with tempfile.TemporaryDirectory(prefix="guichet-accuracy-") as tmp:
        out = args.out or Path(tmp)
        scored = {}
        for name, folder in sets.items():
            if args.no_run:
                outputs = {case: out / name / case for case in case_names(folder, args.only)
                           if (out / name / case / "index.json").exists()}
            else:
                reuse = args.reuse / name / "var" if args.reuse else None
                outputs = run(folder, out / name, args.only, args.successive, reuse)
            if not outputs:
                print(f"{name}: no output under {out / name}", file=sys.stderr)
                continue
            scored[name] = score_set(folder, outputs)
        if not scored:
            raise SystemExit("nothing to compare")
        print_summary(scored)
        if args.fields:
            per_field(scored)
        rows = {name: calibration_rows([f for s in scores for f in s.fields])
                for name, scores in scored.items()}
        for name, set_rows in rows.items():
            reliability.write_csv(out / name / "calibration.csv", set_rows)
        print_calibration(rows, args.tune)
        reliability.plot(out / "reliability.png", rows)
        if args.out:
            print(f"\nwrote {out}/<set>/calibration.csv and {out / 'reliability.png'}")
        if args.verbose:
            for name, scores in scored.items():
                print_details(name, scores)


if __name__ == "__main__":
    main()
