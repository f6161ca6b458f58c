"""A letter in two files (two photos, two scans): the second continues the first."""

from __future__ import annotations

from extractors.fields import Piece, extract_fields
from extractors.fields.continuation import joined_continuations
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import CLOSING, page, prefet_letter

PREFET = PieceKind.COURRIER_PREFET


def first_page():
    """The préfet's letter up to its body: no closing, no signatory."""
    return prefet_letter(closing=(), signatory=())


def second_page(**kwargs):
    """Its end, photographed apart: the closing formula and the signatory block only."""
    rows = [(66, [(60, "Mes services restent à votre disposition pour tout complément.")]),
            (80, [(60, CLOSING[0])]), (94, [(60, CLOSING[1])]),
            (150, [(320, "Le préfet,")]),
            (210, [(320, "Emmanuel Aubry")])]
    return page(rows, **kwargs)


def test_the_second_photo_of_a_letter_joins_the_first():
    readings = {4: read_letter(PREFET, "IMG_1.jpg", (first_page(),)),
                6: read_letter(PREFET, "IMG_2.jpg", (second_page(),))}
    assert readings[6].fields["destinataire_dgaln"].value is None  # read alone: nobody addressed
    joined = joined_continuations(readings)
    assert list(joined) == [6]  # one letter, where the signature is
    fields = joined[6].fields
    assert fields["destinataire_dgaln"].value is True
    assert fields["signataire_qualite"].value == "prefet"
    assert fields["date"].value == readings[4].fields["date"].value


def test_two_whole_letters_of_one_kind_stay_two():
    readings = {1: read_letter(PREFET, "a.pdf", (prefet_letter(),)),
                2: read_letter(PREFET, "b.pdf", (prefet_letter(signatory=("Le sous-préfet,", "Jean Dupont")),))}
    assert joined_continuations(readings) == readings


def test_a_letter_that_ended_is_continued_by_nothing():
    readings = {1: read_letter(PREFET, "a.pdf", (prefet_letter(),)),
                2: read_letter(PREFET, "b.jpg", (second_page(),))}
    assert list(joined_continuations(readings)) == [1, 2]


def test_the_dossier_reads_the_addressee_of_a_letter_in_two_photos():
    pieces = [Piece(PREFET, "IMG_1.jpg", (first_page(),)), Piece(PREFET, "IMG_2.jpg", (second_page(),))]
    check = SignatureCheck(True, 0.95)
    fields = extract_fields(pieces, {1: check})
    assert fields["courrier_prefet.destinataire_dgaln"].value is True
    assert fields["courrier_prefet.signataire_qualite"].value == "prefet"
    assert fields["courrier_prefet.signe"].value is True


def test_a_field_both_pages_read_comes_from_the_surer_reading():
    from extractors.fields.continuation import _joined_fields
    from extractors.model import FieldStatus, FieldValue

    head = {"departement": FieldValue([{"commune": "Saint-Denis."}], 0.7, None, FieldStatus.EXTRACTED),
            "date": FieldValue("19 septembre 2026", 0.85, None, FieldStatus.EXTRACTED)}
    tail = {"departement": FieldValue([{"departement": "LA RÉUNION"}], 0.9, None, FieldStatus.EXTRACTED),
            "destinataire_dgaln": FieldValue(None, 0.3, None, FieldStatus.NEEDS_REVIEW)}
    joined = _joined_fields(head, tail)
    assert joined["departement"] is tail["departement"] and joined["date"] is head["date"]
    assert joined["destinataire_dgaln"].status is FieldStatus.NEEDS_REVIEW  # neither page read an addressee
