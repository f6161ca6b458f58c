"""An EPCI's letterhead on a phone photo: the emblem beside its name's second line read as a word
of consonants ("mms Sud Nivernais", "mms de l'Espace Sud de la Martinique"), kept inside the
collectivité's name. No French word has no vowel: such a word, read unsure, is the emblem's."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter

SIGNATORY = ("Le Président,", "Olivier Bellay")


@pytest.mark.parametrize("head, name", [
    (("Communauté de communes", "mms Sud Nivernais", "1 rue du Marché", "58300 Decize"),
     "Communauté de communes Sud Nivernais"),
    (("Communauté d'agglomération", "mms de l'Espace Sud de la Martinique", "97228 Sainte-Luce"),
     "Communauté d'agglomération de l'Espace Sud de la Martinique"),
])
def test_an_emblems_marks_are_not_in_the_name(head, name):
    page = letter(head=head, signatory=SIGNATORY, ocr=True, conf=0.7)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "photo.jpg", (page,))
    assert reading.fields["collectivite"].value.replace("l' ", "l'") == name


def test_a_word_read_surely_is_a_word():
    page = letter(head=("Communauté de communes", "mms Sud Nivernais", "58300 Decize"), signatory=SIGNATORY,
                  ocr=True, conf=0.95)
    reading = read_letter(PieceKind.COURRIER_COLLECTIVITE, "scan.pdf", (page,))
    assert "mms" in reading.fields["collectivite"].value
