"""Issue 11, porteuses read sure and wrong on scanned fiches (fichestudy 180:240, session 41):
the COG finds "Ville de L'Etang-Salé" (a capital É's accent lost) and "Communauté de communes
Carmausin-sf Ségala" (a speck of the label column read into the wrapped line) as the commune and
the EPCI they name, but they are not spelt as those: a reviewer sees them."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _porteuse(cog, read: str, departement: str, confidence: float = 0.9) -> FieldValue:
    raw = {"s1.collectivite.nom": FieldValue(read, confidence, None, SURE),
           "s2.departement": FieldValue(departement, 0.95, None, SURE)}
    return normalise_fields(raw, cog)["s1.collectivite.nom"]


@pytest.mark.parametrize(("read", "departement"), [
    ("Ville de L'Etang-Salé", "974"),
    ("Communauté de communes Carmausin-sf Ségala", "81"),
])
def test_a_porteuse_not_spelt_as_the_collectivite_it_names_is_for_review(cog, read, departement):
    value = _porteuse(cog, read, departement)
    assert (value.value, value.status) == (read, REVIEW)


@pytest.mark.parametrize(("read", "departement"), [
    ("Ville de L'Étang-Salé", "974"),
    ("Communauté de communes Carmausin-Ségala", "81"),
    ("Cté de communes du Pays de Lamastre", "07"),
    ("Saint-Étienne Métropole", "42"),
    ("Commune du Port", "974"),
])
def test_a_porteuse_spelt_as_the_cog_does_stays_sure(cog, read, departement):
    assert _porteuse(cog, read, departement).status is SURE


def test_a_text_layers_porteuse_is_as_typed(cog):
    assert _porteuse(cog, "Ville de L'Etang-Salé", "974", confidence=1.0).status is SURE
