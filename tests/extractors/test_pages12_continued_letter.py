"""A letter photographed page by page: its last page, alone in its photo, says no kind of its own
(only the closing formula and a name, the title lost under a stamp) and comes out `autre`.
Right after the letter's first page, which did not end, it is that letter's end and is read as such."""

from __future__ import annotations

from extractors import classify
from extractors.fields import Piece, extract_fields, read_letters
from extractors.model import PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter, page

COLL = PieceKind.COURRIER_COLLECTIVITE
AUTRE = PieceKind.AUTRE
CLOSING = "Veuillez agréer, Madame la sous-directrice, l'assurance de ma considération distinguée."


def first_page():
    """The collectivité's letter up to its body: no closing, no signatory."""
    return letter(closing=(), signatory=())


def last_page(*rows_before):
    """Its end photographed apart: the closing formula and the name; the title was lost."""
    rows = [(40 + 14 * i, [(60, text)]) for i, text in enumerate(rows_before)]
    return page(rows + [(120, [(60, CLOSING)]), (230, [(320, "Isabelle Le Callennec")])], ocr=True)


def pieces(*middle, first=None, last=None):
    return [Piece(COLL, "IMG_1.jpg", ((first or first_page()),)), *middle,
            Piece(AUTRE, "IMG_2.jpg", ((last or last_page()),))]


def test_the_page_says_no_kind_of_its_own():
    decided = classify.classify_page(last_page())
    assert decided is not None and decided.kind is AUTRE
    assert classify.ends_letter(last_page())


def test_the_last_photo_of_a_letter_is_read_as_its_end():
    readings = read_letters(pieces())
    assert sorted(readings) == [0, 1] and readings[1].kind is COLL
    fields = extract_fields(pieces(), {1: SignatureCheck(True, 0.95)})
    assert fields["courrier_collectivite.signe"].value is True  # the signature on the second photo
    assert fields["courrier_collectivite.date"].value is not None  # the head's, from the first


def test_no_page_after_a_letter_that_ended():
    whole = letter()
    assert sorted(read_letters(pieces(first=whole))) == [0]


def test_no_page_after_another_piece():
    # a fiche page between is another photo of the same batch (session 27); a page of its own is not
    own = Piece(AUTRE, "IMG_0.jpg", (page([(40, [(60, "Compte rendu de la réunion du 3 mars 2026.")])]),))
    assert sorted(read_letters(pieces(own))) == [0]
    fiche = Piece(PieceKind.FICHE, "IMG_0.jpg", (page([(40, [(60, "SECTION 5 - LES RESSOURCES DE L'ATELIER")])]),))
    assert sorted(read_letters(pieces(fiche))) == [0, 2]


def test_no_fiche_page_nor_a_page_of_its_own():
    fiche_end = last_page("ANNEXE 2 - LES DYNAMIQUES D'AMÉNAGEMENT")
    assert not classify.ends_letter(fiche_end)
    assert sorted(read_letters(pieces(last=fiche_end))) == [0]
    own = last_page("Objet : demande de subvention")
    assert sorted(read_letters(pieces(last=own))) == [0]
    plain = page([(40, [(60, "Compte rendu de la réunion du 3 mars 2026, ordre du jour et présents.")])], ocr=True)
    assert sorted(read_letters(pieces(last=plain))) == [0]


def test_a_delegation_line_ends_the_prefets_letter_whatever_the_photo_made_of_the_title():
    end = page([(40, [(60, "candidature")]),
                (60, [(60, "Je vous saurais gré de bien vouloir réserver une suite favorable à cette")]),
                (90, [(320, "Le 11 juillet 2026")]),
                (150, [(320, "SALMON Marc-Antoine")]),
                (170, [(320, "Le rorétet. pour le préfet et par délégation")])], ocr=True)
    assert classify.continues_letter(end)
    decided = classify.classify_page(end)
    assert decided is not None and decided.kind is PieceKind.COURRIER_PREFET
    mayor = page([(150, [(320, "Claire Martin")]), (170, [(320, "Pour le maire et par délégation")])], ocr=True)
    assert classify._signatory(classify._lines(mayor)) is not PieceKind.COURRIER_PREFET
