"""Issue 11 (sure but wrong, a fresh draw): a préfet's letter whose block reads "“préfet," over
"pour 7 et par délégation" (its "Le sous-" lost under a stamp, "le préfet" misread) was read
'prefet', sure. A head (préfet, maire, président) never signs for another: a head's title in a
block that shows a delegation is for a reviewer, and reading the block again does not confirm it."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import block_worth_reading, letter_fields, read_letter
from extractors.model import FieldStatus, PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter

PREF = PieceKind.COURRIER_PREFET
COLL = PieceKind.COURRIER_COLLECTIVITE


def _quality(kind, signatory, **kwargs):
    return read_letter(kind, "l.pdf", (letter(signatory=signatory, ocr=True, **kwargs),)).fields["signataire_qualite"]


@pytest.mark.parametrize(("kind", "signatory"), [
    (PREF, ("“préfet,", "pour 7 et par délégation", "Stéphane Lacombe")),
    (PREF, ("Le Préfet,", "Pour le Préfet et par délégation,", "Stéphane Lacombe")),  # the delegate's title lost
    (COLL, ("Le Maire,", "par délégation", "Jeanne Morel")),
])
def test_a_heads_title_over_a_delegation_is_for_a_reviewer(kind, signatory):
    quality = _quality(kind, signatory)
    assert quality.status is FieldStatus.NEEDS_REVIEW and quality.confidence < 0.7


@pytest.mark.parametrize(("kind", "signatory", "slug"), [
    (PREF, ("Le Préfet,", "Stéphane Lacombe"), "prefet"),
    (PREF, ("Pour le Préfet et par délégation,", "Le Sous-Préfet de Cherbourg", "Stéphane Lacombe"), "sous_prefet"),
    (COLL, ("Le Maire,", "Jeanne Morel"), "maire"),
])
def test_a_title_without_a_delegation_or_the_delegates_own_stays_sure(kind, signatory, slug):
    quality = _quality(kind, signatory)
    assert (quality.value, quality.status) == (slug, FieldStatus.EXTRACTED) and quality.confidence >= 0.7


def test_reading_the_block_again_does_not_confirm_the_doubted_title():
    reading = read_letter(PREF, "l.pdf", (letter(signatory=("“préfet,", "pour 7 et par délégation", "Stéphane Lacombe"),
                                                 ocr=True),))
    again = SignatureCheck(True, 0.9, (300, 400, 450, 450), block_text=("préfet,", "Stéphane Lacombe"))
    quality = letter_fields([reading], None, {0: again})["courrier_prefet.signataire_qualite"]
    assert quality.status is FieldStatus.NEEDS_REVIEW
    assert not block_worth_reading(reading)  # nothing to gain from reading it again: in step
