"""Fiche values normalised against the geography (session 24)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _section2(cog, departement: str):
    raw = {"s2.communes": FieldValue("Saint-André, Bras-Panon, Saint-Benoît", 0.9, None, SURE),
           "s2.departement": FieldValue(departement, 0.83, None, SURE)}
    return normalise_fields(raw, cog)["s2.departement"]


@pytest.mark.parametrize("read", ["974 La Réunion des Fiche de", "La Réunion des Fiche de"])
def test_a_departement_whose_head_names_the_communes_one_is_that_one(cog, read):
    """A photo read the next page's running header with the answer: the value's head names
    the département every commune listed lies in, two readings that agree."""
    value = _section2(cog, read)
    assert (value.value, value.status) == ("974", SURE)


@pytest.mark.parametrize("read", ["972 Martinique des Fiche de", "Martinique des Fiche de"])
def test_a_departement_whose_head_names_another_than_the_communes_stays_for_review(cog, read):
    value = _section2(cog, read)
    assert value.status is REVIEW


def _porteuse(cog, read: str, epci_sure: bool = True, confidence: float = 0.80):
    raw = {"s1.collectivite.nom": FieldValue(read, confidence, None, SURE),
           "s2.epci": FieldValue("CC Terres d'Argentan Interco", 0.95 if epci_sure else 0.5, None, SURE),
           "s2.departement": FieldValue("Orne", 0.95, None, SURE)}
    return normalise_fields(raw, cog)["s1.collectivite.nom"]


def test_a_porteuse_read_cite_de_communes_is_the_abbreviated_designation_confirmed_by_section_2(cog):
    """"Cté de communes" read with an "i" before its "t" ("Cité de communes", on a photo):
    spelt back, and confirmed by the EPCI of section 2 read surely."""
    value = _porteuse(cog, "Cité de communes Terres d'Argentan Interco")
    assert (value.value, value.status) == ("Cté de communes Terres d'Argentan Interco", SURE)


def test_a_mended_abbreviated_porteuse_without_a_sure_epci_is_for_review(cog):
    value = _porteuse(cog, "Cité de communes Terres d'Argentan Interco", epci_sure=False)
    assert (value.value, value.status) == ("Cté de communes Terres d'Argentan Interco", REVIEW)


def test_an_abbreviated_porteuse_read_unsure_is_confirmed_by_the_epci_of_section_2(cog):
    value = _porteuse(cog, "Cté de communes Terres d'Argentan Interco", confidence=0.6)
    assert (value.value, value.status) == ("Cté de communes Terres d'Argentan Interco", SURE)


def test_an_abbreviated_porteuse_naming_another_epci_than_section_2_stays_for_review(cog):
    value = _porteuse(cog, "Cté de communes du Pays de Mortagne au Perche", confidence=0.6)
    assert value.status is REVIEW


@pytest.mark.parametrize("text, iso", [("02.02 2026", "2026-02-02"), ("le 12/03 2026", "2026-03-12")])
def test_a_numeric_date_whose_last_dot_a_photo_lost_is_read(text, iso):
    from schemas.values import parse_french_date

    assert parse_french_date(text).isoformat() == iso


def test_digits_in_groups_are_no_date():
    from schemas.values import parse_french_date

    assert parse_french_date("Tél. 05 46 20 26 11") is None


def test_a_commune_whose_accent_ocr_read_as_a_capital_of_its_own_is_found_in_its_list(cog):
    """"Nice" / "ÊÈze" one per line on a scan (the lines joined): two communes, the second's
    doubled initial a misreading; the EPCI read surely confirms the list."""
    raw = {"s2.communes": FieldValue("Nice ÊÈze", 0.65, None, SURE),
           "s2.epci": FieldValue("Métropole Nice Côte d'Azur", 0.956, None, SURE),
           "s2.departement": FieldValue("06", 0.95, None, SURE)}
    value = normalise_fields(raw, cog)["s2.communes"]
    assert [c["code_insee"] for c in value.value] == ["06088", "06059"]
    assert value.status is SURE
