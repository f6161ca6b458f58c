"""Normalisation of the letters' fields: ISO dates, département codes from clues, slugs, booleans."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields, postcode_departement


def normalised(field_id: str, value, confidence: float = 0.95, status=FieldStatus.EXTRACTED, cog=None):
    return normalise_fields({field_id: FieldValue(value, confidence, None, status)}, cog)[field_id]


@pytest.mark.parametrize("clues, code", [
    ([{"departement": "ILLE-ET-VILAINE"}], "35"),
    ([{"departement": "DE LA CHARENTE-MARITIME"}], "17"),
    ([{"departement": "RÉGION GUADELOUPE"}], "971"),
    ([{"departement": "Corse-du-Sud"}], "2A"),
    ([{"departement": "Bretagne"}, {"commune": "Rennes"}], "35"),  # a région alone: the next clue
    ([{"commune": "Saint-Jean-d'Angély"}], "17"),  # a sous-préfecture
    ([{"commune": "Vienne"}], "38"),  # the town, not the département of that name
    ([{"commune": "Pointe-à-Pitre", "code_postal": "97110"}], "971"),
    ([{"commune": "Bastia Cedex", "code_postal": "20401"}], "2B"),
    ([{"departement": "DRÔME 6"}, {"commune": "Valence"}], "26"),  # a speck read as a digit; Valence is ambiguous
])
def test_the_prefectures_departement_from_its_clues(cog, clues, code):
    value = normalised("courrier_prefet.departement", clues, cog=cog)
    assert value.value == code and value.status is FieldStatus.EXTRACTED


def test_unresolvable_clues_stay_as_written_for_a_reviewer(cog):
    value = normalised("courrier_prefet.departement", [{"departement": "Atlantide"}], cog=cog)
    assert value.value == "Atlantide" and value.status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("postcode, code", [("35000", "35"), ("97480", "974"), ("20000", "2A"), ("20200", "2B"),
                                            ("99999", None), ("3500", None)])
def test_postcode_departement(cog, postcode, code):
    assert postcode_departement(postcode, cog) == code


def test_letter_dates_slugs_and_booleans(cog):
    assert normalised("courrier_collectivite.date", "1er avril 2026", cog=cog).value == "2026-04-01"
    assert normalised("courrier_prefet.signataire_qualite", "sous_prefet", cog=cog).status is FieldStatus.EXTRACTED
    assert normalised("courrier_prefet.signataire_qualite", "Préfet", cog=cog).status is FieldStatus.NEEDS_REVIEW
    assert normalised("courrier_prefet.destinataire_dgaln", False, cog=cog).value is False
    assert normalised("courrier_collectivite.signe", True, 0.6, cog=cog).status is FieldStatus.NEEDS_REVIEW


def test_an_undecided_signature_stays_in_review_unguessed(cog):
    value = normalised("courrier_collectivite.signe", None, 0.45, FieldStatus.NEEDS_REVIEW, cog=cog)
    assert value.value is None and value.status is FieldStatus.NEEDS_REVIEW


def test_an_extractors_doubt_is_kept_whatever_the_confidence(cog):
    value = normalised("courrier_prefet.signataire_qualite", "sous_prefet", 0.95, FieldStatus.NEEDS_REVIEW, cog=cog)
    assert value.status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("value, confidence, status", [
    (False, 0.9, FieldStatus.EXTRACTED),  # a text layer's block without the DGALN: a defect
    (False, 0.898, FieldStatus.NEEDS_REVIEW),  # the same read by OCR: part of the block may be lost
    (True, 0.8, FieldStatus.EXTRACTED),
])
def test_not_addressed_to_the_dgaln_only_on_an_exact_reading(value, confidence, status):
    assert normalised("courrier_prefet.destinataire_dgaln", value, confidence).status is status


def _porteuse(name: str, communes: str, confidence: float = 0.65, epci: str = "Communauté de communes du Pays d'Uzès"):
    from schemas.cog import Cog

    raw = {"s1.collectivite.nom": FieldValue(name, confidence, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, 0.95, None, FieldStatus.EXTRACTED),
           "s2.epci": FieldValue(epci, 0.95, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue("30", 0.95, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, Cog.load())["s1.collectivite.nom"]


@pytest.mark.parametrize("name, communes, confidence, status", [
    ("Commune de Blauzac", "Blauzac, Uzès", 0.65, FieldStatus.EXTRACTED),  # named in section 2 too
    ("Communauté de communes du Pays d'Uzès", "Blauzac, Uzès", 0.65, FieldStatus.EXTRACTED),  # its EPCI
    ("Commune de Blauzac", "Uzès, Arpaillargues-et-Aureillac", 0.65, FieldStatus.NEEDS_REVIEW),  # not listed
    ("Commune de Blauzoc", "Blauzac, Uzès", 0.65, FieldStatus.NEEDS_REVIEW),  # not letter for letter
    ("Commune de Blauzac", "Blauzac, Uzès", 0.4, FieldStatus.NEEDS_REVIEW),  # too unsure to be confirmed
])
def test_an_unsure_porteuse_named_in_section_2_is_confirmed(name, communes, confidence, status):
    assert _porteuse(name, communes, confidence).status is status


@pytest.mark.parametrize(("read", "value", "status"), [
    ("Le Vauclin", "Le Vauclin", FieldStatus.EXTRACTED), ("Charny Orée de Puisaye.", "Charny Orée de Puisaye",
                                                          FieldStatus.EXTRACTED),
    ("Le Vaucin.", "Le Vaucin", FieldStatus.NEEDS_REVIEW), ("Charny Orée de Pursaye.", "Charny Orée de Pursaye",
                                                            FieldStatus.NEEDS_REVIEW)])
def test_the_fiches_lieu_is_a_communes_name_or_for_a_reviewer(cog, read, value, status):
    got = normalised("fiche.lieu", read, cog=cog)
    assert (got.value, got.status) == (value, status)
