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


def _section(cog, commune: str, confidence: float, porteuse: str = "Ville de Biot") -> dict:
    from schemas.normalise import normalise_fields
    sure = FieldStatus.EXTRACTED
    raw = {"s1.collectivite.nom": FieldValue(porteuse, 0.95, None, sure),
           "s1.collectivite.type": FieldValue("commune", 0.95, None, sure),
           "s2.communes": FieldValue(commune, confidence, None, sure),
           "s2.epci": FieldValue("Communauté d'agglomération de Sophia Antipolis", 0.95, None, sure),
           "s2.departement": FieldValue("06 - Alpes-Maritimes", 0.95, None, sure)}
    return normalise_fields(raw, cog)


def test_a_short_commune_read_unsure_that_is_the_porteuse_and_a_member_of_the_epci_is_trusted(cog):
    """"Biot" read at 0.47 (Tesseract doubts short words): too unsure for the EPCI alone, but
    the porteuse "Ville de Biot" and the EPCI, both read surely, say the same."""
    out = _section(cog, "Biot", 0.47)
    assert out["s2.communes"].status is FieldStatus.EXTRACTED
    assert out["s2.communes"].value == [{"nom": "Biot", "code_insee": "06018"}]


def test_a_commune_that_is_not_the_porteuse_stays_for_review(cog):
    assert _section(cog, "Valbonne", 0.47)["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert _section(cog, "Biot", 0.2)["s2.communes"].status is FieldStatus.NEEDS_REVIEW
