"""A smear on a photo read as a word (session 27): a box far wider than its letters, read with
almost no confidence, is no word of the answer; the words it covered are lost, for a reviewer.
A word read badly at its own width, or a wide word read well, is kept as it was."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.model import FieldStatus, PageText, Word

ROWS = [(100.0, "SECTION 4 – LES OBJECTIFS DE L'ATELIER", ""),
        (120.0, "Objectifs poursuivis", None),
        (160.0, "Attendus de l'Atelier", "Une feuille de route."),
        (180.0, "Calendrier souhaité", "En 2027."),
        (200.0, "SECTION 5 – LES RESSOURCES DE L'ATELIER", ""),
        (220.0, "Documents disponibles", "PLU de 2019."),
        (240.0, "Acteurs à mobiliser", "Le CAUE."),
        (260.0, "Moyens logistiques", "Une salle."),
        (280.0, "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", ""),
        (300.0, "Le bourg perd des habitants.", ""),
        (320.0, "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", ""),
        (340.0, "Un PLUi en cours.", "")]


def _fields(answer):
    """The form's rows, the objectives' answer given as (text, width or None, confidence) words
    on one line of text 9 points high: a word's width is 5 points a letter unless given."""
    words, line = [], 0

    def put(x, y, items):
        nonlocal line
        for text, width, conf in items:
            w = width if width is not None else 5.0 * len(text)
            words.append(Word(text, (x, y, x + w, y + 9.0), conf, line))
            x += w + 5.0
        line += 1

    for y, label, value in ROWS:
        put(60.0, y, [(w, None, 0.93) for w in label.split()])
        items = answer if value is None else [(w, None, 0.93) for w in value.split()]
        put(300.0, y, items)
    page = PageText(1, 595.0, 842.0, tuple(words), ocr=True, confidence=0.9)
    return extract_fiche([("photo.jpg", page)])


WORDS = "Tester des aménagements ; Mieux intégrer la nature.".split()


def test_a_wide_box_read_with_no_confidence_is_a_smear_dropped_for_a_reviewer():
    fields = _fields([("CORRE", 160.0, 0.04), *[(w, None, 0.92) for w in WORDS]])
    value = fields["s4.objectifs"]
    assert value.value == " ".join(WORDS)
    assert value.status == FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("word, width, conf", [
    ("CORRE", 160.0, 0.9),  # wide but read well: what it says is trusted as before
    ("CORRE", 30.0, 0.04),  # read badly at its own width: a word, judged as words are
    ("RELIER", 60.0, 0.05),  # capitals, wide as capitals are
])
def test_a_word_no_wider_than_its_letters_or_read_well_is_kept(word, width, conf):
    fields = _fields([(word, width, conf), *[(w, None, 0.92) for w in WORDS]])
    assert fields["s4.objectifs"].value == " ".join([word, *WORDS])
