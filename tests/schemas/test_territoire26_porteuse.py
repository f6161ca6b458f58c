"""The porteuse's name with the form's next label read on with it (a scan's rows run together):
the label and its ticked answer are no part of the name; nothing is cut that the COG does not
confirm."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.normalise import normalise_fields
from schemas.territoire import without_form_tail


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


@pytest.mark.parametrize("written, name", [
    ("Pays de Montbéliard Agglomération NATURE LA COLLECTIVITÉ EPCI", "Pays de Montbéliard Agglomération"),
    ("Commune de Vitré Nature de la collectivité Commune", "Commune de Vitré"),
    ("Communauté de communes du Diois Nature de la collectivité", "Communauté de communes du Diois"),
])
def test_the_next_label_read_with_the_porteuse_is_cut(cog, written, name):
    raw = {"s1.collectivite.nom": FieldValue(written, 0.95, None, FieldStatus.EXTRACTED)}
    out = normalise_fields(raw, cog)
    assert out["s1.collectivite.nom"].value == name
    assert out["s1.collectivite.nom"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("written", [
    "Commune de Vitré",
    "Communauté de communes du Pays de Mormal",
    "Commune de La Nature",  # no commune: nothing to cut to
    "Ville de Saint-Denis EPCI",  # homonyms with no département: the head names no one commune
])
def test_nothing_is_cut_that_the_geography_does_not_confirm(cog, written):
    assert without_form_tail(written, cog) == written
