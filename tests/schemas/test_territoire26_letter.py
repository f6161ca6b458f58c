"""The letter's collectivité as a scan reads a letterhead: the designation with a slip ("Vllle de",
"Malrie de", "Cornmunauté"), an EPCI in capitals or with accents lost; resolved to the entity of
section 2 and named as the COG spells it."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.normalise import normalise_fields

COLL = "courrier_collectivite.collectivite"


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def letter(cog, written: str, porteuse: str, communes: str, epci: str, departement: str) -> FieldValue:
    raw = {COLL: FieldValue(written, 0.9, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue(porteuse, 0.95, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, 0.95, None, FieldStatus.EXTRACTED),
           "s2.epci": FieldValue(epci, 0.95, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.95, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)[COLL]


@pytest.mark.parametrize("written, want", [
    ("Vllle de Ruitz", "Ville de Ruitz"),  # "i" read "l"
    ("Villé de Ruitz", "Ville de Ruitz"),  # an accent added
    ("Malrie de Ruitz", "Mairie de Ruitz"),
])
def test_a_commune_letterhead_with_a_slip_in_its_designation(cog, written, want):
    field = letter(cog, written, "Commune de Ruitz", "Ruitz", "CA de Béthune-Bruay, Artois-Lys Romane", "62")
    assert (field.value, field.status) == (want, FieldStatus.EXTRACTED)


@pytest.mark.parametrize("written, want", [
    ("CA DE SAINT-DIE-DES-VOSGES", "CA de Saint-Dié-des-Vosges"),  # capitals, accents lost
    ("COMMUNAUTE DE COMMUNES DU PAYS DE HONFLEUR-BEUZEVILLE",
     "Communauté de communes du Pays de Honfleur-Beuzeville"),
    ("AMIENS METROPOLE", "Amiens Métropole"),
    ("Cornmunauté urbaine du Grand Reims", "Communauté urbaine du Grand Reims"),  # "rn" for "m"
    ("CU du Grand Réims", "CU du Grand Reims"),  # an accent added
])
def test_an_epci_letterhead_read_exactly_is_named_as_the_cog_spells_it(cog, written, want):
    from schemas.territoire import letter_entity, letter_name

    found = letter_entity(written, cog, [], [])
    assert found is not None
    assert letter_name(written, *found) == want


def test_an_epci_named_otherwise_keeps_the_letters_words(cog):
    from schemas.territoire import letter_entity, letter_name

    found = letter_entity("CA Forbach Porte de France", cog, [], [])
    assert letter_name("CA Forbach Porte de France", *found) == "CA Forbach Porte de France"


@pytest.mark.parametrize("porteuse, communes, status", [
    ("Commune de Saint-Égrève", "Saint-Égrève", FieldStatus.EXTRACTED),  # the dossier's own commune
    ("Commune de Grenoble", "Grenoble", FieldStatus.NEEDS_REVIEW),  # another: a reviewer looks
])
def test_a_logos_speck_read_in_the_letterhead_is_no_part_of_the_name(cog, porteuse, communes, status):
    field = letter(cog, "Hôtel de Ville de Ps Saint-Égrève", porteuse, communes, "Grenoble-Alpes-Métropole", "38")
    assert (field.value, field.status) == ("Commune de Saint-Égrève", status)
