"""Session 23's letter families (draws d25, d26): the signatory area, names under strokes."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields.courrier import read_letter
from extractors.fields.signataire import name_of, name_shape, quality_of, repaired_titles
from extractors.model import PieceKind, Word
from tests.extractors.letters import letter, row_line

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET


def _with(page, *extra: Word):
    return replace(page, words=tuple(sorted(page.words + extra, key=lambda w: (w.bbox[1], w.bbox[0]))))


def test_a_script_signature_read_as_a_tall_sure_word_does_not_close_the_zone():
    """A script-font signature over the name (and a stamp) read "66" (0.66) four lines high, the
    name lost under it: the zone runs on past it, where the ink is, instead of ending at its top
    (a sure and wrong "not signed": COURRIER_COLLECTIVITE_NON_SIGNE on a signed letter)."""
    page = letter(signatory=("La Maire de Vitré,",), after=("10 boulevard Gambetta 35500 Vitré",),
                  ocr=True, conf=0.95)
    quality = next(w for w in page.words if w.text == "Maire")
    line = max(w.line for w in page.words) + 1
    tall = Word("66", (400.0, quality.bbox[3] + 60, 452.0, quality.bbox[3] + 95), 0.66, line)
    zone = read_letter(COLL, "lettre.pdf", (_with(page, tall),)).zone
    assert zone.bbox[3] >= tall.bbox[3], zone.bbox
    # a printed line of sure words still closes it
    footer = next(w for w in page.words if w.text == "Gambetta")
    assert zone.bbox[3] <= footer.bbox[1]


def test_a_line_of_print_height_still_closes_the_zone():
    page = letter(signatory=("La Maire de Vitré,",), after=("Copie : services techniques",), ocr=True, conf=0.95)
    zone = read_letter(COLL, "lettre.pdf", (page,)).zone
    copies = next(w for w in page.words if w.text == "Copie")
    assert zone.bbox[3] <= copies.bbox[1]


def test_a_damaged_title_line_is_no_name():
    """"La Prétète du Lot" (a photo's f read t) is the préfète's quality line, not her name."""
    assert name_shape("La Prétète du Lot") == 0.0
    assert name_shape("Armelle Castagnet") > 0.9
    lines = [row_line(320, 600, "La Prétète du Lot", 0), row_line(320, 660, "Mets", 1)]
    name = name_of(lines)
    assert name is None or not name.sure or "Lot" not in name.text


def test_a_maire_with_one_letter_misread_after_its_article():
    """"La Mairg," under a stroke is "La Maire,"; "Marie" (a name) and "la mairie" are not."""
    assert repaired_titles("la mairg,") == "la maire,"
    assert repaired_titles("le moire de vitre") == "le maire de vitre"
    assert repaired_titles("anne la marie") == "anne la marie"
    assert repaired_titles("la mairie de vitre") == "la mairie de vitre"
    quality = quality_of([row_line(320, 600, "La Mairg,", 0)], COLL.value, False)
    assert quality is not None and quality.slug == "maire"


def test_a_speck_read_as_a_comma_between_first_name_and_surname():
    name = name_of([row_line(320, 600, "Noémie, CASANOVA", 0)])
    assert name is not None and name.text == "Noémie CASANOVA"
    # a title before the comma is still a title
    name = name_of([row_line(320, 600, "Le Maire, Joël Le Besco", 0)])
    assert name is not None and name.text == "Joël Le Besco"


def _line(x: float, top: float, cells: list[tuple[str, float]], line: int, height: float = 10.5):
    """A line of words each read with its confidence, `height` points tall."""
    from extractors.fields.courrier_layout import Line
    from extractors.text import normalise

    words, cursor = [], x
    for text, conf in cells:
        width = 5.2 * len(text)
        words.append(Word(text, (cursor, top, cursor + width, top + height), conf, line))
        cursor += width + 5.2
    text = " ".join(t for t, _ in cells)
    return Line(tuple(words), 0, text, normalise(text))


def test_a_name_read_surely_before_a_strokes_letters():
    """"Benoît Étienne sn A}": the signature's end read as letters after the name; the name is
    what was read surely before them, for a reviewer (it may be cut), not the whole line."""
    lines = [_line(320, 600, [("Le", 0.95), ("Maire,", 0.95)], 0),
             _line(320, 660, [("Benoît", 0.96), ("Étienne", 0.96), ("sn", 0.52), ("A}", 0.27)], 1)]
    name = name_of(lines)
    assert name is not None and name.text == "Benoît Étienne" and name.sure and name.confidence < 0.8
    # strokes read surely after the name are no name's end: the line stays unread
    lines[1] = _line(320, 660, [("Benoît", 0.96), ("Étienne", 0.96), ("sn", 0.52), ("Az", 0.9)], 1)
    name = name_of(lines)
    assert name is None or not name.sure


def test_a_name_whose_words_are_boxed_far_taller_than_the_type_is_under_strokes():
    """"Olivier SALMC": a signature's strokes ran into the name's letters and into its boxes (three
    lines tall): read surely by OCR, it is for a reviewer; a name of the block's type size is not."""
    quality = _line(320, 600, [("Le", 0.95), ("Sous-préfet,", 0.95)], 0, height=15)
    inked = _line(300, 680, [("Olivier", 0.9), ("SALMC", 0.9)], 1, height=43)
    name = name_of([quality, inked])
    assert name is not None and name.text == "Olivier SALMC" and name.confidence < 0.8
    typed = _line(300, 680, [("Olivier", 0.9), ("SALMON", 0.9)], 1, height=16)
    assert name_of([quality, typed]).confidence >= 0.85


def test_a_name_read_unsure_that_spells_the_elu_is_sure():
    from extractors.fields.signataire_elu import confirmed_by_elu
    from extractors.model import FieldStatus, FieldValue

    read = FieldValue("Olivier SALMON", 0.75, None, FieldStatus.EXTRACTED)
    assert confirmed_by_elu(read, "SALMON Olivier").confidence >= 0.8
    assert confirmed_by_elu(read, "Olivier SALMC").confidence == 0.75
    assert confirmed_by_elu(read, None).confidence == 0.75


def test_the_delegating_title_with_ocr_marks_around_it():
    """"Le Sous-préfet," "pour la‘préfête-et par délégation": the sous-préfet signs (a stray quote
    after the article, a hyphen before "et" hid the delegation: a sure and wrong 'prefet')."""
    lines = [row_line(320, 600, "Le Sous-préfet,", 0), row_line(320, 614, "pour la‘préfète-et par délégation", 1)]
    quality = quality_of(lines, PREFET.value, None)
    assert quality is not None and quality.slug == "sous_prefet"


def test_a_sous_prefet_reread_whose_delegating_title_is_lost():
    """The page read an untitled delegate (`autre`, unsure); the block read again gives "Le
    Sous-préfet, Du et par délégation" (the préfet lost under the strokes): the sous-préfet."""
    from extractors.fields.courrier_reread import _untitled_delegate
    from extractors.model import FieldStatus, FieldValue

    page = FieldValue("autre", 0.6, None, FieldStatus.EXTRACTED)
    again = quality_of([row_line(320, 600, "Le Sous-préfet, Du et par délégation", 0)], PREFET.value, None)
    assert again is not None and again.slug == "sous_prefet"
    assert _untitled_delegate(page, again)
    alone = quality_of([row_line(320, 600, "Le Sous-préfet,", 0)], PREFET.value, None)
    assert not _untitled_delegate(page, alone)


def test_a_sous_prefet_title_whose_end_a_stroke_damaged():
    """"La Sous-préf&té," read again on dark ink: a sous-préfète; "Sous-préf." too; a
    "sous-préfecture" in a letterhead is no title."""
    from extractors.fields.signataire import roles_in
    from extractors.text import normalise

    assert [r for _, r, _ in roles_in(normalise("La Sous-préf&té, pour étète et gâr délégation"))] == ["sous_prefet"]
    assert [r for _, r, _ in roles_in(normalise("Le Sous-préf."))] == ["sous_prefet"]
    assert roles_in(normalise("Sous-préfecture de Lodève")) == []


def test_an_elided_article_keeps_no_space_in_a_collectivites_name():
    """"Communauté de communes de l'" | "Alta Rocca" over a line end: "de l'Alta Rocca" (the
    letter's collectivité is a text field: `clean_text` joins it, as every other)."""
    from schemas.values import clean_text as _elided

    assert _elided("Communauté de communes de l' Alta Rocca") == "Communauté de communes de l'Alta Rocca"
    assert _elided("Métropole d’ Aix-Marseille-Provence") == "Métropole d’Aix-Marseille-Provence"
    assert _elided("Commune de Saint-Pierre") == "Commune de Saint-Pierre"


def test_a_surnames_end_left_by_the_strokes_is_no_sure_name():
    """"UR Armelle" for "VASSEUR Armelle": two capitals, no particle, are a cut surname."""
    name = name_of([row_line(320, 600, "Le Préfet,", 0), row_line(320, 660, "UR Armelle", 1)])
    assert name is not None and name.confidence < 0.8
    assert name_of([row_line(320, 600, "La Maire,", 0), row_line(320, 660, "Chantal LE GALL", 1)]).confidence >= 0.9


def test_a_date_line_is_no_unreadable_name():
    """The block's last line a fax's date ("Saint-Denis-de-Gastines, le 22 octobre 2026"): no name."""
    name = name_of([row_line(320, 600, "Saint-Denis-de-Gastines, le 22 octobre 2026", 0)])
    assert name is None


def test_a_scans_dark_block_under_a_large_grey_stamp_is_read_on_black_and_white():
    """A 150 dpi scan: the typed block is black, a large grey stamp over it is most of the area's
    ink. Taken for a blurred photo's grey print, the area was read on its grey, the stamp with
    it ("Le S ve et,"); the typed words' own ink is dark, so the stamp is thresholded away."""
    import numpy as np
    from PIL import Image, ImageDraw

    from extractors.signature_dark import dark_ink

    dpi = 150.0
    scale = dpi / 72.0
    image = Image.new("L", (int(595 * scale), int(300 * scale)), 245)
    draw = ImageDraw.Draw(image)
    boxes = []
    for row in range(3):  # three lines of typed words, black
        for k in range(4):
            box = (300.0 + 45 * k, 60.0 + 20 * row, 300.0 + 45 * k + 38, 60.0 + 20 * row + 9)
            boxes.append(box)
            draw.rectangle([v * scale for v in box], fill=25)
    for r in range(60, 110, 3):  # a large grey stamp over them
        draw.ellipse([(380 - r) * scale, (90 - r) * scale, (380 + r) * scale, (90 + r) * scale], outline=150, width=4)
    zone = (250.0, 20.0, 595.0, 220.0)
    grey = dark_ink(image, zone, dpi)
    assert len(np.unique(np.asarray(grey))) > 2  # the old rule: little dark ink, read on its grey
    crop = dark_ink(image, zone, dpi, printed=tuple(boxes))
    assert set(np.unique(np.asarray(crop)).tolist()) <= {0, 255}
    # a blurred photo's grey print stays grey
    blurred = Image.new("L", image.size, 245)
    draw = ImageDraw.Draw(blurred)
    for box in boxes:
        draw.rectangle([v * scale for v in box], fill=140)
    draw.line([(320 * scale, 150 * scale), (500 * scale, 100 * scale)], fill=20, width=3)
    assert len(np.unique(np.asarray(dark_ink(blurred, zone, dpi, printed=tuple(boxes))))) > 2


def test_an_objet_ending_on_entree_de_ville_names_no_commune_madame():
    """"Objet : … requalifier" | "l'entrée de ville" | "Madame, Monsieur,": the objet's end runs on
    into the salutation; "ville Madame" is no commune (a digital letter went to review)."""
    from tests.extractors.letters import letter

    page = letter(head=("ARPAJON-SUR-CÈRE",), objet="Objet : Atelier des territoires Flash – requalifier l'entrée de ville",
                  salutation="Madame, Monsieur,",
                  body=("J'ai l'honneur de vous adresser la candidature de la commune d'Arpajon-sur-Cère à",
                        "l'appel à projets « Atelier des territoires Flash »."),
                  signatory=("La Maire, Anne-Sophie Noël",))
    reading = read_letter(COLL, "lettre.pdf", (page,))
    assert reading.fields["collectivite"].value == "Commune d'Arpajon-sur-Cère"
