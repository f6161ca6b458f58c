"""The porteuse as the fiche names it (session 22): abbreviations of an EPCI's designation."""

from __future__ import annotations

from extractors.fields.fiche_checks import implied_choices
from extractors.model import FieldStatus, FieldValue
from schemas.territoire import name_kind, resolve_entity


def test_an_abbreviated_communaute_de_communes_is_an_epci_and_resolves(cog):
    """"Cté de communes du Val de l'Oise": the porteur's abbreviation still names an EPCI, so the
    nature box (unsure on a photo) is not needed to tell commune from EPCI."""
    name = "Cté de communes du Val de l'Oise"
    assert name_kind(name) == "epci"
    found = resolve_entity(name, cog, name_kind(name))
    assert found is not None and found.code == "200040426"
    assert name_kind("Ville de Saint-Cté") == "commune"


def test_an_abbreviated_designation_confirms_the_nature_box():
    sure = FieldStatus.EXTRACTED
    fields = {"s1.collectivite.nom": FieldValue("Cté de communes du Val de l'Oise", 0.9, None, sure),
              "s1.collectivite.type": FieldValue("epci", 0.52, None, sure),
              "s2.communes": FieldValue("Ribemont", 0.9, None, sure), "s2.echelle": FieldValue.missing()}
    implied_choices(fields)
    assert fields["s1.collectivite.type"].status is sure and fields["s1.collectivite.type"].confidence >= 0.9
