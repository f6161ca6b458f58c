"""Bulk study of the fiche's fields on scans and photos, on the unseen generator's fiches.

Each sample: a fiche of the maker (samples/unseen/maker: dossier.build, fiche.official or
fiche.retyped, converted to PDF), scanned at 150/200/300 dpi (grey, black and white, colour with a
stamp), faxed or photographed page by page as render.build_pieces does, read as the pipeline reads
it (pages.read_file, extract_fields, normalise_fields), every field scored against the spec's truth
with bench.scoring.same_value: right (sure or not), sure-but-wrong, review (read, not sure, wrong)
and missing (nothing read where the truth has a value), per field x layout x degradation.
Page readings are cached (pickle): a change to the field code re-runs in seconds.

    nice -n 5 .venv/bin/python -m bench.fichestudy --seeds 0:150 --out /tmp/fiche/study
    nice -n 5 .venv/bin/python -m bench.fichestudy --seeds 1000:1100 --out /tmp/fiche/held --totals

Seeds 1000-1099 are held out: look only at their totals (--totals).
"""

from __future__ import annotations

import argparse
import collections
import json
import pickle
import random
import sys
from pathlib import Path

LAYOUTS = ("official", "official", "slash", "dash", "table")
MODES = ("scan150", "scan200", "scan200bw", "scan300", "fax", "photo", "scan150c")
SLOTS = (("metro", "commune"), ("corse", "commune"), ("dom974", "commune"), ("dom971", "commune"),
         ("saint", "commune"), ("hyphen", "commune"), ("article", "commune"), ("epci_ca", "epci"),
         ("epci_cc", "epci"), ("epci_metro", "epci"), ("epci_dom", "epci"), ("epci_cu", "epci"))
SEED_BASE = 7_000_000   # far from the generator's own seeds (1000 + i + 100000 * draw)


