"""Bulk study of the letters' signature check on the unseen generator's letters.

Each sample: a letter of the maker (samples/unseen/maker/letters), signed or not, its last page
degraded as the generator's recipes do (scan 150/200 dpi grey, 200 dpi black and white, fax,
phone photo, or left digital), read as the pipeline reads a piece (pages.read_file, read_letter,
the worker's signature_of), tabulated per degradation and per way the signature was drawn.
The page readings are cached (pickle) so a change to the signature code re-runs in seconds.

Half the unsigned letters carry a round stamp near the block (the hard case for "not signed").
Seeds 1000-1119 are held out: run them with --quiet (totals only), never look at them one by one.

    nice -n 5 .venv/bin/python -m bench.signstudy --seeds 0:200 --out /tmp/sign/study
    nice -n 5 .venv/bin/python -m bench.signstudy --seeds 0:60 --every photo --out /tmp/sign/photo
    nice -n 5 .venv/bin/python -m bench.signstudy --seeds 1000:1120 --quiet --out /tmp/sign/held
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import json
import pickle
import random
import sys
from pathlib import Path

MODES = ("scan150", "scan200", "scan200bw", "fax", "photo", "digital")


def letter_spec(seed: int, signed: bool | None = None, retitled=None, stamp: bool | None = None):
    """(spec, the rng whose draws go on to the degradation) of sample `seed`. `retitled(spec,
    seed)`: the spec changed before it is drawn (bench/letterstudy.py varies the quality line);
    `stamp`: whether an unsigned letter carries a stamp (from its own seed unless given)."""
    from samples.unseen.maker.letters.names import random_person
    from samples.unseen.maker.preview_letters import EXAMPLES

    rng = random.Random(seed * 7919 + 13)
    base = EXAMPLES[seed % len(EXAMPLES)]
    first, last, _ = random_person(rng)
    drawn = rng.random() < 0.75
    signed = drawn if signed is None else signed
    # half the unsigned letters carry a stamp near the block (own seed: the signed ones are unchanged)
    stamp = not signed and (random.Random(seed * 31 + 5).random() < 0.5 if stamp is None else stamp)
    spec = dataclasses.replace(base, style=seed, signed=signed, signatory_name=f"{first} {last}",
                               stamp_unsigned=stamp)
    return (spec if retitled is None else retitled(spec, seed)), rng


def make_file(seed: int, folder: Path, mode: str | None = None, signed: bool | None = None,
              retitled=None, stamp: bool | None = None) -> tuple[Path, str, dict, bool]:
    """(path, blob kind, how the signature was drawn, signed) of sample `seed` (its degradation,
    whether it is signed and, unsigned, whether it carries a stamp follow from the seed unless
    given; `retitled`: see letter_spec)."""
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import letter_pdf_info

    spec, rng = letter_spec(seed, signed, retitled, stamp)
    signed = spec.signed
    pdf, info = letter_pdf_info(spec)
    mode = mode or MODES[seed % len(MODES)]
    info = dict(info.get("signature") or {}, dmode=mode)
    if mode == "digital":
        path = folder / f"{seed}.pdf"
        path.write_bytes(pdf)
        return path, "pdf", info, signed
    if mode == "fax":
        page = degrade.rasterise(pdf, 200)[-1]
        path = folder / f"{seed}.tif"
        path.write_bytes(degrade.to_tiff([degrade.fax(page, rng, "12/03/2026 10:14  MAIRIE 34  P.1/1")]))
        return path, "image", info, signed
    if mode == "photo":
        page = degrade.rasterise(pdf, 100, grey=False)[-1]
        info["curl"] = rng.random() < 0.4
        shot = degrade.photo(page, rng, curl=info["curl"])
        path = folder / f"{seed}.jpg"
        path.write_bytes(degrade.to_jpeg(shot, rng.choice([70, 74, 78])))
        return path, "image", info, signed
    dpi = 150 if mode == "scan150" else 200
    quality = rng.choice([60, 65, 70, 75])
    page = degrade.rasterise(pdf, dpi)[-1]
    page = degrade.scan(page, rng, noise=1.0, blur=0.5, max_skew=rng.choice([0.5, 1.2, 2.5, 3.0]),
                        tint=rng.choice([0.0, 0.03, 0.06, 0.1]))
    if mode == "scan200bw":
        page = degrade.binarise(page, rng)
    path = folder / f"{seed}.pdf"
    path.write_bytes(degrade.to_pdf([page], dpi, quality))
    return path, "pdf", info, signed


def letter_kind(seed: int) -> str:
    """The kind of letter (collectivite, prefet) of sample `seed`."""
    from samples.unseen.maker.preview_letters import EXAMPLES

    return EXAMPLES[seed % len(EXAMPLES)].kind


def read_pages(path: Path, kind: str, cache: Path):
    """The file's pages as the pipeline reads them, cached."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from extractors.model import FileKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.pages import ReadOptions, read_file

    pages = read_file(str(path), FileKind.PDF if kind == "pdf" else FileKind.IMAGE, path.name, ReadOptions(),
                      TesseractEngine()).pages
    cache.write_bytes(pickle.dumps(pages))
    return pages


