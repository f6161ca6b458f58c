"""Retyped fiches as porteurs write them (the unseen generator's 'slash', 'dash' and 'table'
layouts): section headings in their own numbering, ticked options on lines of their own,
long labels filling their cell up to the answer."""

from __future__ import annotations

import pytest

from extractors.fields.fiche import extract_fiche
from extractors.fields.labels import find_labels, numbered_heading
from extractors.fields.layout import Row, Token, norm, page_rows
from extractors.model import PageText, Word

CHAR = 5.0
HEIGHT = 9.0


def _page(lines: list[tuple[float, float, str]], ocr: bool = False) -> PageText:
    words = []
    heights = sorted({y for _, y, _ in lines})
    for x, y, text in lines:
        for word in text.split():
            words.append(Word(word, (x, y, x + CHAR * len(word), y + HEIGHT), 0.95 if ocr else 1.0,
                              heights.index(y)))
            x += CHAR * (len(word) + 1)
    return PageText(1, 595.0, 842.0, tuple(words), ocr=ocr, confidence=0.9)


def _row(text: str) -> Row:
    return Row("f", 1, tuple(Token(w, norm(w), "f", 1, (0, 0, 1, 1), 1.0, (0, 0, 1, 1)) for w in text.split()))


def _lines(texts: list[str], x: float = 60.0) -> list[tuple[float, float, str]]:
    return [(x, 80.0 + 20 * i, text) for i, text in enumerate(texts)]


@pytest.mark.parametrize("heading", ["2/ Localisation", "21 Localisation", "2) La localisation de l'atelier",
                                     "2 – Localisation", "Section 2 : Localisation", "II. Localisation",
                                     "PARTIE 2 - LOCALISATION"])
def test_a_section_heading_in_any_numbering_ends_the_last_answer_of_the_section_before(heading):
    lines = _lines(["Autres partenaires associés : CAUE, agence d'urbanisme", heading,
                    "Commune(s) concernée(s) : Vitré"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s1.partenaires"].value == "CAUE, agence d'urbanisme"
    assert fields["s2.communes"].value == "Vitré"


@pytest.mark.parametrize("text", [
    "1. Identifier les ressources foncières",  # a numbered answer naming another section's word
    "Au premier semestre 2027, 5/ Ressources",  # not at the start of its row
    "2/ Porteurs du projet",  # the number and the title's words disagree
    "3. Localisation des commerces, des services, des équipements publics et des parkings du centre",
])
def test_numbered_answers_are_not_headings(text):
    assert not numbered_heading(_row(text))


def test_a_heading_ends_the_calendar_even_on_the_last_page_line_of_a_section():
    lines = _lines(["Calendrier souhaité : Au premier semestre 2027.", "5/ Ressources",
                    "Acteurs à mobiliser : le CAUE"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s4.calendrier"].value == "Au premier semestre 2027."
    assert fields["s5.acteurs"].value == "le CAUE"


@pytest.mark.parametrize("tick", ["✓", "☒", "X", "[X]", "■"])
def test_a_ticked_option_on_its_own_line_is_no_label(tick):
    """'✓ Commune' under "Nature de la collectivité" is not the label "Commune(s)" of
    section 2: taking it for one would skip every label in between."""
    lines = _lines(["Collectivité porteuse", "Commune de Chiconi", "Nature de la collectivité",
                    f"{tick} Commune", "☐ EPCI", "Nom et prénom de l'élu(e) référent(e)", "MADI Céline",
                    "Qualité", "Maire", "2/ Localisation", "Commune(s) concernée(s)", "Chiconi"])
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s1.collectivite.type"].value == "commune"
    assert fields["s1.collectivite.elu_nom"].value == "MADI Céline"
    assert fields["s1.collectivite.elu_qualite"].value == "Maire"
    assert fields["s2.communes"].value == "Chiconi"


def test_a_long_label_filling_its_cell_ends_where_the_answer_cell_starts():
    """The label's last word comes within three spaces of the answer: the label matched
    word for word, a gap wider than the letters' height is the cell's edge."""
    label_end = 60.0 + CHAR * len("disposition (salle, restauration…)")
    lines = [(60.0, 100.0, "Acteurs à mobiliser"), (240.0, 100.0, "Le CAUE, la Région."),
             (60.0, 114.0, "Moyens logistiques mis à"), (label_end + 12, 114.0, "Salle du conseil pour"),
             (60.0, 128.0, "disposition (salle, restauration…)"), (label_end + 12, 128.0, "les ateliers.")]
    fields = extract_fiche([("f.pdf", _page(lines))])
    assert fields["s5.acteurs"].value == "Le CAUE, la Région."
    assert fields["s5.moyens"].value == "Salle du conseil pour les ateliers."
