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
