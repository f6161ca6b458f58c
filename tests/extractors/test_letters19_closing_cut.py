"""A letter's last page photographed apart, its closing formula cut by the photo: "Veuillez
agréer, Madame la sous-" on one line, "considération distinguée." on another, the words between
lost. Each half is still a closing formula: the page ends the letter before it."""

from __future__ import annotations

import pytest

from extractors import classify
from extractors.fields import Piece, read_letters
from extractors.model import PieceKind
from tests.extractors.letters import letter, page

COLL = PieceKind.COURRIER_COLLECTIVITE


def _last_page(first: str, second: str):
    return page([(110, [(60, first)]), (124, [(60, "considération distinguée.")]),
                 (160, [(330, "Président de la Communauté de communes du Val d'Orge")]),
                 (300, [(330, "Aurélie DUPRAT")]),
                 (760, [(160, "3 rue des Écoles - 91240 SAINT-MICHEL")]),
                 (772, [(150, "T. 01 69 00 00 00 - Courriel : accueil@cc-valdorge.fr")]),
                 (784, [(200, "www.cc-valdorge.fr")]), (800, [(290, second)])], ocr=True)


@pytest.mark.parametrize("first, second", [("Veuillez agréer, Madame la sous- “hrs en |", "22"),
                                           ("Veuillez recevoir, Madame, nos", "4")])
def test_a_closing_cut_in_two_still_ends_the_letter(first, second):
    last = _last_page(first, second)
    assert classify.ends_letter(last)
    pieces = [Piece(COLL, "IMG_1.jpg", (letter(closing=(), signatory=(), ocr=True),)),
              Piece(PieceKind.AUTRE, "IMG_2.jpg", (last,))]
    readings = read_letters(pieces)
    assert sorted(readings) == [0, 1] and readings[1].fields["signataire_nom"].value == "Aurélie DUPRAT"


def test_a_sentence_with_the_words_is_no_closing():
    assert not classify._POLITESSE.search("nous vous invitons a veuillez")
    assert not classify._POLITESSE.search("la consideration du projet par les services")
