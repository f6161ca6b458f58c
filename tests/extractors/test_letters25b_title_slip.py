"""A quality line whose title OCR slipped ("La Prétète de l'Aisne," a photo's f read as t) just
under a closing formula that lost its full stop begins the signatory block, as "La Préfète"
does: the layout knows the titles the quality reader puts right, and the quality is read."""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter

CLOSING = ("Je vous prie d'agréer, Madame, l'expression de ma considération distinguée",)


def _quality(title: str, closing=CLOSING):
    """The title set close under the closing (a tight block: less than a line between them)."""
    page = letter(head=("PRÉFET DE L'AISNE", "Direction départementale des territoires"),
                  date="Laon, le 30 octobre 2026", salutation="Madame,", closing=(*closing, title),
                  signatory=("Brigitte VALLET",), ocr=True, conf=0.9)
    return read_letter(PieceKind.COURRIER_PREFET, "lettre.jpg", (page,)).fields.get("signataire_qualite")


def test_a_slipped_title_under_an_unstopped_closing_is_the_signers_quality():
    quality = _quality("La Prétète de l'Aisne,")
    assert quality is not None and quality.value == "prefet"


def test_the_same_block_well_read_is_unchanged():
    quality = _quality("La Préfète de l'Aisne,")
    assert quality is not None and quality.value == "prefet"


def test_a_sous_prefete_slipped_stays_a_sous_prefete():
    quality = _quality("La Sous-prétète de Soissons,")
    assert quality is not None and quality.value == "sous_prefet"


def test_the_closings_own_last_line_is_no_title():
    """"la plus distinguée" goes on with the closing; the block's title comes after it."""
    quality = _quality("Le Maire,", closing=("Je vous prie d'agréer, Madame, l'expression de ma considération",
                                               "la plus distinguée"))
    assert quality is not None and quality.value == "maire"