def check(path: Path, kind: str, pages, letter_kind: str):
    from extractors.fields.courrier import block_worth_reading, read_letter
    from extractors.model import PieceKind
    from worker.core.signatures import signature_of

    piece = PieceKind.COURRIER_PREFET if letter_kind == "prefet" else PieceKind.COURRIER_COLLECTIVITE
    reading = read_letter(piece, path.name, tuple(pages))
    if reading.zone is None:
        return None
    zone = dataclasses.replace(reading.zone, read_block=block_worth_reading(reading))
    return signature_of(str(path), kind, pages[zone.page], zone, 10**8)


def check_seed(seed: int, path: Path, kind: str, pages_cache: Path):
    """`check` of sample `seed`'s file, its pages read (and cached at `pages_cache`) as the pipeline reads them."""
    return check(path, kind, read_pages(path, kind, pages_cache), letter_kind(seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0:60")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--every", help="this degradation for every seed (not the seed's own)")
    parser.add_argument("--unsigned", action="store_true", help="every letter unsigned")
    parser.add_argument("--quiet", action="store_true",
                        help="totals per degradation only (the held-out seeds 1000-1119)")
    args = parser.parse_args(argv)
    lo, hi = (int(v) for v in args.seeds.split(":"))
    folder = args.out / "files"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    modes = set(args.modes.split(","))
    for seed in range(lo, hi):
        if not args.every and MODES[seed % len(MODES)] not in modes:
            continue
        meta = folder / f"{seed}.json"
        if meta.exists():
            known = json.loads(meta.read_text())
            path, kind, info, signed = Path(known["path"]), known["kind"], known["info"], known["signed"]
        else:
            path, kind, info, signed = make_file(seed, folder, args.every, False if args.unsigned else None)
            meta.write_text(json.dumps({"path": str(path), "kind": kind, "info": info, "signed": signed}))
        result = check_seed(seed, path, kind, folder / f"{seed}.pages")
        row = {"seed": seed, "signed": signed, "mode": info["dmode"], "info": info,
               "read": None if result is None else result.signed,
               "confidence": None if result is None else result.confidence,
               "detail": "pas de zone" if result is None else result.detail}
        rows.append(row)
        if not args.quiet:
            print(json.dumps(row, ensure_ascii=False), flush=True)
    (args.out / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0))
    tables(rows, args.quiet)
    return 0


def drawing(row: dict) -> str:
    """How the ink was drawn (vector, png, scan, script) or, unsigned, whether a stamp is there."""
    info = row["info"]
    if not row["signed"]:
        return "stamp" if info.get("stamp") else "blank"
    return info.get("render", "?") + ("+stamp" if info.get("stamp") else "")


def table(rows: list[dict], by=lambda row: row["mode"], title: str = "mode") -> None:
    """Per degradation (or `by`): signed letters read signed / undecided / unsigned; unsigned likewise."""
    count: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for row in rows:
        read = {True: "signed", False: "unsigned", None: "undecided"}[row["read"]]
        for key in (by(row), "all"):
            count[(key, row["signed"])][read] += 1
    print(f"{title:22} {'truth':9} {'signed':>7} {'undec':>6} {'unsigned':>8}")
    for (key, signed), c in sorted(count.items(), key=lambda kv: (kv[0][0] == "all", kv[0][0], not kv[0][1])):
        print(f"{key:22} {'signed' if signed else 'unsigned':9} {c['signed']:7} {c['undecided']:6} {c['unsigned']:8}")


def tables(rows: list[dict], totals_only: bool = False) -> None:
    """The study's tables: per degradation, and (unless totals only) per degradation x drawing,
    per placement of the ink and per ink."""
    table(rows)
    if totals_only:
        return
    table(rows, lambda row: f"{row['mode']}/{drawing(row)}", "mode/drawing")
    table(rows, lambda row: row["info"].get("mode", "-") if row["signed"] else drawing(row), "placement")
    table(rows, lambda row: f"{row['info'].get('ink', '-')}/{row['info'].get('weight', '-')}", "ink/weight")


if __name__ == "__main__":
    sys.exit(main())