def sample(seed: int) -> tuple[str, str, str, str]:
    """(layout, degradation, slot, porteur) of sample `seed`."""
    rng = random.Random(seed * 104729 + 7)
    slot, porteur = rng.choice(SLOTS)
    return LAYOUTS[seed % len(LAYOUTS)], MODES[(seed // len(LAYOUTS)) % len(MODES)], slot, porteur


def make_files(seed: int, folder: Path):
    """The degraded fiche's files [(path, kind)] and the spec's truth."""
    from samples.unseen.maker import degrade, dossier, fiche, truth

    layout, mode, slot, porteur = sample(seed)
    recipe = dossier.Recipe(slot, f"{layout}_pdf", mode, "folder", (), porteur)
    spec = dossier.build("", SEED_BASE + seed, recipe)
    rng = random.Random(seed * 31 + 5)
    doc = fiche.official(spec, rng) if layout == "official" else fiche.retyped(spec, rng, layout)
    pdf = fiche.convert(doc, ".docx", "pdf")
    want = {k: v["value"] for k, v in truth.fields(spec).items() if not k.startswith("courrier_")}
    files: list[tuple[Path, str]] = []
    if mode == "fax":
        pages = degrade.rasterise(pdf, 200)
        faxed = [degrade.fax(p, rng, f"12/03/2026 10:14  DDT {spec.dep.code}  P.{i + 1}/{len(pages)}")
                 for i, p in enumerate(pages)]
        path = folder / f"{seed}.tif"
        path.write_bytes(degrade.to_tiff(faxed))
        files.append((path, "image"))
    elif mode == "photo":
        for i, p in enumerate(degrade.rasterise(pdf, 100, grey=False)):
            shot = degrade.photo(p, rng, curl=rng.random() < 0.4)
            path = folder / f"{seed}_{i}.jpg"
            path.write_bytes(degrade.to_jpeg(shot, rng.choice([70, 74, 78])))
            files.append((path, "image"))
    else:
        dpi = int(mode[4:7])
        colour = mode.endswith("c")
        quality = rng.choice([60, 65, 70, 75]) if dpi < 300 else 50
        pages = degrade.rasterise(pdf, dpi, grey=not colour)
        pages = [degrade.scan(p, rng, noise=1.0, blur=0.5, max_skew=rng.choice([0.5, 1.2, 2.5, 3.0]),
                              tint=rng.choice([0.0, 0.03, 0.06, 0.1])) for p in pages]
        if colour:
            pages[0] = degrade.highlight(degrade.stamp(pages[0], rng, "12 MARS 2026"), rng)
        if mode.endswith("bw"):
            pages = [degrade.binarise(p, rng) for p in pages]
        path = folder / f"{seed}.pdf"
        path.write_bytes(degrade.to_pdf(pages, dpi, quality))
        files.append((path, "pdf"))
    return files, want


def read_pages(files, cache: Path):
    """[(file name, page)] as the pipeline reads them, cached."""
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    from extractors.model import FileKind
    from extractors.ocr.engine import TesseractEngine
    from extractors.pages import ReadOptions, read_file

    engine = TesseractEngine()
    out = []
    for path, kind in files:
        read = read_file(str(path), FileKind.PDF if kind == "pdf" else FileKind.IMAGE, path.name,
                         ReadOptions(), engine)
        out += [(path.name, page) for page in read.pages]
    cache.write_bytes(pickle.dumps(out))
    return out


_COG = None


def fields_of(pages) -> dict[str, dict]:
    """The fiche's fields as the export gives them (value and status), the letters left out."""
    global _COG
    from extractors.fields import Piece, extract_fields
    from extractors.model import PieceKind
    from schemas.cog import Cog
    from schemas.normalise import normalise_fields

    if _COG is None:
        _COG = Cog.load()
    files = list(dict.fromkeys(name for name, _ in pages))  # a photo per page: a piece each
    pieces = [Piece(PieceKind.FICHE, name, tuple(p for n, p in pages if n == name)) for name in files]
    resolved = normalise_fields(extract_fields(pieces), _COG)
    return {fid: json.loads(json.dumps({"value": v.value, "status": v.status.value}, default=str))
            for fid, v in resolved.items()}


def outcome(field: str, got: dict, want) -> str:
    from bench.scoring import SURE, same_value

    if same_value(field, got["value"], want):
        return "right" if got["status"] in SURE or want is None else "rightreview"
    if got["value"] is None:
        return "missing"
    return "SUREWRONG" if got["status"] in SURE else "review"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", default="0:150")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--totals", action="store_true", help="held-out seeds: totals only, no instance")
    parser.add_argument("--read-only", action="store_true", help="only make and read the files")
    parser.add_argument("--cached", action="store_true", help="only the seeds whose pages are read")
    parser.add_argument("--field", help="print this field's wrong instances (study seeds only)")
    args = parser.parse_args(argv)
    lo, hi = (int(v) for v in args.seeds.split(":"))
    if args.field and lo < 1100 and hi > 1000:
        sys.exit("seeds 1000-1099 are held out: totals only")
    folder = args.out / "files"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for seed in range(lo, hi):
        meta = folder / f"{seed}.json"
        if args.cached and not (folder / f"{seed}.pages").exists():
            continue
        if meta.exists():
            known = json.loads(meta.read_text())
            files, want = [(Path(p), k) for p, k in known["files"]], known["want"]
        else:
            files, want = make_files(seed, folder)
            meta.write_text(json.dumps({"files": [(str(p), k) for p, k in files], "want": want},
                                       ensure_ascii=False))
        pages = read_pages(files, folder / f"{seed}.pages")
        if args.read_only:
            print(seed, "read", flush=True)
            continue
        got = fields_of(pages)
        layout, mode, _, _ = sample(seed)
        for field, value in want.items():
            g = got.get(field, {"value": None, "status": "missing"})
            rows.append({"seed": seed, "layout": layout, "mode": mode, "field": field,
                         "outcome": outcome(field, g, value), "got": g["value"], "status": g["status"],
                         "want": value})
    if args.read_only:
        return 0
    if not args.totals:
        (args.out / "rows.json").write_text(json.dumps(rows, ensure_ascii=False, indent=0, default=str))
    table(rows, detailed=not args.totals)
    if args.field:
        for r in rows:
            if r["field"] == args.field and r["outcome"] not in ("right", "rightreview"):
                print(r["seed"], r["layout"], r["mode"], r["outcome"], r["status"], "\n  got :",
                      r["got"], "\n  want:", r["want"])
    return 0


def table(rows: list[dict], detailed: bool = True) -> None:
    """Totals, then per layout, per degradation and per field (fields with a miss only)."""
    kinds = ("right", "rightreview", "SUREWRONG", "review", "missing")

    def line(name: str, c: collections.Counter) -> str:
        n, ok = sum(c.values()), c["right"] + c["rightreview"]
        return f"{name:34s} {ok:5d}/{n:<5d} {ok / max(n, 1):.3f}  " + \
            "  ".join(f"{k}={c[k]}" for k in kinds[1:])

    every = collections.Counter(r["outcome"] for r in rows)
    print(line("ALL", every))
    # A value the fiche holds, said left unanswered (status missing): what makes a verdict wrong.
    print(f"{'said unanswered (truth has a value)':34s} "
          f"{sum(r['outcome'] == 'missing' and r['status'] == 'missing' for r in rows):5d}")
    print(line("ALL (fiches all right)", collections.Counter(
        "right" if all(r["outcome"] in ("right", "rightreview") for r in rows if r["seed"] == s) else "review"
        for s in {r["seed"] for r in rows})))
    for key in ("layout", "mode", "section", "field"):
        groups: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        for r in rows:
            groups[r["field"].split(".")[0] if key == "section" else r[key]][r["outcome"]] += 1
        print(f"-- per {key}")
        for name, c in sorted(groups.items()):
            if key != "field" or c["right"] + c["rightreview"] < sum(c.values()):
                print(line(name, c))
    if detailed:
        print("-- field x layout x mode (misses)")
        cross: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
        for r in rows:
            cross[(r["field"], r["layout"], r["mode"])][r["outcome"]] += 1
        def misses(c: collections.Counter) -> int:
            return sum(c.values()) - c["right"] - c["rightreview"]
        for name, c in sorted(cross.items(), key=lambda kv: -misses(kv[1]))[:40]:
            if misses(c):
                print(line(" ".join(name), c))


if __name__ == "__main__":
    raise SystemExit(main())
