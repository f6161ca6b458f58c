"""Bulk study of the letters' fields on the unseen generator's letters.

Each sample is bench/signstudy.py's (a maker letter, its last page degraded as the generator's
recipes do) with its signatory's quality line drawn from the ones real letters print
(samples/unseen/maker/letters/qualities.py): préfet(e), sous-préfet(e) of an arrondissement,
"pour le préfet et par délégation" a secrétaire général(e) or a directeur départemental…; maire,
président(e), adjoint… The letter is read as the pipeline reads it (pages.read_file, read_letter,
the worker's signature_of, letter_fields, then schemas.normalise for the status a reviewer
sees), and each field is scored against the letter's spec: right (sure and right), sure-but-wrong,
review (right value / wrong or no value), missing; per field × degradation × kind.

Page readings and signature checks are cached (pickle), so a change to the letters' fields
re-runs in seconds. Seeds >= 1000 are held out: only their totals are printed.

    nice -n 5 .venv/bin/python -m bench.letterstudy --seeds 0:200 --out /tmp/letters/study

A scanned letter of several pages keeps its last page only (counted apart, "/cut"); with
--every-page (and its own --files), scans and faxes keep every page, so the heading's fields
(collectivité, date, département) are measured on letters of several pages too.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime
import io
import json
import pickle
import random
import subprocess
import sys
from pathlib import Path

from bench.signstudy import MODES, letter_spec, make_file, read_pages

HELD_OUT = 1000  # seeds from here on: totals only, never one instance
ARRONDISSEMENTS = {"34": ["Béziers", "Lodève"], "2A": ["Sartène"], "972": ["La Trinité", "Le Marin", "Saint-Pierre"],
                   "26": ["Die", "Nyons"], "29": ["Brest", "Morlaix", "Châteaulin"], "57": ["Forbach", "Sarreguemines"],
                   "974": ["Saint-Pierre", "Saint-Paul"], "2B": ["Corte", "Calvi"], "971": ["Pointe-à-Pitre"],
                   "76": ["Dieppe", "Le Havre"], "22": ["Lannion", "Dinan", "Guingamp"]}
FIELDS = {"collectivite": ("signataire_nom", "signataire_qualite", "collectivite", "date", "signe"),
          "prefet": ("signataire_nom", "signataire_qualite", "departement", "date", "signe", "destinataire_dgaln")}
OUTCOMES = ("right", "sure_wrong", "review_right", "review_wrong", "missing")


def retitled(spec, seed: int):
    """The spec with a quality line drawn for this seed (its own rng: the letter's draws stay)."""
    from samples.unseen.maker.letters.names import commune_town, is_female
    from samples.unseen.maker.letters.qualities import collectivite_quality, prefet_quality

    rng = random.Random(seed * 104729 + 7)
    female = bool(is_female(spec.signatory_name, ""))
    if spec.kind == "prefet":
        towns = ARRONDISSEMENTS.get(spec.departement_code) or [commune_town(spec.collectivite_name)]
        title, slug = prefet_quality(rng, female, spec.departement_code, spec.departement_name, spec.region_name,
                                     rng.choice(towns))
    else:
        town = spec.seat_town if spec.collectivite_is_epci else commune_town(spec.collectivite_name)
        title, slug = collectivite_quality(rng, female, spec.collectivite_is_epci, town, spec.collectivite_name)
    spec = dataclasses.replace(spec, signatory_title=title)
    retitled.truths[seed] = truth_of(spec, slug)  # type: ignore[attr-defined]
    return spec


retitled.truths = {}  # type: ignore[attr-defined]


def truth_of(spec, slug: str) -> dict:
    out = {"kind": spec.kind, "title": spec.signatory_title, "signataire_nom": spec.signatory_name,
           "signataire_qualite": slug, "date": spec.date.isoformat(), "signe": spec.signed}
    if spec.kind == "prefet":
        out.update(departement=spec.departement_code, destinataire_dgaln=spec.to_dgaln)
    else:
        out["collectivite"] = spec.collectivite_name
    return out


def sample(seed: int, folder: Path, every_page: bool = False) -> tuple[Path, str, dict]:
    """(path, blob kind, truth) of sample `seed`, made once. `every_page`: a scan or a fax of a
    letter of several pages keeps them all (its heading page too), not only its last (the same
    last page); a folder holds samples of one kind or the other."""
    meta = folder / f"{seed}.json"
    if meta.exists():
        known = json.loads(meta.read_text())
        if bool(known["truth"].get("every_page")) != every_page:
            raise SystemExit(f"{folder}: samples made {'with' if not every_page else 'without'} --every-page")
        if "whole" in known["truth"]:
            return Path(known["path"]), known["kind"], known["truth"]
        path, kind, truth = Path(known["path"]), known["kind"], known["truth"]
    else:
        path, kind, info, _ = make_file(seed, folder, retitled=retitled, stamp=False)
        truth = dict(retitled.truths[seed], dmode=info["dmode"])  # type: ignore[attr-defined]
        if every_page:
            truth["every_page"] = True
            if truth["dmode"] not in ("digital", "photo") and page_count(seed) > 1:
                path = _with_heading_pages(seed, path, truth["dmode"])
    truth["whole"] = truth["dmode"] == "digital" or page_count(seed) == 1 or every_page and truth["dmode"] != "photo"
    meta.write_text(json.dumps({"path": str(path), "kind": kind, "truth": truth}, ensure_ascii=False))
    return path, kind, truth


def _with_heading_pages(seed: int, path: Path, mode: str) -> Path:
    """The scan or fax `path` (the letter's last page, as signstudy makes it) with the letter's
    pages before it put first, degraded alike with their own draws (the last page unchanged).
    A photo stays one page: a phone takes one picture a page, each its own file."""
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import letter_pdf_info

    pdf, _ = letter_pdf_info(letter_spec(seed, retitled=retitled, stamp=False)[0])
    rng = random.Random(seed * 6007 + 11)
    if mode == "fax":
        heads = [degrade.fax(page, rng, f"12/03/2026 10:14  MAIRIE 34  P.{i + 1}")
                 for i, page in enumerate(degrade.rasterise(pdf, 200)[:-1])]
        from PIL import Image

        last = Image.open(path)
        path.write_bytes(degrade.to_tiff(heads + [last.copy()]))
        return path
    dpi = 150 if mode == "scan150" else 200
    heads = [degrade.scan(page, rng, noise=1.0, blur=0.5, max_skew=rng.choice([0.5, 1.2, 2.5, 3.0]),
                          tint=rng.choice([0.0, 0.03, 0.06, 0.1])) for page in degrade.rasterise(pdf, dpi)[:-1]]
    if mode == "scan200bw":
        heads = [degrade.binarise(page, rng) for page in heads]
    return _prepended(path, degrade.to_pdf(heads, dpi, rng.choice([60, 65, 70, 75])))


def _prepended(path: Path, heads: bytes) -> Path:
    """The PDF `path` with the pages of `heads` before its own (its own pages copied as they are)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(heads)
    document.import_pages(pdfium.PdfDocument(path.read_bytes()))
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def page_count(seed: int) -> int:
    """How many pages the letter of sample `seed` has: a scan or a photo keeps its last only."""
    from samples.unseen.maker.letters import letter_pdf_info

    pdf, _ = letter_pdf_info(letter_spec(seed, retitled=retitled, stamp=False)[0])
    out = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return int(next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:")))


def letter_values(path: Path, kind: str, pages, letter_kind: str, cache: Path, cog) -> dict:
    """The letter's fields as the pipeline exports them (letter read alone: no fiche)."""
    from extractors.fields.courrier import block_worth_reading, letter_fields, read_letter
    from extractors.fields.fiche import FICHE_FIELDS
    from extractors.fields.given_names import doubt_accents
    from extractors.fields.name_accents import accents_written_elsewhere
    from extractors.fields.plausible import doubt_misread
    from extractors.model import FieldValue, PieceKind
    from schemas.normalise import normalise_fields
    from worker.core.signatures import code_version, signature_of

    piece = PieceKind.COURRIER_PREFET if letter_kind == "prefet" else PieceKind.COURRIER_COLLECTIVITE
    reading = read_letter(piece, path.name, tuple(pages))
    checks = {}
    if reading.zone is not None:
        zone = dataclasses.replace(reading.zone, read_block=block_worth_reading(reading))
        key = cache.with_suffix(f".check{int(zone.read_block)}.{code_version()}")  # what the check read depends on it
        if key.exists():
            checks[0] = pickle.loads(key.read_bytes())
        else:
            checks[0] = signature_of(str(path), kind, pages[zone.page], zone, 10**8)
            key.write_bytes(pickle.dumps(checks[0]))
    raw = {f: FieldValue.missing() for f in FICHE_FIELDS}
    raw.update(letter_fields([reading], None, checks))
    every_page = [(path.name, page) for page in pages]  # as extract_fields doubts names and misreadings
    raw = doubt_accents(accents_written_elsewhere(doubt_misread(raw, every_page), every_page), every_page)
    return {k: v for k, v in normalise_fields(raw, cog).items() if k.startswith(piece.value + ".")}


def outcome(field: str, value, want) -> str:
    from bench.scoring import same_value
    from extractors.fields.courrier import same_collectivite
    from extractors.model import FieldStatus

    if value.status is FieldStatus.MISSING or value.value is None and value.status is not FieldStatus.NEEDS_REVIEW:
        return "missing"
    got = value.value
    if isinstance(got, datetime.date):
        got = got.isoformat()
    right = same_value(field, got, want) or field.endswith(".collectivite") and same_collectivite(got, want) == 2
    if value.status is FieldStatus.NEEDS_REVIEW:
        return "review_right" if right else "review_wrong"
    return "right" if right else "sure_wrong"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0:200")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--files", type=Path, help="where the samples and their readings are kept (default OUT/files)")
    parser.add_argument("--every-page", action="store_true",
                        help="scans and faxes keep every page of the letter (its heading too): its own --files")
    args = parser.parse_args(argv)
    from schemas.cog import Cog

    cog = Cog.load()
    lo, hi = (int(v) for v in args.seeds.split(":"))
    folder = args.files or args.out / "files"
    folder.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = []
    for seed in range(lo, hi):
        path, kind, truth = sample(seed, folder, args.every_page)
        pages = read_pages(path, kind, folder / f"{seed}.pages")
        print(f"seed {seed}", file=sys.stderr, flush=True)
        values = letter_values(path, kind, pages, truth["kind"], folder / f"{seed}.pages", cog)
        for name in FIELDS[truth["kind"]]:
            field = f"courrier_{truth['kind']}.{name}"
            value = values[field]
            got = value.value.isoformat() if isinstance(value.value, datetime.date) else value.value
            # a scanned letter of several pages keeps its last only: no head, maybe no closing formula
            rows.append({"seed": seed, "kind": truth["kind"] + ("" if truth["whole"] else "/cut"),
                         "mode": truth["dmode"], "field": name,
                         "outcome": outcome(field, value, truth[name]), "want": truth[name], "got": got,
                         "status": value.status.value, "confidence": value.confidence, "title": truth["title"]})
    held = lo >= HELD_OUT
    if not held:  # single instances of study seeds only
        (args.out / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0, default=str))
    print(table(rows, by_mode=not held))
    return 0


def table(rows: list[dict], by_mode: bool = True) -> str:
    """Per kind × field (× degradation): how many right, sure-but-wrong, review (right / wrong), missing."""
    count: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in rows:
        for mode in ((row["mode"], "all") if by_mode else ("all",)):
            count[(row["kind"], row["field"], mode)][row["outcome"]] += 1
    order = {m: i for i, m in enumerate(MODES + ("all",))}
    lines = [f"{'kind':12} {'field':19} {'mode':9} " + " ".join(f"{o:>12}" for o in OUTCOMES)]
    for (kind, field, mode), c in sorted(count.items(), key=lambda kv: (kv[0][0], kv[0][1], order[kv[0][2]])):
        lines.append(f"{kind:12} {field:19} {mode:9} " + " ".join(f"{c[o]:12}" for o in OUTCOMES))
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
