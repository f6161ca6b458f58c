"""From a spec to the files of a dossier: the fiche and letters rendered, then digital,
scanned, faxed or photographed, then packaged (folder, mails, zip, merged PDF)."""

from __future__ import annotations

import datetime
import random
import subprocess
import tempfile
from pathlib import Path

from . import degrade, fiche, package, people
from .dossier import Spec
from . import territory as geo

try:
    from .letters import LetterSpec, letter_pdf
except ImportError:     # the letter renderer is written by another hand; stand in until it exists
    from ._letters_standin import LetterSpec, letter_pdf

SCANNED = {"letters_scanned", "scan150", "scan200", "scan300", "fax", "photo", "mixed"}


def page_count(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdfinfo", f.name], capture_output=True, text=True, check=True).stdout
    return int(next(l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")))


def _letter(spec: Spec, l) -> bytes:
    pdep = geo.departements()[l.departement]
    return letter_pdf(LetterSpec(
        kind=l.kind, signatory_name=l.signatory, signatory_title=l.title,
        collectivite_name=l.collectivite if l.kind == "collectivite" else (spec.truth.get("s1.collectivite.nom") or f"Commune {geo.communes()[spec.commune_codes[0]].of()}"),
        collectivite_is_epci=l.is_epci, departement_code=l.departement, departement_name=pdep.nom,
        region_name=geo.regions()[pdep.region], seat_town=l.seat_town, postcode=l.postcode, date=l.date,
        to_dgaln=l.to_dgaln, signed=l.signed,
        project_title=spec.truth.get("s3.intitule") or f"Atelier des territoires Flash – {spec.place}",
        style=l.style))


def _fiche_native(spec: Spec, rng: random.Random) -> tuple[str, bytes]:
    """(extension, bytes) of the fiche as the porteur saved it."""
    form = spec.recipe.form
    layout, fmt = form.split("_")
    docx = fiche.official(spec, rng) if layout == "official" else fiche.retyped(spec, rng, layout)
    if fmt == "docx":
        return ".docx", docx
    if fmt == "odt":
        return ".odt", fiche.convert(docx, ".docx", "odt")
    return ".pdf", fiche.convert(docx, ".docx", "pdf")


def names(spec: Spec, rng: random.Random) -> dict[str, str]:
    """File names as people give them (accents, spaces, dates, scanner names)."""
    slug = people.ascii_slug(spec.place, "-")
    place = spec.place
    who = "Président" if spec.recipe.porteur == "epci" else "Maire"
    options = {
        "fiche": [f"Fiche candidature Atelier Flash – {place}", f"fiche_candidature_{slug}",
                  f"Candidature ATF {place}", f"AtelierFlash_{slug}_fiche_v2", f"FICHE {place.upper()}"],
        "courrier_collectivite": [f"Courrier de soutien {who} {place}", f"lettre_soutien_{slug}",
                                  f"Courrier {who.lower()}", f"Soutien_collectivité_{slug}"],
        "courrier_prefet": ["Lettre du Préfet", f"courrier_prefet_{spec.dep.code}", "Avis préfecture",
                            f"Soutien préfète {spec.dep.nom}", "Courrier_signé_PREF"],
    }
    return {k: rng.choice(v) for k, v in options.items()}


def build_pieces(spec: Spec) -> tuple[list[package.Piece], list[tuple[str, bytes]]]:
    """The pieces as files, and (kind, pdf) for each, for merged outputs."""
    rng = random.Random(spec.seed * 7 + 1)
    render = spec.recipe.render
    named = names(spec, rng)
    raw: list[tuple[str, str, bytes]] = []     # kind, ext, bytes
    if spec.fiche:
        ext, data = _fiche_native(spec, rng)
        raw.append(("fiche", ext, data))
    seen_coll = False
    for l in spec.letters:
        kind = "courrier_collectivite" if l.kind == "collectivite" else "courrier_prefet"
        raw.append((kind, ".pdf", _letter(spec, l)))
        if kind == "courrier_collectivite" and seen_coll:
            named.setdefault("second", f"Courrier maire {l.seat_town}")
        seen_coll |= kind == "courrier_collectivite"
    pdfs = [(kind, data if ext == ".pdf" else fiche.convert(data, ext, "pdf")) for kind, ext, data in raw]
    pieces: list[package.Piece] = []
    used: set[str] = set()

    def name_for(kind: str, ext: str) -> str:
        base = named[kind] if kind + ext not in used else named.get("second", named[kind] + " (2)")
        used.add(kind + ext)
        return base + ext

    stamp_text = spec.mail_date.strftime("%d %b %Y").upper()
    flip_done = False
    for (kind, ext, data), (_, pdf) in zip(raw, pdfs):
        mode = render
        if render == "letters_scanned":
            mode = "digital" if kind == "fiche" else rng.choice(["scan150", "scan200"])
        if render == "mixed":
            mode = {"fiche": "scan200c", "courrier_collectivite": "photo"}.get(kind, "digital")
        if mode == "digital":
            pieces.append(package.Piece(kind, name_for(kind, ext), data, page_count(pdf), False))
        elif mode.startswith("scan"):
            dpi = int(mode[4:7])
            colour = mode.endswith("c") or (dpi == 300 and kind == "fiche")
            quality = rng.choice([70, 75, 80, 85]) if dpi < 300 else 72
            pages = degrade.rasterise(pdf, dpi, grey=not colour)
            pages = [degrade.scan(p, rng, noise=1.0, blur=0.5, max_skew=rng.choice([0.5, 1.2, 2.5, 3.0]))
                     for p in pages]
            if colour and kind == "fiche":
                pages[0] = degrade.highlight(degrade.stamp(pages[0], rng, stamp_text), rng)
            if "flip" in spec.recipe.defects and kind == "fiche" and not flip_done and len(pages) > 1:
                pages[1] = pages[1].rotate(180)
                flip_done = True
            scanner = rng.choice(["SCAN", "Numérisation", "doc", "SKM_C250i"])
            fname = f"{scanner}_{spec.mail_date:%Y%m%d}_{rng.randrange(1000, 9999)}.pdf" if rng.random() < 0.6 \
                else name_for(kind, ".pdf")
            pieces.append(package.Piece(kind, fname, degrade.to_pdf(pages, dpi, quality), len(pages), True))
        elif mode == "fax":
            pages = degrade.rasterise(pdf, 200)
            sender = "MAIRIE" if kind == "courrier_collectivite" else ("PREFECTURE" if kind == "courrier_prefet" else "DDT")
            header = f"{spec.mail_date:%d/%m/%Y %H:%M}  {sender} {spec.dep.code}"
            faxed = [degrade.fax(p, rng, f"{header}  P.{i + 1}/{len(pages)}") for i, p in enumerate(pages)]
            pieces.append(package.Piece(kind, f"FAX_{spec.dep.code}_{rng.randrange(100000, 999999)}.tif",
                                        degrade.to_tiff(faxed), len(faxed), True))
        elif mode == "photo":
            for i, p in enumerate(degrade.rasterise(pdf, 120, grey=False)):
                shot = degrade.photo(p, rng, curl=rng.random() < 0.4)
                stamp = spec.mail_date - datetime.timedelta(days=1) + datetime.timedelta(seconds=17 * len(pieces) + 29 * i)
                pieces.append(package.Piece(kind, f"IMG_{stamp:%Y%m%d_%H%M%S}.jpg",
                                            degrade.to_jpeg(shot, rng.choice([72, 78, 82])), 1, True))
    return pieces, pdfs
