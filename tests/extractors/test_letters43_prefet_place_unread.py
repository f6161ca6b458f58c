"""A préfète's title whose place the signature's strokes took ("La Préfète de LL La)" for "La
Préfète de La Réunion", a draw's scan): no place was read, not a place that is no préfet's. Under
a heading whose sender's title over "à" is the préfète's own ("La préfète de la Sarthe"), it is
hers; it was for a reviewer, the verdict lost. A heading that says nothing of the préfet, or
names a sous-préfète, leaves it doubted, as before ("[Sous-]préfète de …" with "Sous-" hidden)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.model import FieldStatus, PieceKind
from extractors.vocabulary import PREFET
from tests.extractors.letters import prefet_letter


def _quality(title: str, sender: str | None):
    page = prefet_letter(signatory=(title, "Armelle MORVAN"), sender_title=sender, ocr=True, conf=0.95)
    value = read_letter(PieceKind.COURRIER_PREFET, "lettre.pdf", (page,)).fields.get("signataire_qualite")
    return (value.value, value.status) if value is not None else (None, None)


@pytest.mark.parametrize("title", ["La Préfète de LL La)", "La Préfète de la ~"])
def test_a_prefetes_place_unread_under_her_own_heading(title):
    assert _quality(title, "La préfète de la Sarthe") == (PREFET, FieldStatus.EXTRACTED)


@pytest.mark.parametrize("sender", [None, "La sous-préfète de Mamers"])
def test_a_place_unread_without_the_prefetes_heading_stays_doubted(sender):
    assert _quality("La Préfète de LL La)", sender)[1] is not FieldStatus.EXTRACTED
