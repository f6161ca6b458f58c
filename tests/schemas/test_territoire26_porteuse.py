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


def _porteuse(cog, written: str, communes: str | None, departement: str = "01") -> FieldValue:
    raw = {"s1.collectivite.nom": FieldValue(written, 0.9, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.9, None, FieldStatus.EXTRACTED)}
    if communes:
        raw["s2.communes"] = FieldValue(communes, 0.95, None, FieldStatus.EXTRACTED)
    return normalise_fields(raw, cog)["s1.collectivite.nom"]


@pytest.mark.parametrize("communes", ["Saint-Étienne-sur-Chalaronne", None])
def test_a_commune_porteuse_read_with_a_slip_is_for_review_as_read(cog, communes):
    # one letter off the commune section 2 lists: not letter for letter, a reviewer sees the reading
    field = _porteuse(cog, "Commune de Salnt-Étienne-sur-Chalaronne", communes)
    assert field.value == "Commune de Salnt-Étienne-sur-Chalaronne"
    assert field.status is FieldStatus.NEEDS_REVIEW


def test_a_commune_porteuse_read_exactly_stays_sure(cog):
    field = _porteuse(cog, "Ville de Saint-Étienne-sur-Chalaronne", None)
    assert (field.value, field.status) == ("Ville de Saint-Étienne-sur-Chalaronne", FieldStatus.EXTRACTED)


@pytest.mark.parametrize("written, departement, want", [
    ("Ville du Précheur", "972", "Ville du Prêcheur"),  # a fax's accent slip: the COG's accents
    ("Commune de Vitre", "35", "Commune de Vitre"),  # an accent missing: as the porteur typed it
    ("VILLE DU PRECHEUR", "972", "VILLE DU PRECHEUR"),  # capitals: as written
    ("Ville de Saint Denis", "974", "Ville de Saint Denis"),  # the porteur's own spelling: as written
])
def test_a_commune_porteuse_with_its_accents_slipped_is_spelt_as_the_cog(cog, written, departement, want):
    field = _porteuse(cog, written, None, departement)
    assert (field.value, field.status) == (want, FieldStatus.EXTRACTED)
