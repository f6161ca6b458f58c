"""Issue 11, family 5: a commune's name read past recognition beside its INSEE code. When the name
comes near no commune and the code names a member of the EPCI read surely, the code wins."""

from __future__ import annotations

from extractors.model import FieldStatus, FieldValue
from schemas.communes import parse_communes
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
COEVRONS = "200033298"
LIST = "Évron (53150), Voutré (code INSEE 53276). {} — code INSEE {} et Bais — code INSEE 53016"


def _s2(cog, name: str = "lré", code: str = "53120") -> dict:
    """Section 2 of a photographed fiche: Izé's name misread, the département misread too."""
    return normalise_fields({
        "s2.communes": FieldValue(LIST.format(name, code), 0.79, None, SURE),
        "s2.epci": FieldValue("CC des Coëvrons", 0.92, None, SURE),
        "s2.departement": FieldValue("Marenne Pays de la Loire", 0.78, None, SURE),
    }, cog)


def test_a_name_near_no_commune_is_the_epci_member_its_code_names(cog):
    out = _s2(cog)
    assert out["s2.communes"].value[2] == {"nom": "Izé", "code_insee": "53120"}
    assert out["s2.communes"].status is SURE


def test_a_name_far_from_the_code_s_commune_is_that_commune_for_a_reviewer(cog):
    entries = parse_communes(LIST.format("Qwxtpvr", "53120"), cog, None, COEVRONS)
    assert (entries[2].nom, entries[2].code_insee, entries[2].sure) == ("Izé", "53120", False)
    assert _s2(cog, "Qwxtpvr")["s2.communes"].status is REVIEW


def test_a_name_that_is_another_commune_stays_a_contradiction(cog):
    # Laval is a real commune, not the one 53120 names: which is right is a reviewer's call
    entries = parse_communes(LIST.format("Laval", "53120"), cog, None, COEVRONS)
    assert entries[2].contradicted and entries[2].nom == "Laval"
    assert _s2(cog, "Laval")["s2.communes"].status is REVIEW


def test_a_code_outside_the_epci_does_not_win(cog):
    # 53130 is Laval's code, outside the Coëvrons: the misread name stays unresolved
    entries = parse_communes(LIST.format("lré", "53130"), cog, None, COEVRONS)
    assert entries[2].contradicted and entries[2].nom == "lré"
    assert _s2(cog, "lré", "53130")["s2.communes"].status is REVIEW


def test_without_an_epci_read_surely_the_code_does_not_win(cog):
    entries = parse_communes(LIST.format("lré", "53120"), cog, None, None)
    assert entries[2].contradicted and entries[2].nom == "lré"
