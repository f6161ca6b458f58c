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
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field as dataclass_field

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench import reliability  # noqa: E402

FREE_TEXT = {
    "s1.etat.referent_fonction", "s1.partenaires", "s2.secteur", "s3.intitule", "s3.description",
    "s4.objectifs", "s4.attendus", "s4.calendrier", "s5.documents", "s5.acteurs", "s5.moyens",
    "a1.dynamiques_territoire", "a2.dynamiques_amenagement",
}
PERSON_NAMES = {
    "s1.etat.referent_nom", "s1.collectivite.elu_nom", "s1.collectivite.contact_nom",
    "courrier_collectivite.signataire_nom", "courrier_prefet.signataire_nom",
}
PIECES = ("fiche", "courrier_collectivite", "courrier_prefet")
DEFAULT_SETS = {"samples": "samples", "tune": "samples/unseen/tune", "frozen": "samples/unseen/frozen"}
SURE = ("extracted", "corrected")
REVIEW = "VERIFICATION_REQUISE"
SIGNATURES = ("courrier_collectivite.signe", "courrier_prefet.signe")


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
    if field in PERSON_NAMES and isinstance(want, str) and isinstance(got, str):
        # "BRUNET Josiane" is "Josiane Brunet": the order a letter prints is not the person
        return sorted(_fold(got).split()) == sorted(_fold(want).split())
    if isinstance(want, str) and isinstance(got, str):
        return _fold(got) == _fold(want)
    return got == want


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("’", "'")
    return " ".join(text.split()).casefold()


# ---------------------------------------------------------------- scoring one case

@dataclass
class FieldScore:
    case: str
    field: str
    family: str  # digital | scanned: whether the field's piece was OCR'd
    status: str  # the export's status
    confidence: float | None
    correct: bool
    want: object
    got: object

    @property
    def sure(self) -> bool:
        return self.status in SURE

    @property
    def read(self) -> bool:
        """Guichet gave a value (sure or not): what its confidence speaks about."""
        return self.got is not None


@dataclass
class CaseScore:
    case: str
    fields: list[FieldScore]
    verdict_right: bool
    false_complete: bool
    review: bool
    reasons: tuple[int, int, int]  # right, unexpected, missed (review aside)
    reasons_exact: bool
    pieces_right: dict[str, tuple[bool, bool]]  # kind -> (presence right, count right)
    pages: tuple[int, int]  # right, total
    assembled: bool
    notes: list[str] = dataclass_field(default_factory=list)  # mismatches, for --verbose


def piece_of(field: str) -> str:
    return next((kind for kind in PIECES[1:] if field.startswith(kind + ".")), "fiche")


def families(expected: dict) -> dict[str, str]:
    """Per piece kind, scanned when one of its expected documents was OCR'd; a piece absent
    from the case takes the case's family (scanned when any document was)."""
    documents = expected["documents"]
    case = "scanned" if any(d["ocr"] for d in documents) else "digital"
    result = {}
    for kind in PIECES:
        ocr = [d["ocr"] for d in documents if d["kind"] == kind]
        result[kind] = ("scanned" if any(ocr) else "digital") if ocr else case
    return result


def value_of(entry: dict | None):
    """The value an export field stands for: a missing field says nothing, whatever it holds."""
    if not entry or entry.get("status") == "missing":
        return None
    return entry.get("value")


def reason_counts(want: list[tuple[str, str]], got: list[tuple[str, str]]) -> tuple[int, int, int]:
    """(right, unexpected, missed) reason codes with their detail, as multisets, the review
    reason aside (it is counted apart: it is not a wrong reason)."""
    want_c = Counter(r for r in want if r[0] != REVIEW)
    got_c = Counter(r for r in got if r[0] != REVIEW)
    right = sum((want_c & got_c).values())
    return right, sum(got_c.values()) - right, sum(want_c.values()) - right


