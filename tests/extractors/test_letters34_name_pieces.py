"""A signatory's name the signature's strokes cut on the page, read whole again on dark ink
(bench/letterstudy.py's samples: maker letters degraded as the unseen generator's recipes do,
read with real Tesseract): the page's reading holds each word read again, whole or as the piece
the ink left of it ("AULT" of "THIBAULT", "ASANOVA" of "CASANOVA"), so two readings agree and
the name is sure; a piece shorter than half its word ("LO" of "LOUIS") vouches for nothing.
"""

from __future__ import annotations

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import study_letter


def _read(seed: int, folder, cog):
    path, truth, pages, values = study_letter(seed, folder, cog)
    piece = PieceKind.COURRIER_PREFET if truth["kind"] == "prefet" else PieceKind.COURRIER_COLLECTIVITE
    page_name = read_letter(piece, path.name, tuple(pages)).fields.get("signataire_nom")
    return truth, page_name, values[f"{piece.value}.signataire_nom"]


def test_a_surname_whose_first_letter_the_ink_hid_is_sure_read_again(tmp_path, cog):
    """Study sample 25, a 200 dpi scan of a préfet's letter: the page read "Ve ASANOVA Élodie"
    (a stroke's "Ve", the "C" under it), the block read again on dark ink "CASANOVA Élodie"."""
    truth, page_name, name = _read(25, tmp_path, cog)
    assert truth["signataire_nom"] == "Élodie Casanova"
    assert page_name is not None and "ASANOVA" in page_name.value and "CASANOVA" not in page_name.value
    assert (name.value, name.status) == ("CASANOVA Élodie", FieldStatus.EXTRACTED)


def test_a_surname_split_by_the_ink_is_sure_read_again(tmp_path, cog):
    """Study sample 96, a 150 dpi scan: "Françoise SUSINI" read "Françoise SI SINI" on the page
    (a stroke across its first letters), "Françoise SUSINI" on dark ink."""
    truth, page_name, name = _read(96, tmp_path, cog)
    assert truth["signataire_nom"] == "Françoise Susini"
    assert page_name is not None and "SUSINI" not in page_name.value
    assert (name.value, name.status) == ("Françoise SUSINI", FieldStatus.EXTRACTED)


def test_a_short_piece_vouches_for_nothing(tmp_path, cog):
    """Study sample 132, a 150 dpi scan: the page read "Louis-Marie LO" under the strokes, the
    dark ink "LOUTS" (a letter the ink hid misread): the surname has one reading, for a reviewer."""
    truth, _, name = _read(132, tmp_path, cog)
    assert truth["signataire_nom"] == "Louis-Marie Louis"
    assert name.status is FieldStatus.NEEDS_REVIEW
