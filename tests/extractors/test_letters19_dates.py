"""A letter's date line, not a phone number of its letterhead shaped like a date ("Tél.
04.77,56.22.56": "56.22.56" after a word and a comma)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter


@pytest.mark.parametrize("phone", ["Tél. 02.99,75.05.42", "T. 02 99 75,05.42.42", "Standard 0299,31.12.26"])
def test_a_phone_number_of_the_letterhead_is_no_date(phone):
    text = letter(head=("Commune de Vitré", "Place du Château", phone), date="Vitré, le 12 mars 2026", ocr=True)
    assert read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (text,)).fields["date"].value == "12 mars 2026"


def test_a_numeric_date_line_is_still_a_date():
    text = letter(date="Vitré, le 12/03/2026", ocr=True)
    assert read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (text,)).fields["date"].value == "12/03/2026"


@pytest.mark.parametrize("line", ['"Faità Bordeaux, le 6 mai 2026', "« Fait à Bordeaux, le 6 mai 2026"])
def test_a_date_line_by_the_signature_with_a_mark_before_it_or_its_words_glued(line):
    text = letter(date=None, signatory=(line, "La Sous-préfète", "Claire Martin"), ocr=True)
    assert read_letter(PieceKind.COURRIER_PREFET, "scan.pdf", (text,)).fields["date"].value == "6 mai 2026"


def test_a_bare_numeric_date_above_the_letterhead_gives_way_to_the_letters_own_date_line():
    """A fax's transmission header ("06/07/2026" alone on its line at the top of the page) or a
    "received" stamp is no date of the letter: "Grand'Rivière, le 4 juillet 2026" is (it was a
    sure and wrong 2026-07-06)."""
    head = ("06/07/2026", "Commune de Grand'Rivière", "Place de la Mairie", "97218 Grand'Rivière")
    text = letter(head=head, date="Grand'Rivière, le 4 juillet 2026", ocr=True, conf=0.93)
    assert read_letter(PieceKind.COURRIER_COLLECTIVITE, "f.tif", (text,)).fields["date"].value == "4 juillet 2026"
    alone = letter(head=head, date=None, ocr=True, conf=0.93)  # nothing else: the one date there is
    assert read_letter(PieceKind.COURRIER_COLLECTIVITE, "f.tif", (alone,)).fields["date"].value == "06/07/2026"
