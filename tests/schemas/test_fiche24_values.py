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