def score_case(case: str, expected: dict, got: dict, dossiers: list[dict] | None = None) -> CaseScore:
    family = families(expected)
    fields = []
    notes = []
    for name, want in expected["fields"].items():
        entry = got["fields"].get(name) or {"value": None, "status": "missing", "confidence": None}
        want_value, got_value = value_of(want), value_of(entry)
        ok = same_value(name, got_value, want_value)
        fields.append(FieldScore(case, name, family[piece_of(name)], entry.get("status", "missing"),
                                 entry.get("confidence"), ok, want_value, got_value))
        if not ok:
            notes.append(f"  {case}: {name} [{entry.get('status')}]: expected {want_value!r:.80} "
                         f"got {got_value!r:.80}")
    want_pieces, got_pieces = pieces_found(expected["documents"]), pieces_found(got["documents"])
    if want_pieces != got_pieces:
        notes.append(f"  {case}: pieces expected {_counts(want_pieces)}, got {_counts(got_pieces)}")
    want_kinds, got_kinds = page_kinds(expected["documents"]), page_kinds(got["documents"])
    for key, kind in want_kinds.items():
        if got_kinds.get(key) != kind:
            notes.append(f"  {case}: page {key} expected {kind}, got {got_kinds.get(key)}")
    want_reasons, got_reasons = _reasons(expected), _reasons(got)
    if want_reasons != got_reasons:
        missing = [_reason(r) for r in want_reasons if r not in got_reasons]
        extra = [_reason(r) for r in got_reasons if r not in want_reasons]
        notes.append(f"  {case}: verdict {_verdict(expected)} expected, {_verdict(got)} got; "
                     f"missing {missing or '-'}; unexpected {extra or '-'}")
    assembled, line = _assembly(case, dossiers or [got], got, expected)
    if not assembled:
        notes.append(line)
    want_complete, got_complete = expected["completeness"]["complete"], got["completeness"]["complete"]
    return CaseScore(
        case=case, fields=fields,
        verdict_right=want_complete == got_complete,
        false_complete=got_complete and not want_complete,
        review=any(code == REVIEW for code, _ in got_reasons),
        reasons=reason_counts(want_reasons, got_reasons),
        reasons_exact=want_reasons == got_reasons,
        pieces_right={kind: ((want_pieces[kind] > 0) == (got_pieces[kind] > 0),
                             want_pieces[kind] == got_pieces[kind]) for kind in PIECES},
        pages=(sum(got_kinds.get(k) == v for k, v in want_kinds.items()), len(want_kinds)),
        assembled=assembled, notes=notes)


def _assembly(case: str, dossiers: list[dict], got: dict, expected: dict) -> tuple[bool, str]:
    """Whether the case's messages and files ended up in one dossier, and what went astray."""
    want_hashes = {d["sha256"] for d in expected["documents"]}
    got_hashes = {d["sha256"] for d in got["documents"]}
    want_ids = [m["message_id"] for m in expected.get("messages", [])]
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


# ---------------------------------------------------------------- figures of a set

def sure_but_wrong(fields: list[FieldScore]) -> tuple[int, int]:
    """(wrong, total) among the values the export marks sure (extracted or corrected)."""
    sure = [f for f in fields if f.sure]
    return sum(not f.correct for f in sure), len(sure)


def micro_f1(counts: list[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over (right, unexpected, missed) counts; with nothing
    expected and nothing given, all three are 1."""
    right = sum(c[0] for c in counts)
    given = right + sum(c[1] for c in counts)
    wanted = right + sum(c[2] for c in counts)
    precision = right / given if given else 1.0
    recall = right / wanted if wanted else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def calibration_rows(fields: list[FieldScore]) -> list[dict]:
    """One row per value read with a confidence (what a threshold would sort)."""
    return [{"case": f.case, "field": f.field, "family": f.family, "status": f.status,
             "confidence": f.confidence, "correct": f.correct}
            for f in fields if f.read and f.confidence is not None]


def _share(oks) -> tuple[int, int]:
    oks = list(oks)
    return sum(oks), len(oks)


def figures(scores: list[CaseScore]) -> dict[str, tuple]:
    """The set's row values; (n, N) pairs are shown as n/N and a share."""
    fields = [f for s in scores for f in s.fields]
    fiche = [f for f in fields if piece_of(f.field) == "fiche"]
    letters = [f for f in fields if piece_of(f.field) != "fiche"]
    precision, recall, f1 = micro_f1([s.reasons for s in scores])
    return {
        "dossiers": (len(scores),),
        "verdict right": _share(s.verdict_right for s in scores),
        "wrongly complete": (sum(s.false_complete for s in scores),),
        "sent to review": _share(s.review for s in scores),
        "reason codes exact": _share(s.reasons_exact for s in scores),
        "reason F1 (P / R)": (f1, precision, recall),
        "fiche fields, digital": _share(f.correct for f in fiche if f.family == "digital"),
        "fiche fields, scanned": _share(f.correct for f in fiche if f.family == "scanned"),
        "letter fields, digital": _share(f.correct for f in letters if f.family == "digital"),
        "letter fields, scanned": _share(f.correct for f in letters if f.family == "scanned"),
        "all fields": _share(f.correct for f in fields),
        "signe right (letter there)": _share(f.correct for f in fields
                                             if f.field in SIGNATURES and f.want is not None),
        "SURE BUT WRONG": sure_but_wrong(fields),
        "values needs_review": _share(f.status == "needs_review" for f in fields),
        "pieces present right": _share(ok for s in scores for ok, _ in s.pieces_right.values()),
        "page kinds right": (sum(s.pages[0] for s in scores), sum(s.pages[1] for s in scores)),
        "assembled in one dossier": _share(s.assembled for s in scores),
    }


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
