"""Fiche values on scans and photos (session 27): a date whose slashes a photo lost, the place
of signature spelt as the COG spells the commune."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields
from schemas.values import parse_french_date

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize(("read", "iso"), [("20 08 2026", "2026-08-20"), ("Le Pontet, le 08 08 2026", "2026-08-08"),
                                           ("01 12 2025", "2025-12-01")])
def test_a_date_whose_slashes_a_photo_lost_is_read(read, iso):
    assert parse_french_date(read).isoformat() == iso


@pytest.mark.parametrize("read", ["05 49 12 13 07", "04 11 54 97 96", "32 08 2026", "20 13 2026", "20 08 26"])
def test_phone_numbers_and_impossible_days_are_no_spaced_date(read):
    assert parse_french_date(read) is None


@pytest.mark.parametrize(("read", "spelt"), [("Saint-Denis-dé-Cabanne", "Saint-Denis-de-Cabanne"),
                                             ("SAINT-DENIS-DE-CABANNE", "Saint-Denis-de-Cabanne"),
                                             ("Ferrieres-en-Gatinais", "Ferrières-en-Gâtinais"),
                                             ("Le Pontet", "Le Pontet")])
def test_the_place_of_signature_is_spelt_as_the_cog_spells_the_commune(cog, read, spelt):
    """"Fait à Saint-Denis-dé-Cabanne" on a fax: a speck read as an accent, which the COG's
    comparison of names ignores; the commune's own spelling is the value."""
    value = normalise_fields({"fiche.lieu": FieldValue(read, 0.93, None, SURE)}, cog)["fiche.lieu"]
    assert (value.value, value.status) == (spelt, SURE)


def test_a_place_the_cog_does_not_know_stays_as_read_for_a_reviewer(cog):
    value = normalise_fields({"fiche.lieu": FieldValue("Saint-Denis-dé-Cabannes-Haut", 0.93, None, SURE)},
                             cog)["fiche.lieu"]
    assert value.status is REVIEW and value.value == "Saint-Denis-dé-Cabannes-Haut"


@pytest.mark.parametrize(("read", "status"), [("20 08 2026", REVIEW), ("20/08/2026", SURE), ("20 août 2026", SURE)])
def test_a_date_read_without_its_slashes_is_for_a_reviewer(cog, read, status):
    value = normalise_fields({"fiche.date": FieldValue(read, 0.93, None, SURE)}, cog)["fiche.date"]
    assert (value.value, value.status) == ("2026-08-20", status)
