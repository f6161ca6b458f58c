"""Issue 11, family 5: a commune's written INSEE code with one character misread by OCR
("27558" for Saint-Pierre-du-Vauvray's 27598, "21251" for Prunelli-di-Fiumorbo's 2B251). Seen on
the fiches of bench/fichestudy.py; without this rule such a list was a contradiction for a
reviewer even when the name was read exactly."""

from __future__ import annotations

from extractors.model import FieldStatus, FieldValue
from schemas.communes import parse_communes
from schemas.normalise import normalise_fields

SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW
SEINE_EURE = "200089456"


def test_an_exact_name_of_the_epci_wins_over_a_code_one_digit_off(cog):
    entry, = parse_communes("Saint-Pierre-du-Vauvray (code INSEE 27558)", cog, "27", SEINE_EURE)
    assert (entry.code_insee, entry.sure, entry.contradicted) == ("27598", True, False)


def test_the_section_is_sure_when_the_epci_agrees(cog):
    out = normalise_fields({
        "s2.communes": FieldValue("Saint-Pierre-du-Vauvray (code INSEE 27558)", 0.9, None, SURE),
        "s2.epci": FieldValue("CA Seine-Eure", 0.95, None, SURE),
        "s2.departement": FieldValue("Eure", 0.95, None, SURE),
    }, cog)
    assert out["s2.communes"].value == [{"nom": "Saint-Pierre-du-Vauvray", "code_insee": "27598"}]
    assert out["s2.communes"].status is SURE


def test_without_the_epci_a_code_naming_a_commune_of_the_departement_stays_a_contradiction(cog):
    # 27558 is Saint-Léger-du-Gennetey, in the Eure too: nothing tells which reading is wrong
    entry, = parse_communes("Saint-Pierre-du-Vauvray (code INSEE 27558)", cog, "27", None)
    assert entry.contradicted and not entry.sure


def test_a_damaged_name_is_the_commune_one_digit_from_its_code_for_a_reviewer(cog):
    entry, = parse_communes("Vouncuil-sui Vient (code INSEE 46298)", cog, "86", None)
    assert (entry.nom, entry.code_insee, entry.sure) == ("Vouneuil-sur-Vienne", "86298", False)
    entry, = parse_communes("Ponelli-d-liumorbo (code INSEE 21251)", cog, "2B", None)
    assert (entry.nom, entry.code_insee, entry.sure) == ("Prunelli-di-Fiumorbo", "2B251", False)


def test_two_slips_are_not_a_slip(cog):
    entry, = parse_communes("Saint-Pierre-du-Vauvray (code INSEE 27550)", cog, "27", SEINE_EURE)
    assert entry.contradicted and not entry.sure


def test_a_code_between_two_names_is_the_next_one_s_when_it_names_only_that_one(cog):
    # a photo's list that lost its comma: "Saint-Éloy-les-Mines, 63390 Ayat-sur-Sioule, …";
    # 63390 is Ayat-sur-Sioule's postcode, Saint-Éloy's is 63700
    text = "Saint-Eloy-les-Mines 63390 Ayat-sur-Sioule Gouttières (code INSEE 63171) : Pionsat (63281)"
    entries = parse_communes(text, cog, "63", "200072080")
    assert [e.code_insee for e in entries] == ["63338", "63025", "63171", "63281"]
    assert all(e.sure and not e.contradicted for e in entries)
    # the code of the name before stays its own
    first, second = parse_communes("Saint-Eloy-les-Mines 63700 Ayat-sur-Sioule", cog, "63", None)
    assert first.confirmed and not second.confirmed
