"""A porteuse read less surely than a confirmation asks (a photo: 0.3 to 0.5) whose name is,
letter for letter, a commune that section 2 lists surely or the EPCI it names surely, and that
the letter of the collectivité names letter for letter too: three readings of two documents
agree, and the name is trusted (terr33). Without the letter, or with a slip, it stays for review."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
PORTEUSE, LETTER = "s1.collectivite.nom", "courrier_collectivite.collectivite"


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _read(cog, porteuse: str, letter: str | None, kind: str = "commune", confidence: float = 0.41):
    raw = {PORTEUSE: FieldValue(porteuse, confidence, None, SURE),
           "s1.collectivite.type": FieldValue(kind, 0.9, None, SURE),
           "s2.communes": FieldValue("Les Échelles (73105) ; Corbel (73092)", 0.93, None, SURE),
           "s2.epci": FieldValue("Communauté de communes Coeur de Chartreuse", 0.93, None, SURE),
           "s2.departement": FieldValue("Savoie", 0.93, None, SURE)}
    if letter:
        raw[LETTER] = FieldValue(letter, 0.91, None, SURE)
        raw["courrier_collectivite.signataire_qualite"] = FieldValue(
            "maire" if kind == "commune" else "president_epci", 0.9, None, SURE)
    return normalise_fields(raw, cog)[PORTEUSE]


@pytest.mark.parametrize("porteuse, letter, kind", [
    ("Commune des Échelles", "Commune des Échelles", "commune"),
    ("Commune de Corbel", "Commune de Corbel", "commune"),  # any commune listed, not only the first
    ("Communauté de communes Coeur de Chartreuse", "Communauté de communes Coeur de Chartreuse", "epci"),
])
def test_a_porteuse_read_unsure_named_exactly_by_section_2_and_the_letter_is_trusted(cog, porteuse, letter, kind):
    assert _read(cog, porteuse, letter, kind).status is SURE


@pytest.mark.parametrize("porteuse, letter, kind, confidence", [
    ("Commune des Échelles", None, "commune", 0.41),  # section 2 alone, read so unsure
    ("Commune des Échelles", "Commune de Corbel", "commune", 0.41),  # the letter names another commune
    ("Communauté de communes Coeur de Chartreuse", None, "epci", 0.41),
    ("Commune des Échelles", "Commune des Échelles", "commune", 0.2),  # too unsure to be confirmed
])
def test_without_three_exact_readings_the_porteuse_stays_for_review(cog, porteuse, letter, kind, confidence):
    assert _read(cog, porteuse, letter, kind, confidence).status is REVIEW


def _doubted(cog, porteuse: str, letter: str) -> FieldValue:
    """The porteuse doubted at reading (its line mixed with a lost label's on a photo), read at 0.8."""
    raw = {PORTEUSE: FieldValue(porteuse, 0.8, None, REVIEW),
           "s1.collectivite.type": FieldValue("epci", 0.9, None, SURE),
           "s2.communes": FieldValue("Les Échelles (73105) ; Corbel (73092)", 0.93, None, SURE),
           "s2.epci": FieldValue("CC Coeur de Chartreuse", 0.93, None, SURE),
           LETTER: FieldValue(letter, 0.91, None, SURE),
           "courrier_collectivite.signataire_qualite": FieldValue("president_epci", 0.9, None, SURE)}
    return normalise_fields(raw, cog)[PORTEUSE]


def test_an_epci_porteuse_doubted_at_reading_is_trusted_when_section_2_and_the_letter_name_it_exactly(cog):
    name = "Communauté de communes Coeur de Chartreuse"
    assert _doubted(cog, name, name).status is SURE


@pytest.mark.parametrize("porteuse, letter", [
    ("Communauté de communes Coeur de Chartreuse", "Communauté de communes du Diois"),  # another EPCI
    ("Communauté de communes Cœur de Chartreusc", "Communauté de communes Coeur de Chartreuse"),  # a slip
])
def test_an_epci_porteuse_doubted_stays_for_review_without_three_exact_readings(cog, porteuse, letter):
    assert _doubted(cog, porteuse, letter).status is REVIEW
