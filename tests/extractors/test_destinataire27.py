"""destinataire_dgaln on faxes and scans: the addressee block's parts, each read faintly, agreeing.

The blocks are the unseen maker's (samples/unseen/maker/letters): its four DGALN address blocks and
the other addressees a préfet writes to; their words' confidences are drawn as a fax or a poor
scan gives them. A sure "yes" must be right: never on another addressee."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PageText, PieceKind
from samples.unseen.maker.letters.texts import DGALN_LINES, STREETS
from schemas.normalise import normalise_fields
from tests.extractors.letters import page, prefet_letter

PREFET = PieceKind.COURRIER_PREFET
FIELD = "courrier_prefet.destinataire_dgaln"


def _read(text: PageText):
    value = read_letter(PREFET, "fax.tif", (text,)).fields["destinataire_dgaln"]
    return normalise_fields({FIELD: value}, None)[FIELD]


def _faint(text: PageText, block, rng: random.Random, low: float, high: float) -> PageText:
    """The block's words read at confidences drawn in [low, high), the rest as the page's."""
    lines: dict[int, list] = {}
    for w in text.words:
        lines.setdefault(w.line, []).append(w)
    faint = {n for n, ws in lines.items() if " ".join(w.text for w in ws) in block}
    return replace(text, words=tuple(replace(w, conf=round(rng.uniform(low, high), 2)) if w.line in faint else w
                                     for w in text.words))


def _sure_yes(value) -> bool:
    return value.value is True and value.status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("block", DGALN_LINES, ids=lambda b: b[0][:24])
def test_the_makers_dgaln_blocks_read_faintly_everywhere_are_a_sure_yes(block, seed):
    """Every line of the block under 0.7, as on a fax: no one line is sure, their parts
    (acronyms, the sous-direction's name, the tower) agreeing are. It was for a reviewer."""
    text = _faint(prefet_letter(addressee=tuple(block), salutation="Madame la sous-directrice,", ocr=True,
                                conf=0.92), block, random.Random(seed), 0.42, 0.68)
    value = _read(text)
    assert _sure_yes(value) and value.confidence >= 0.8


def test_a_faint_acronym_line_under_a_well_read_title():
    """Case of a fax: "Madame la sous-directrice | de l'aménagement durable" read at 0.9 over
    "DGALN - DHUP" at 0.66: the title names the chain surely, whatever the acronyms."""
    block = ("Madame la sous-directrice", "de l'aménagement durable", "DGALN - DHUP", "Tour Séquuia",
             "92055 LA DÉFENSE ECEDIX")
    text = prefet_letter(addressee=block, salutation="Madame,", ocr=True, conf=0.9)
    text = replace(text, words=tuple(replace(w, conf=0.47) if w.text == "DHUP" else
                                     replace(w, conf=0.5) if w.text in ("Séquuia", "ECEDIX") else w
                                     for w in text.words))
    value = _read(text)
    assert _sure_yes(value) and value.confidence >= 0.85


def test_a_row_whose_right_piece_sits_a_hair_higher_names_the_sous_direction():
    """"Sous-direction" | "de l'aménagement durable" read as two lines, the second's top 0.3 pt
    higher: still one printed row, naming the chain (the block's acronyms read at 0.46)."""
    rows = [(40, [(60, "PRÉFÈTE DU NORD")]), (53, [(60, "Liberté Égalité Fraternité")]),
            (80, [(60, "Direction départementale des territoires et de la mer")]),
            (140, [(300, "DGALN/DHUP/ADI")]), (153, [(300, "Sous-direction"), (378, "de l'aménagement durable")]),
            (166, [(300, "Atelier des territoires")]), (179, [(300, "Tour Séquoia")]),
            (192, [(300, "92055 La Défense cedex")]), (220, [(300, "Lille, 19 avril 2026")]),
            (250, [(60, "N/Réf. : FC/URBA/2026-158")]),
            (270, [(60, "Objet : Avis sur la candidature de la commune de Caudry")]),
            (300, [(60, "Madame, Monsieur,")]), (320, [(60, "Je soutiens cette candidature.")]),
            (350, [(60, "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée.")]),
            (380, [(320, "La Préfète")]), (440, [(320, "Marie Lenoir")])]
    text = page(rows, ocr=True, conf=0.93)
    apart = {"de", "l'aménagement", "durable"}

    def damaged(w):
        if w.text == "DGALN/DHUP/ADI":
            return replace(w, conf=0.46)
        if w.text in apart and w.bbox[1] == 153:  # its own OCR line, a hair higher
            return replace(w, line=99, bbox=(w.bbox[0], 152.7, w.bbox[2], w.bbox[3] - 0.3))
        return w

    value = _read(replace(text, words=tuple(damaged(w) for w in text.words)))
    assert _sure_yes(value) and value.confidence >= 0.85


@pytest.mark.parametrize("block", [("DGALN",), ("Monsieur le Directeur", "DGALN / DHUP", "Paris")],
                         ids=["alone", "two-acronyms-one-word-faint"])
def test_one_doubtful_token_is_no_sure_yes(block):
    """A block whose only part naming the chain is one faint word: for a reviewer."""
    text = prefet_letter(addressee=block, salutation="Madame,", ocr=True, conf=0.93)
    text = replace(text, words=tuple(replace(w, conf=0.5) if w.text in ("DGALN", "DHUP") else w
                                     for w in text.words))
    if len(block) > 1:  # one of the two acronyms well read: a part naming the chain surely
        text = replace(text, words=tuple(w for w in text.words if w.text != "DHUP"))
    value = _read(text)
    assert not _sure_yes(value)


def _others(rng: random.Random) -> list[tuple[str, ...]]:
    """The addressees the maker gives a préfet's letter that is not the DGALN's, and others a
    préfet writes to: a ministre's cabinet, a service sharing the ministère's tower, the ANCT."""
    street = rng.choice(STREETS)
    return [("Monsieur le Maire", "Hôtel de ville", street, "72300 Sablé-sur-Sarthe"),
            ("Madame la Présidente", "Communauté de communes du Pays de Sablé", street, "72300 Sablé-sur-Sarthe"),
            ("Monsieur le Préfet de la Sarthe", "DDT(M) – Service aménagement", street, "CS 00001"),
            ("Madame la Directrice départementale", "des territoires", "de la Sarthe", street),
            ("Monsieur le Ministre de la Transition écologique", "Cabinet du ministre", "Hôtel de Roquelaure",
             "246 boulevard Saint-Germain", "75007 Paris"),
            ("Monsieur le Directeur général de la prévention des risques", "Ministère de la Transition écologique",
             "Tour Séquoia", "92055 La Défense cedex"),
            ("Monsieur le Directeur général délégué", "Agence nationale de la cohésion des territoires",
             "Atelier des territoires", "20 avenue de Ségur", "75007 Paris")]


@pytest.mark.parametrize("low, high", [(0.42, 0.68), (0.85, 0.97)], ids=["fax", "scan"])
@pytest.mark.parametrize("which", range(7))
def test_another_addressee_is_never_a_sure_yes(which, low, high):
    rng = random.Random(which)
    block = _others(rng)[which]
    text = _faint(prefet_letter(addressee=block, ocr=True, conf=0.92), block, rng, low, high)
    assert not _sure_yes(_read(text))


def _faxed_prefet_letter(seed: int, to_dgaln: bool) -> PageText:
    """A préfet's letter drawn by the unseen maker, sent by fax (200 dpi, one bit), OCR'd as Guichet does."""
    import datetime
    import io

    from extractors.images import image_pages
    from extractors.ocr.engine import TesseractEngine
    from extractors.ocr.page import ocr_page
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf

    spec = LetterSpec("prefet", "Solène Perrot", "La Préfète du Calvados", "Commune de Lisieux", False, "14",
                      "Calvados", "Normandie", "Caen", "14100", datetime.date(2026, 3, 12), to_dgaln, True,
                      "Revitaliser le centre", seed)
    image = degrade.fax(degrade.rasterise(letter_pdf(spec), 200)[0], random.Random(seed), "12/03/2026 PREF")
    buffer = io.BytesIO()
    image.save(buffer, format="TIFF", dpi=(200, 200))
    page_image, dpi = next(image_pages(buffer.getvalue(), max_pixels=10**8, max_pages=1))
    return ocr_page(page_image, TesseractEngine(), number=1, dpi=dpi)


def test_a_faxed_letter_to_the_dgaln_drawn_by_the_maker_is_a_sure_yes():
    """Its block "DGALN/DHUP/AD1" (read at 0.68) | "Sous-direction" "de l'aménagement duräble"
    (0.75, one row in two pieces) | "Atelier des territoires" | "Tour Séquoia" | "92055 La Défense
    cedex": no part sure alone, all agreeing. It was 0.68, for a reviewer."""
    value = _read(_faxed_prefet_letter(1, True))
    assert _sure_yes(value) and value.confidence >= 0.85


def test_a_faxed_letter_to_the_maire_drawn_by_the_maker_is_no_yes():
    assert _read(_faxed_prefet_letter(1, False)).value is False


def test_the_sous_directions_name_with_its_head_misread_on_a_photo_is_a_yes_for_a_reviewer():
    """The acronyms' line lost, "Sous-direction" read "{Sous Sous" beside "de l'aménagement
    durable" (its own OCR line), "Atelier" read "Ateber": no part names the chain surely, but
    what is left is its name, and no other authority's. It was a "no" (for a reviewer too)."""
    rows = [(85, [(73, "PRÉFET DU LOIRET")]), (162, [(444, "Le prétet du Loiret")]), (186, [(504, "à")]),
            (209, [(416, "{Sous Sous"), (488, "de l'aménagement durable")]), (223, [(420, "Ateber des")]),
            (238, [(420, "Tour")]), (252, [(416, "92085 La Détense cedex")]),
            (286, [(83, "Nos réf. JR/PREF/2026 396")]),
            (310, [(83, "Objet : Candidature de la commune de Ferrières-en-Gâtinais")]),
            (340, [(83, "Madame,")]), (360, [(83, "Je soutiens cette candidature.")]),
            (390, [(83, "Je vous prie d'agréer, Madame, l'expression de ma considération distinguée.")]),
            (420, [(444, "Le préfet")]), (480, [(444, "Sophie Brocas")])]
    text = page(rows, ocr=True, conf=0.8)
    text = replace(text, words=tuple(replace(w, line=99) if w.bbox[1] == 209 and w.bbox[0] >= 488 else w
                                     for w in text.words))
    value = _read(text)
    assert value.value is True and value.status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("block", [("Monsieur le Directeur départemental", "des territoires", "Service de l'aménagement",
                                    "rue de la République"),
                                   ("Direction départementale des territoires", "Service aménagement durable",
                                    "rue de la République", "45000 Orléans")])
def test_a_service_of_amenagement_is_no_yes(block):
    text = _faint(prefet_letter(addressee=block, salutation="Madame la Directrice,", ocr=True, conf=0.9), block,
                  random.Random(3), 0.5, 0.8)
    assert _read(text).value is not True
