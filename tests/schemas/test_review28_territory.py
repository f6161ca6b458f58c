"""Territory readings confirmed by the dossier's own evidence (session 22, review28)."""

from __future__ import annotations

import pytest

from schemas.cog import Cog
from schemas.communes import parse_communes


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _read(text: str, cog: Cog) -> list[tuple[str, str | None, bool, bool]]:
    return [(e.nom, e.code_insee, e.sure, e.confirmed) for e in parse_communes(text, cog)]


@pytest.mark.parametrize("label", ["cade", "codc", "cote", "c0de", "kode"])
def test_code_misread_before_insee_is_still_the_label(cog, label):
    """A fax reads "code INSEE" as "cade INSEE": the word is the label, not a part of the name,
    and the code written after it confirms the commune."""
    assert _read(f"Saint-Brice-Courcelles — {label} INSEE 51474", cog) == [
        ("Saint-Brice-Courcelles", "51474", True, True)]
    assert _read(f"Sartène ({label} INSEE 2A272) ; Bonifacio", cog)[0] == ("Sartène", "2A272", True, True)


def test_a_four_letter_word_not_before_insee_stays_a_word(cog):
    """Only before "INSEE" is a word one slip from "code" a label: elsewhere it is read as written."""
    (entry,) = _read("Saint-Brice-Courcelles cade", cog)
    assert entry[0] == "Saint-Brice-Courcelles cade" and not entry[2]


def _marin(cog, porteuse: str = "Ville du Marin", letter: str = "Commune du Marin", letter_confidence: float = 0.45,
           communes: str = "97290 Le Marin Le Diamant (code INSEE 97206)"):
    from extractors.model import FieldStatus, FieldValue
    from schemas.normalise import normalise_fields

    sure, review = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
    raw = {"s1.collectivite.nom": FieldValue(porteuse, 0.9, None, review),
           "s2.communes": FieldValue(communes, 0.91, None, sure),
           "s2.epci": FieldValue("Communauté d'agglomération de l'Espace Sud de la Martinique", 0.91, None, sure),
           "s2.departement": FieldValue("972", 0.91, None, sure),
           "courrier_collectivite.collectivite": FieldValue(letter, letter_confidence, None, sure),
           "courrier_collectivite.signataire_qualite": FieldValue("maire", 0.8, None, sure)}
    return normalise_fields(raw, cog)


def test_a_porteuse_doubted_for_its_place_is_confirmed_by_section_2_and_the_letter(cog):
    """A photo mixed the porteuse's line with its lost label's, so the reading is doubted; its
    name is exactly a commune section 2 lists surely and the letter names: three readings agree
    (and the letter, read unsure, is then confirmed by the porteuse)."""
    from extractors.model import FieldStatus

    out = _marin(cog)
    assert (out["s1.collectivite.nom"].value, out["s1.collectivite.nom"].status) == ("Ville du Marin",
                                                                                      FieldStatus.EXTRACTED)
    assert out["courrier_collectivite.collectivite"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("change", [
    {"letter": "Commune du Diamant"},  # the letter speaks for another commune
    {"letter": "Commune du Marin", "letter_confidence": 0.2},  # the letter read too unsure
    {"porteuse": "Ville du Mar1n"},  # the porteuse read with a slip
    {"communes": "Le Diamant (code INSEE 97206)"},  # section 2 does not list it
])
def test_a_porteuse_doubted_stays_for_review_without_three_exact_readings(cog, change):
    from extractors.model import FieldStatus

    assert _marin(cog, **change)["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW


def _savanes(cog, porteuse: str = "Cie de communes des Savanes", porteuse_confidence: float = 0.473,
             letter: str = "Communauté de communes des Savanes", epci: str = "CC des Savanes",
             communes: str = "Kourou (97310) et lracoubo"):
    from extractors.model import FieldStatus, FieldValue
    from schemas.normalise import normalise_fields

    sure, review = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
    raw = {"s1.collectivite.nom": FieldValue(porteuse, porteuse_confidence, None, review),
           "s1.collectivite.type": FieldValue("epci", 0.5, None, sure),
           "s2.communes": FieldValue(communes, 0.614, None, sure),
           "s2.epci": FieldValue(epci, 0.817, None, sure),
           "s2.departement": FieldValue("Guyane", 0.423, None, sure),
           "courrier_collectivite.signataire_qualite": FieldValue("president_epci", 0.933, None, sure),
           "courrier_collectivite.collectivite": FieldValue(letter, 0.938, None, sure)}
    return normalise_fields(raw, cog)


def test_an_epci_named_by_the_letter_too_vouches_for_the_communes_and_the_abbreviated_porteuse(cog):
    """A photo: the EPCI read surely at 0.82, the letter naming it exactly: confirmed, it vouches
    for the communes ("lracoubo", a capital I read as l); the porteuse "Cie de communes des Savanes"
    ("Cté" with its t read as i) at 0.47 names that EPCI too: three readings agree."""
    from extractors.model import FieldStatus

    out = _savanes(cog)
    assert out["s2.epci"].confidence >= 0.9
    assert out["s2.communes"].status is FieldStatus.EXTRACTED
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["97304", "97303"]
    assert (out["s1.collectivite.nom"].value, out["s1.collectivite.nom"].status) == (
        "Cté de communes des Savanes", FieldStatus.EXTRACTED)


def test_without_the_letter_naming_the_epci_nothing_is_confirmed(cog):
    from extractors.model import FieldStatus

    out = _savanes(cog, letter="Commune de Kourou")
    assert out["s2.epci"].confidence < 0.9
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert out["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW


def test_a_letter_naming_another_epci_confirms_nothing(cog):
    from extractors.model import FieldStatus

    out = _savanes(cog, letter="Communauté d'agglomération du Centre Littoral")
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert out["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW


def test_an_abbreviated_porteuse_read_very_unsure_is_not_confirmed(cog):
    from extractors.model import FieldStatus

    assert _savanes(cog, porteuse_confidence=0.2)["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW
