"""A signature's strokes read as a speck of a line ("Dee", 2 pt high) just under the closing:
the blank before the name and the title ("Marc-Antoine PERROT" / "Le Maire de …", 70 pt lower)
is measured in text lines, not in the speck's height, so the block keeps them (a draw's scan lost
its signatory's quality and name to the speck)."""

from __future__ import annotations

from dataclasses import replace

from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import letter, words

COLL = PieceKind.COURRIER_COLLECTIVITE


def _signed_page(gap: float):
    base = letter(signatory=(), ocr=True, conf=0.93)
    bottom = max(w.bbox[3] for w in base.words)
    line = max(w.line for w in base.words) + 1
    speck = words(340, bottom + 20, "Dee", line, conf=0.39, height=2.4)
    top = bottom + 22.4 + gap
    block = words(320, top, "Marc-Antoine PERROT", line + 1, conf=0.92) \
        + words(320, top + 15, "Le Maire de Vitré", line + 2, conf=0.93)
    return replace(base, words=base.words + tuple(speck + block))


def test_the_name_and_title_under_a_speck_of_strokes_are_the_block():
    fields = read_letter(COLL, "scan.pdf", (_signed_page(70),)).fields
    assert fields["signataire_qualite"].value == "maire"
    assert fields["signataire_nom"].value == "Marc-Antoine PERROT"


def test_lines_far_below_the_closing_are_no_block():
    fields = read_letter(COLL, "scan.pdf", (_signed_page(260),)).fields
    assert "signataire_qualite" not in fields or fields["signataire_qualite"].value != "maire"
