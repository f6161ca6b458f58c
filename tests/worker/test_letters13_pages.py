"""A letter's last page photographed apart says no kind of its own (`autre`); read as the end of
the letter right before it, its document is a page of that letter (session 13)."""

from __future__ import annotations

from extractors.fields import Piece, read_letters
from extractors.model import PieceKind
from tests.extractors.letters import letter, page
from worker.core.pipeline import FoundDocument, letter_ends_kinded

COLL = PieceKind.COURRIER_COLLECTIVITE
AUTRE = PieceKind.AUTRE
CLOSING = "Veuillez agréer, Madame la sous-directrice, l'assurance de ma considération distinguée."


def _dossier(last_page, first=None, overridden=False):
    first = first or letter(closing=(), signatory=(), ocr=True)
    pieces = [Piece(COLL, "IMG_1.jpg", (first,)), Piece(AUTRE, "IMG_2.jpg", (last_page,))]
    spans = [FoundDocument.failed(9, {"code": "FILE_EMPTY", "message": "vide"}),  # a file not read: no piece
             FoundDocument(1, (1,), COLL, 0.8, True), FoundDocument(2, (1,), AUTRE, 0.7, True,
                                                                   kind_overridden=overridden)]
    return spans, pieces


END = page([(60, [(60, CLOSING)]), (300, [(330, "Le Maire")])], ocr=True)


def test_the_end_of_the_letter_before_takes_its_kind():
    spans, pieces = _dossier(END)
    kinded = letter_ends_kinded(spans, pieces, read_letters(pieces))
    assert [s.kind for s in kinded] == [AUTRE, COLL, COLL]
    assert kinded[2].confidence == 0.7 and kinded[0] == spans[0]


def test_a_reviewers_word_and_a_page_of_its_own_stand():
    spans, pieces = _dossier(END, overridden=True)
    assert letter_ends_kinded(spans, pieces, read_letters(pieces))[2].kind is AUTRE
    own = page([(60, [(60, "Compte rendu de la réunion du 3 mars 2026, ordre du jour et présents.")])], ocr=True)
    spans, pieces = _dossier(own)
    assert letter_ends_kinded(spans, pieces, read_letters(pieces))[2].kind is AUTRE
    spans, pieces = _dossier(END, first=letter(ocr=True))  # the letter before had ended
    assert letter_ends_kinded(spans, pieces, read_letters(pieces))[2].kind is AUTRE
