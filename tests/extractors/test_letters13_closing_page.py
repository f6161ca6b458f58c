"""A letter's last page photographed apart that opens on its closing formula, its signatory block
lost by OCR under the signature ("de com de"): the closing is read, so the signature is looked for
under it, and the page is that letter's end (session 13)."""

from __future__ import annotations

from extractors.fields import Piece, extract_fields, letter_zones, read_letters
from extractors.fields.courrier_layout import letter_lines, letter_parts
from extractors.model import PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter, page

COLL = PieceKind.COURRIER_COLLECTIVITE
CLOSING = "Veuillez agréer. Madame la sous-directrice. l'assurance de ma considération distinguée."


def last_photo(*rows):
    return page([(60, [(60, CLOSING)]), *rows], ocr=True)


def pieces(last):
    return [Piece(COLL, "IMG_1.jpg", (letter(closing=(), signatory=(), ocr=True),)),
            Piece(PieceKind.AUTRE, "IMG_2.jpg", (last,))]


def test_a_closing_on_the_first_line_is_read_as_the_closing():
    parts = letter_parts(letter_lines((last_photo((400, [(330, "de com de")])),)))
    assert parts.closing == 0 and parts.head == ()


def test_the_signature_is_looked_for_under_it():
    for last in (last_photo((400, [(330, "de com de")])), last_photo()):
        readings = read_letters(pieces(last))
        assert sorted(readings) == [0, 1] and readings[1].ended
        zone = letter_zones(pieces(last), readings)[1]
        assert zone.page == 0 and zone.bbox[1] >= 55 and zone.bbox[3] >= 250  # under the closing
    fields = extract_fields(pieces(last), {1: SignatureCheck(True, 0.95, (320, 150, 480, 220))})
    assert fields["courrier_collectivite.signe"].value is True


def test_a_page_with_a_head_is_read_as_before():
    whole = letter(ocr=True)
    parts = letter_parts(letter_lines((whole,)))
    assert parts.objet is not None and parts.closing is not None and parts.closing > parts.objet
