"""From a spec to the files of a dossier: the fiche and letters rendered, then digital,
scanned, faxed or photographed, then packaged (folder, mails, zip, merged PDF)."""

from __future__ import annotations

import datetime
import random
import re
import subprocess
import tempfile

from . import degrade, fiche, package, people, territory as geo
from .dossier import Spec
from .letters import LetterSpec, letter_pdf

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
        collectivite_is_epci=l.is_epci if l.kind == "collectivite" else spec.recipe.porteur == "epci", departement_code=l.departement, departement_name=pdep.nom,
        region_name=geo.regions()[pdep.region], seat_town=l.seat_town, postcode=l.postcode, date=l.date,
        to_dgaln=l.to_dgaln, signed=l.signed,
        project_title=spec.truth.get("s3.intitule") or f"Atelier des territoires Flash – {spec.place}",
        style=l.style))


CIVILITY = re.compile(r"^(M\.|Mme|Madame|Monsieur|Mlle)\s+")
HEADING = re.compile(r"^(mairie|ville|commune)\s+(de |d'|du |des )(.+)$", re.I)


def pdf_text(pdf: bytes) -> list[str]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        out = subprocess.run(["pdftotext", f.name, "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def printed_facts(spec: Spec, l, pdf: bytes) -> None:
    """The signatory's name and the collectivité as this letter prints them (the renderer
    chooses the form: 'Mme Éloïse OLLIVIER', 'FERRAND Dominique', 'MAIRIE DE CORTE')."""
    lines = pdf_text(pdf)
    first, last = l.signatory_first, l.signatory_last
    for line in reversed(lines):
        low = line.casefold()
        if first.casefold() in low and last.casefold() in low and len(line) < 60:
            name = line.split(", ")[-1].rstrip(",")
            l.printed_name = CIVILITY.sub("", name).strip()
            break
    if l.kind == "collectivite" and not l.is_epci:
        town = l.seat_town
        l.printed_coll = "Commune " + geo_of(town, l.departement)
        for line in lines[:10]:
            m = HEADING.match(line)
            if m and m.group(3).casefold() in (town.casefold(), geo_of(town, l.departement).split(" ", 1)[-1].casefold()):
                l.printed_coll = f"{m.group(1).capitalize()} {geo_of(town, l.departement)}"
                break


def geo_of(town: str, dep: str) -> str:
    c = next((c for c in geo.communes().values() if c.nom == town and c.departement == dep), None)
    return c.of() if c else f"de {town}"


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
    pref = next((l for l in spec.letters if l.kind == "prefet"), None)
    pdep = geo.departements()[pref.departement] if pref else spec.dep
    place = spec.place
    who = "Président" if spec.recipe.porteur == "epci" else "Maire"
    options = {
        "fiche": [f"Fiche candidature Atelier Flash – {place}", f"fiche_candidature_{slug}",
                  f"Candidature ATF {place}", f"AtelierFlash_{slug}_fiche_v2", f"FICHE {place.upper()}"],
        "courrier_collectivite": [f"Courrier de soutien {who} {place}", f"lettre_soutien_{slug}",
                                  f"Courrier {who.lower()}", f"Soutien_collectivité_{slug}"],
        "courrier_prefet": ["Lettre du Préfet", f"courrier_prefet_{pdep.code}", "Avis préfecture",
                            f"Soutien préfecture {pdep.nom}", "Courrier_signé_PREF"],
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
        pdf = _letter(spec, l)
        printed_facts(spec, l, pdf)
        raw.append((kind, ".pdf", pdf))
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
            mode = {"fiche": "scan150c", "courrier_collectivite": "photo"}.get(kind, "digital")
        if mode == "digital":
            pieces.append(package.Piece(kind, name_for(kind, ext), data, page_count(pdf), False))
        elif mode.startswith("scan"):
            dpi = int(mode[4:7])
            colour = mode.endswith("c")
            quality = rng.choice([60, 65, 70, 75]) if dpi < 300 else 50
            pages = degrade.rasterise(pdf, dpi, grey=not colour)
            pages = [degrade.scan(p, rng, noise=1.0, blur=0.5, max_skew=rng.choice([0.5, 1.2, 2.5, 3.0]),
                                  tint=rng.choice([0.0, 0.03, 0.06, 0.1]))
                     for p in pages]
            if colour and kind == "fiche":
                pages[0] = degrade.highlight(degrade.stamp(pages[0], rng, stamp_text), rng)
            elif dpi >= 200 and rng.random() < 0.35:     # a black-and-white scan (1 bit)
                pages = [degrade.binarise(p, rng) for p in pages]
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
            for i, p in enumerate(degrade.rasterise(pdf, 100, grey=False)):
                shot = degrade.photo(p, rng, curl=rng.random() < 0.4)
                stamp = spec.mail_date - datetime.timedelta(days=1) + datetime.timedelta(seconds=17 * len(pieces) + 29 * i)
                pieces.append(package.Piece(kind, f"IMG_{stamp:%Y%m%d_%H%M%S}.jpg",
                                            degrade.to_jpeg(shot, rng.choice([70, 74, 78])), 1, True))
    return pieces, pdfs
