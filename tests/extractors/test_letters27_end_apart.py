"""A letter's last page photographed apart, with a fiche page photographed between its two
pages (phone photos come in any order): it still ends that letter, found by the kind its
signatory block does not name the other kind of letter (study draw d39: a préfète's letter,
her block read "LA du vaucluse", a fiche page photographed between its two pages)."""

from __future__ import annotations

from extractors.fields import Piece, read_letters
from extractors.model import PieceKind
from tests.extractors.letters import letter, page, prefet_letter

COLL, PREFET = PieceKind.COURRIER_COLLECTIVITE, PieceKind.COURRIER_PREFET
CLOSING = "Je vous prie d'agréer, Madame la sous-directrice, l'expression de ma considération distinguée."
FICHE_PAGE = page([(60, [(60, "4. Objectifs et attendus")]), (90, [(60, "Objectifs : requalifier le centre-bourg")]),
                   (120, [(60, "Calendrier : premier semestre 2027")])], ocr=True)


def _end(*block: str):
    return page([(60, [(60, CLOSING)]), *((110 + 14 * i, [(330, line)]) for i, line in enumerate(block))], ocr=True)


OWN_PAGE = page([(40, [(60, "Compte rendu de la réunion du 3 mars 2026, ordre du jour et présents.")])], ocr=True)


def _pieces(end, first_kind=PREFET, between=FICHE_PAGE):
    first = prefet_letter(closing=(), signatory=(), ocr=True) if first_kind is PREFET \
        else letter(closing=(), signatory=(), ocr=True)
    kind = PieceKind.FICHE if between is FICHE_PAGE else PieceKind.AUTRE
    return [Piece(COLL, "IMG_1.jpg", (letter(ocr=True),)), Piece(first_kind, "IMG_2.jpg", (first,)),
            Piece(kind, "IMG_3.jpg", (between,)), Piece(PieceKind.AUTRE, "IMG_4.jpg", (end,))]


def test_an_end_page_whose_block_names_the_prefet_ends_the_prefets_letter_past_a_fiche_page():
    readings = read_letters(_pieces(_end("La Préfète du Vaucluse", "Marie-Josée WEBER")))
    assert 3 in readings and readings[3].kind is PREFET and readings[3].ended


def test_an_end_page_whose_title_is_lost_ends_the_letter_before_the_fiche_page():
    readings = read_letters(_pieces(_end("LA du vaucluse", "Marie-Josée WEBER")))
    assert 3 in readings and readings[3].kind is PREFET


def test_after_a_page_of_its_own_an_end_page_is_nobodys():
    readings = read_letters(_pieces(_end("LA du vaucluse", "Marie-Josée WEBER"), between=OWN_PAGE))
    assert 3 not in readings


def test_an_end_page_naming_the_prefet_does_not_end_a_commune_letter():
    readings = read_letters(_pieces(_end("La Préfète du Vaucluse", "Marie-Josée WEBER"), first_kind=COLL))
    assert 3 not in readings
