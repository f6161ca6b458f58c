"""Section 2 read unsure (a photo, a fax: Tesseract doubts every word of a list, 0.3 to 0.5) whose
names are spelt letter for letter, the EPCI's and every commune's, and agree in the official
geography (each commune a member of that EPCI, the commune porteuse among them): exact readings
of separate lines that agree are no chance, and both are trusted (terr33). A name with a slip, a
commune outside the EPCI, a list that lacks the porteuse, or (read under 0.5) a fiche whose
porteuse is unread stays for a reviewer."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _read(cog, communes: str = "Les Échelles ; Corbel ; Saint-Christophe", communes_confidence: float = 0.42,
          epci: str = "Communauté de communes Coeur de Chartreuse", epci_confidence: float = 0.78,
          porteuse: str | None = "Commune des Échelles") -> dict[str, FieldValue]:
    raw = {"s2.communes": FieldValue(communes, communes_confidence, None, SURE),
           "s2.epci": FieldValue(epci, epci_confidence, None, SURE)}
    if porteuse:
        raw["s1.collectivite.nom"] = FieldValue(porteuse, 0.91, None, SURE)
    return normalise_fields(raw, cog)


def test_communes_read_unsure_spelt_exactly_as_members_of_the_sure_epci_are_trusted(cog):
    # the EPCI read surely but under 0.90 (a photo: 0.78), the list at 0.42
    out = _read(cog)
    assert out["s2.communes"].status is SURE
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["73105", "73092", "73229"]
    assert out["s2.epci"].status is SURE


@pytest.mark.parametrize("epci_confidence", [0.45, 0.30])
def test_epci_and_communes_both_read_unsure_and_exact_confirm_each_other(cog, epci_confidence):
    out = _read(cog, epci_confidence=epci_confidence, communes_confidence=0.38)
    assert (out["s2.epci"].status, out["s2.epci"].value["siren"]) == (SURE, "200040111")
    assert out["s2.communes"].status is SURE


@pytest.mark.parametrize("change", [
    {"communes": "Les Échelles ; Corbcl ; Saint-Christophe"},  # a slip in a name read unsure
    {"communes": "Corbel ; Saint-Christophe"},  # the porteuse's commune is not listed: a line lost?
    {"communes": "Les Échelles ; Corbel ; Chambéry"},  # a commune of another EPCI
    {"porteuse": "Commune des Echellcs"},  # the porteuse designates nothing exactly
    {"communes_confidence": 0.2},  # too unsure to be confirmed by anything
    {"porteuse": None},  # read under 0.5, the list needs the porteuse as a third reading
])
def test_a_list_read_unsure_without_exact_agreement_stays_for_review(cog, change):
    assert _read(cog, **change)["s2.communes"].status is REVIEW


@pytest.mark.parametrize("change", [
    {"epci": "Communauté de communes Coeur de Chartreusc"},  # the EPCI read unsure with a slip
    {"communes": "Les Échelles ; Corbel ; Saint-Christophe ; Chambéry"},  # a commune outside it
])
def test_both_read_less_surely_than_confirmable_need_two_exact_names(cog, change):
    out = _read(cog, epci_confidence=0.4, communes_confidence=0.4, **change)
    assert out["s2.communes"].status is REVIEW
    assert out["s2.epci"].status is REVIEW


def test_an_epci_porteuse_must_be_the_epci_listed(cog):
    out = _read(cog, porteuse="Communauté de communes du Diois", epci_confidence=0.4, communes_confidence=0.4)
    assert out["s2.communes"].status is REVIEW
    out = _read(cog, porteuse="Communauté de communes Coeur de Chartreuse", epci_confidence=0.4,
                communes_confidence=0.4)
    assert out["s2.communes"].status is SURE
