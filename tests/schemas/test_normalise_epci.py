"""s2.epci written by its usual short name: resolved through the communes of section 2."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields


def read(epci: str, communes: str, departement: str = "972", communes_confidence: float = 0.9) -> dict:
    raw = {"s2.epci": FieldValue(epci, 0.95, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, communes_confidence, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.9, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, _cog())


def _cog():
    from schemas.cog import Cog
    return Cog.load()


def test_a_short_name_is_resolved_by_the_communes_it_holds():
    out = read("CAP Nord Martinique", "Le Lorrain, Basse-Pointe")
    assert out["s2.epci"].value == {"nom": "CAP Nord Martinique", "siren": "200041788"}
    assert out["s2.epci"].status is FieldStatus.EXTRACTED


def test_a_name_that_says_something_else_is_only_offered_to_a_reviewer():
    out = read("Agglomération Centre Atlantique", "Le Lorrain, Basse-Pointe")
    assert out["s2.epci"].value["siren"] == "200041788"
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


def test_communes_of_different_epcis_decide_nothing():
    out = read("CAP Nord Martinique", "Le Lorrain, Fort-de-France")
    assert out["s2.epci"].value["siren"] is None and out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


def test_a_commune_read_unsure_but_exactly_named_in_the_epci_read_is_confirmed():
    out = read("Communauté de communes du Diois", "Die", "26", communes_confidence=0.65)
    assert out["s2.communes"].value == [{"nom": "Die", "code_insee": "26113"}]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED and out["s2.communes"].confidence == 0.9


def test_a_commune_read_unsure_stays_for_review_when_nothing_confirms_it():
    outside = read("Communauté de communes du Diois", "Crest", "26", communes_confidence=0.65)  # not of the Diois
    damaged = read("Communauté de communes du Diois", "Dle", "26", communes_confidence=0.65)  # an OCR slip
    too_unsure = read("Communauté de communes du Diois", "Die", "26", communes_confidence=0.4)
    for out in (outside, damaged, too_unsure):
        assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("written, name", [
    ("Mairie DE de La Forest-Landerneau", "Mairie de La Forest-Landerneau"),  # a logo's speck read as "DE"
    ("Mairie de La Forest-Landerneau", "Mairie de La Forest-Landerneau"),
    ("Ville de Landerneau", "Ville de Landerneau"),
])
def test_the_letterheads_designation_survives_a_word_read_twice(cog, written, name):
    from schemas.territoire import letter_name, resolve_entity

    town = "La Forest-Landerneau" if "Forest" in written else "Landerneau"
    entity = resolve_entity(town, cog, "commune", "29")
    assert letter_name(written, entity, False) == name


@pytest.mark.parametrize("name", ["Communauté de communes Pays d'Uzès Gard", "Communauté de communes du Pays d'Uzès (Gard)"])
def test_a_name_with_its_kind_spelt_out_and_its_departement_added_is_the_communes_epci(name):
    out = read(name, "Blauzac, Uzès", "30")
    assert out["s2.epci"].value["siren"] == "200034379" and out["s2.epci"].status is FieldStatus.EXTRACTED


def test_a_name_with_other_words_than_the_departement_stays_for_a_reviewer():
    out = read("Communauté de communes Pays d'Uzès Cévennes", "Blauzac, Uzès", "30")
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW



def test_an_epci_kind_glued_to_the_next_word_is_spaced():
    out = read("CCdu Pays de Craon", "Quelaines-Saint-Gault", departement="53")
    assert out["s2.epci"].value == {"nom": "CC du Pays de Craon", "siren": "200048551"}
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    assert read("CAd'Agen", "Agen", departement="47")["s2.epci"].value["nom"] == "CA d'Agen"
