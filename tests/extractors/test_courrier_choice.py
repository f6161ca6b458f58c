"""Whose letter is the collectivité's: among letters of several collectivités, a choice nothing
vouches for (porteuse unread, élu not the signer) is a guess, for a reviewer to confirm."""

from __future__ import annotations

from extractors.fields.courrier import letter_fields, read_letter
from extractors.model import FieldStatus, PieceKind
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE


def _readings():
    epci = letter(head=("Communauté d'agglomération du Nord Basse-Terre", "97170 Petit-Bourg"),
                  signatory=("La Présidente,", "Odile Nomertin"))
    commune = letter(head=("Commune de Deshaies", "97126 Deshaies"), signatory=("Le Maire,", "Jean Bardail"))
    return [read_letter(COLL, "epci.pdf", (epci,)), read_letter(COLL, "deshaies.pdf", (commune,))]


def test_a_letter_chosen_among_other_collectivites_without_the_porteuse_is_for_review():
    out = letter_fields(_readings(), "wité porteuse CA du Nord Basse-Teme", {})
    assert out["courrier_collectivite.collectivite"].value is not None
    assert all(v.status is not FieldStatus.EXTRACTED for k, v in out.items() if k.startswith("courrier_collectivite."))


def test_the_porteuse_or_the_elu_vouches_for_the_choice():
    out = letter_fields(_readings(), "CA du Nord Basse-Terre", {})
    assert out["courrier_collectivite.collectivite"].value == "Communauté d'agglomération du Nord Basse-Terre"
    assert out["courrier_collectivite.collectivite"].status is FieldStatus.EXTRACTED
    out = letter_fields(_readings(), None, {}, ("Jean Bardail", "Maire"))
    assert out["courrier_collectivite.signataire_nom"].value == "Jean Bardail"
    assert out["courrier_collectivite.signataire_nom"].status is FieldStatus.EXTRACTED


def test_one_letter_alone_is_not_a_choice():
    out = letter_fields(_readings()[:1], None, {})
    assert out["courrier_collectivite.collectivite"].status is FieldStatus.EXTRACTED
