"""A reading rule's bug on a page no one foresaw is not a lost dossier.

- An option known by its lone empty box only, the box the group's last token (a photo lost the
  option's words): the elimination of lost ticks read past the tokens' end (IndexError), and the
  dossier's understanding failed (a fresh draw's photographed fiche, d71).
- Whatever a rule's bug, the piece's fields are left undecided for a reviewer, the error logged.
"""

from __future__ import annotations

import logging

import extractors.fields as fields_module
from extractors.fields import Piece, extract_fields
from extractors.fields.boxes import read_boxes
from extractors.fields.fiche import FICHE_FIELDS
from extractors.fields.form import OPTIONS
from extractors.fields.layout import Token, norm
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import letter

_THEMES = [o.text for o in OPTIONS["s3.thematiques"]]


def _group_ending_on_a_box() -> list[Token]:
    """Thématiques of a grey scan: every box read empty but friches' (lost: the tick), the last
    option's words lost, its box the last token."""
    tokens = []
    for n, option in enumerate(_THEMES):
        top = 100.0 + 23 * n
        if n != 2:
            box = (90.0, top, 97.0, top + 7)
            tokens.append(Token("☐", "☐", "scan.pdf", 2, box, 0.96, box, False))
        if n == len(_THEMES) - 1:
            break
        x = 99.0
        for word in option.split():
            box = (x, top, x + 5.0 * len(word), top + 8)
            tokens.append(Token(word, norm(word), "scan.pdf", 2, box, 0.95, box, False))
            x = box[2] + 3.0
    return tokens


def test_a_lone_box_last_in_its_group_is_read_as_empty():
    assert read_boxes(_group_ending_on_a_box(), OPTIONS["s3.thematiques"], listed=True) == (["friches"], 0.8)


def test_a_rule_that_fails_leaves_its_piece_for_a_reviewer(monkeypatch, caplog):
    def failing(pages, tables):
        raise IndexError("list index out of range")

    monkeypatch.setattr(fields_module, "extract_fiche", failing)
    page = letter(ocr=True)
    pieces = [Piece(PieceKind.FICHE, "fiche.jpg", (page,)), Piece(PieceKind.COURRIER_COLLECTIVITE, "lettre.pdf", (page,))]
    with caplog.at_level(logging.ERROR):
        out = extract_fields(pieces)
    assert all(out[fid].status is FieldStatus.NEEDS_REVIEW and out[fid].value is None for fid in FICHE_FIELDS)
    assert out["courrier_collectivite.signataire_nom"].value  # the letter is read as ever
    assert "la fiche" in caplog.text
