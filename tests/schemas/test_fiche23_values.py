"""Fiche values normalised against the geography (session 23)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _service(cog, text: str):
    return normalise_fields({"s1.etat.service": FieldValue(text, 0.85, None, SURE)}, cog)["s1.etat.service"]


@pytest.mark.parametrize("read, mended", [
    ("DEAL de La Réumon", "DEAL de La Réunion"),  # a photo's "ni" read as "m": two slips
    ("DDT de la Sartho", "DDT de la Sarthe"),
])
def test_a_services_place_a_slip_or_two_from_one_departement_or_region_is_mended_for_review(cog, read, mended):
    value = _service(cog, read)
    assert (value.value, value.status) == (mended, REVIEW)


@pytest.mark.parametrize("text", ["DEAL de La Réunion", "DDT de l'Aube", "DDT de l'Aude", "DEAL de la Martinique",
                                  "DDTM de la Haute-Corse", "DGTM de Guyane"])
def test_a_services_place_spelt_right_stays_sure(cog, text):
    value = _service(cog, text)
    assert (value.value, value.status) == (text, SURE)


@pytest.mark.parametrize("read, text", [
    ("Métropole d' Aix-Marseille-Provence", "Métropole d'Aix-Marseille-Provence"),
    ("Commune de l’ Isle-Adam", "Commune de l’Isle-Adam"),
    ("Ville d'Aix", "Ville d'Aix"),
    ("rock' n roll", "rock' n roll"),  # no elided article: as written
])
def test_an_elided_article_is_joined_to_its_word(read, text):
    from schemas.values import clean_text
    assert clean_text(read) == text


@pytest.mark.parametrize("read, name", [
    ("Ville du Morné-Vert", "Ville du Morne-Vert"),  # a fax's speck over the "e"
    ("Commune de Saint-Etienne", "Commune de Saint-Etienne"),  # an accent missing: as typed
    ("Commune de Vitré", "Commune de Vitré"),
])
def test_a_specks_accent_on_the_porteuses_commune_is_taken_off(cog, read, name):
    raw = {"s1.collectivite.nom": FieldValue(read, 0.8, None, SURE),
           "s2.departement": FieldValue("972" if "Morn" in read else "42" if "Etienne" in read else "35",
                                        0.9, None, SURE)}
    assert normalise_fields(raw, cog)["s1.collectivite.nom"].value == name


def test_without_specks_only_takes_accents_off():
    from schemas.values import without_specks
    assert without_specks("Ville du Morné-Vert", "Le Morne-Vert") == "Ville du Morne-Vert"
    assert without_specks("VILLE DU MORNÉ-VERT", "Le Morne-Vert") == "VILLE DU MORNE-VERT"
    assert without_specks("Commune de Vitre", "Vitré") == "Commune de Vitre"


@pytest.mark.parametrize("region, departement, status", [
    ("Région Martinique", "Martinique (972)", SURE),  # read at 0.6 on a fax, the département's own
    ("Corse", "Haute-Corse", SURE),
    ("Bretagne", "Haute-Corse", REVIEW),  # disagreeing: a reviewer decides
])
def test_a_region_read_unsure_is_confirmed_by_its_departement(cog, region, departement, status):
    raw = {"s2.region": FieldValue(region, 0.6, None, SURE),
           "s2.departement": FieldValue(departement, 0.95, None, SURE)}
    assert normalise_fields(raw, cog)["s2.region"].status is status


@pytest.mark.parametrize("read, mended", [
    ("Cammune de Säint-Denis-de-Gastines", ("Commune de Säint-Denis-de-Gastines", True)),
    ("Mairle de Gap", ("Mairie de Gap", True)),
    ("Communay", ("Communay", False)),  # a place's name, two letters off
    ("Communes du Pays", ("Communes du Pays", False)),
    ("Commune de Vitré", ("Commune de Vitré", False)),
])
def test_a_communes_designation_one_letter_off_is_mended(read, mended):
    from schemas.territoire import mend_designation
    assert mend_designation(read) == mended


@pytest.mark.parametrize("read_status", [SURE, REVIEW])  # doubted at reading for its kind word's slip
def test_a_faxed_porteuse_mended_and_naming_the_listed_commune_is_confirmed(cog, read_status):
    raw = {"s1.collectivite.nom": FieldValue("Cammune de Säint-Denis-de-Gastines", 0.53, None, read_status),
           "s2.communes": FieldValue("Saint-Denis-de-Gastines", 0.9, None, SURE),
           "s2.departement": FieldValue("Mayenne (53)", 0.9, None, SURE)}
    value = normalise_fields(raw, cog)["s1.collectivite.nom"]
    assert (value.value, value.status) == ("Commune de Saint-Denis-de-Gastines", SURE)
