"""A préfet's letter photographed in two: the first photo ends on the closing formula with no
signatory block, its head titled ("La Sous-préfète" over "à Madame …"); the second holds the
block (title, name). The head's title was counted as the block read, so the second photo was
no continuation (its kind `autre`, or a letter of its own) and the signature was looked for
on the first photo's empty foot (study draw d310: signé False, sure, the letter signed). A
title counts as the block only at or below the closing formula, never in the letter's head."""

from __future__ import annotations

from extractors.fields import Piece, read_letters
from extractors.fields.continuation import joined_continuations
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import page, prefet_letter

PREFET = PieceKind.COURRIER_PREFET


def _first_photo():
    return prefet_letter(head=("PRÉFÈTE", "DE LA SARTHE", "Liberté", "Égalité", "Fraternité"),
                         sender_title="La Sous-préfète", signatory=(), ocr=True, conf=0.9)


def _block_photo():
    rows = [(120, [(300, "La Sous-préfète de La Flèche,")]), (240, [(300, "Claire Morvan")])]
    return page(rows, ocr=True, conf=0.9)


def test_a_head_title_is_no_block_read():
    first = read_letter(PREFET, "IMG_1.jpg", (_first_photo(),))
    assert first.ended and not first.block_titled


def test_the_block_photo_of_kind_autre_ends_the_letter_whose_block_was_not_read():
    pieces = [Piece(PREFET, "IMG_1.jpg", (_first_photo(),)), Piece(PieceKind.AUTRE, "IMG_2.jpg", (_block_photo(),))]
    readings = read_letters(pieces)
    assert 1 in readings and readings[1].kind is PREFET
    joined = joined_continuations(readings)
    assert list(joined) == [1]  # one letter, its signature looked for on the block's photo
    assert joined[1].fields["signataire_qualite"].value == "sous_prefet"
    assert joined[1].fields["destinataire_dgaln"].value is True


def test_a_letter_whose_block_was_read_is_ended_by_no_page():
    pieces = [Piece(PREFET, "IMG_1.jpg", (prefet_letter(ocr=True, conf=0.9),)),
              Piece(PieceKind.AUTRE, "IMG_2.jpg", (_block_photo(),))]
    assert 1 not in read_letters(pieces)
