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


def test_a_porteuse_written_with_an_abbreviation_vouches_for_its_letter():
    # the fiche abbreviates the EPCI's designation: "Cté de communes", "Eurométropole"
    for porteuse in ("Cté de communes du Nord Basse-Terre", "C. de communes du Nord Basse-Terre"):
        epci = letter(head=("Communauté de communes du Nord Basse-Terre", "97170 Petit-Bourg"),
                      signatory=("La Présidente,", "Odile Nomertin"))
        commune = letter(head=("Commune de Deshaies", "97126 Deshaies"), signatory=("Le Maire,", "Jean Bardail"))
        readings = [read_letter(COLL, "epci.pdf", (epci,)), read_letter(COLL, "deshaies.pdf", (commune,))]
        out = letter_fields(readings, porteuse, {})
        assert out["courrier_collectivite.collectivite"].value == "Communauté de communes du Nord Basse-Terre"
        assert out["courrier_collectivite.collectivite"].status is FieldStatus.EXTRACTED


def test_an_eurometropole_is_an_epci():
    from extractors.fields.courrier_entites import is_epci_name

    assert is_epci_name("Eurométropole de Strasbourg") and is_epci_name("Cté de communes du Thouarsais")
    assert not is_epci_name("Commune de Cternay")
