"""A préfet's letter photographed in two: the first photo ends on the closing formula (its foot's
address read as a block, no title, no name), the second holds the signatory block alone, its name
under the civility "M." ("Le Sous-préfet," / "pour le préfet et par" / "M. Fabrice …"). That name
was read as an addressee, so the second photo was a letter's head of its own, not a block; and the
first, ended, was joined to nothing: the chosen letter had no quality, or no addressee (a draw's
photo lost its verdict). The two are one letter: the head's values, the block's quality."""

from __future__ import annotations

from extractors.fields.continuation import joined_continuations
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import page, prefet_letter

PREFET = PieceKind.COURRIER_PREFET


def _block_photo(name: str):
    rows = [(108, [(92, "Beauvais, 20 juillet 2026")]), (157, [(92, "Le Sous-préfet,")]),
            (177, [(92, "pour le préfet et par délégation")]), (284, [(92, name)]),
            (324, [(90, "Copie Monsieur le Sous-préfet d'arrondissement")])]
    return page(rows, ocr=True, conf=0.9)


def test_the_block_photographed_apart_is_the_letters_block():
    first = read_letter(PREFET, "IMG_1.jpg", (prefet_letter(signatory=("2 van",), ocr=True, conf=0.9),))
    second = read_letter(PREFET, "IMG_2.jpg", (_block_photo("M. Fabrice Dumas"),))
    assert second.fields["signataire_qualite"].value == "sous_prefet"
    joined = joined_continuations({0: first, 1: second})
    assert list(joined) == [1]
    fields = joined[1].fields
    assert fields["signataire_qualite"].value == "sous_prefet"
    assert fields["destinataire_dgaln"].value is True


def test_a_letter_whose_block_was_read_is_joined_to_nothing():
    first = read_letter(PREFET, "IMG_1.jpg", (prefet_letter(ocr=True, conf=0.9),))
    second = read_letter(PREFET, "IMG_2.jpg", (_block_photo("M. Fabrice Dumas"),))
    assert sorted(joined_continuations({0: first, 1: second})) == [0, 1]
