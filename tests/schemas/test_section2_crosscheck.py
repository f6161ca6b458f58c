"""Section 2 read with OCR slips: the EPCI named and the communes listed vouch for each other in
the official geography, and nothing is made sure where another place comes as near."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields


def read(cog, epci: str, communes: str, departement: str, epci_confidence: float = 0.9,
         communes_confidence: float = 0.9) -> dict:
    raw = {"s2.epci": FieldValue(epci, epci_confidence, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, communes_confidence, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.9, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)


@pytest.mark.parametrize("written, departement, communes, siren", [
    ("Communauté de communes du Plateau de Russcy", "25", "Le Russey", "242504355"),
    ("CC du Ouercy Caussadais", "82", "Caussade", "248200057"),
    ("CA Saint-Avo1d Synergie", "57", "Saint-Avold, Carling", "200067502"),
    ("Communauté de communes Coeur de Francc", "18", "Saint-Amand-Montrond, Meillant", "200036135"),
])
def test_an_epci_read_with_a_slip_is_the_one_holding_the_communes(cog, written, departement, communes, siren):
    out = read(cog, written, communes, departement)
    assert out["s2.epci"].value["siren"] == siren
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    assert written not in out["s2.epci"].value["nom"]  # the slip is not exported as sure


def test_an_epci_read_unsure_but_exact_is_confirmed_by_its_communes(cog):
    out = read(cog, "Communauté de communes du Diois", "Die", "26", epci_confidence=0.6)
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    assert out["s2.epci"].value["nom"] == "Communauté de communes du Diois"


def test_an_epci_read_with_a_slip_stays_for_review_when_the_communes_are_elsewhere(cog):
    # Crest is not of the Diois: the dossier may name the wrong EPCI, a reviewer decides.
    out = read(cog, "Communauté de communes du Dlois", "Crest", "26")
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


def test_an_epci_read_too_unsure_is_not_confirmed(cog):
    out = read(cog, "Communauté de communes du Plateau de Russcy", "Le Russey", "25", epci_confidence=0.4)
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("communes, codes", [
    ("Salnt-Joseph", ["97412"]),  # a photo's slip
    ("Schælcher, Fort-de-France", ["97229", "97209"]),  # æ read for œ
])
def test_a_commune_read_with_a_slip_is_the_member_of_the_epci_it_comes_nearest(cog, communes, codes):
    epci = "CA du Sud" if "Joseph" in communes else "CA du Centre de la Martinique"
    departement = "974" if "Joseph" in communes else "972"
    out = read(cog, epci, communes, departement)
    assert [c["code_insee"] for c in out["s2.communes"].value] == codes
    assert out["s2.communes"].status is FieldStatus.EXTRACTED
    assert "Salnt" not in str(out["s2.communes"].value)


def test_a_commune_with_a_slip_that_names_no_member_stays_for_review(cog):
    # "Crestt" is nearest Crest, which is not of the Diois: no member is made of it.
    out = read(cog, "Communauté de communes du Diois", "Die, Crestt", "26")
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW


def test_closest_among_refuses_a_place_outside_the_set_as_near(cog):
    diois = cog.resolve_epci("Communauté de communes du Diois").epci
    assert cog.closest_among("Crestt", diois.membres, diois.departements) is None
    found = cog.closest_among("Luc-en-Dios", diois.membres, diois.departements)
    assert found is not None and found[0].nom == "Luc-en-Diois" and found[1] == 1


def test_an_epci_name_too_damaged_to_resolve_is_the_nearest_of_its_departement_holding_the_communes(cog):
    # "FIanEe" is three letters off "France": nothing resolves, but of the EPCIs of the Cher,
    # the one holding both communes is by far the nearest name.
    out = read(cog, "Communauté de communes Coeur de FIanEe", "Saint-Amand-Montrond, Meillant", "18")
    assert out["s2.epci"].value == {"nom": "Communauté de communes Coeur de France", "siren": "200036135"}
    assert out["s2.epci"].status is FieldStatus.EXTRACTED


def test_a_short_damaged_epci_name_stays_for_review(cog):
    # "du Suo": one letter of three wrong is too little left of the name to tell it from
    # another, whatever the communes say.
    out = read(cog, "COMMUNAUTÉ D'AGGLOMÉRATION DU SUO", "Saint-Joseph", "974")
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


def test_a_name_too_damaged_to_resolve_is_the_commune_of_its_code_when_it_resembles_it(cog):
    from schemas.communes import parse_communes

    entries = parse_communes("Sant-Amand Montrond — code INSEE 18197, Meiiart (18142)", cog, "18")
    assert [(e.code_insee, e.sure, e.confirmed) for e in entries] == [("18197", True, True), ("18142", True, True)]
    assert entries[1].nom == "Meillant"
    # a code beside a name that resembles nothing of it, or names another commune, confirms nothing
    assert parse_communes("Xyzzyq (26113)", cog, "26")[0].contradicted
    assert parse_communes("Crest (26113)", cog, "26")[0].contradicted


@pytest.mark.parametrize("written", ["Die — codé INSÈE 26113", "Die codé INSEE 26113", "Die (Code Insée : 26113)"])
def test_a_code_label_read_with_accents_is_no_part_of_the_name(cog, written):
    from schemas.communes import parse_communes

    entries = parse_communes(written, cog, "26")
    assert [(e.nom, e.code_insee, e.confirmed) for e in entries] == [("Die", "26113", True)]


def test_communes_and_epci_both_read_unsure_that_agree_are_both_trusted(cog):
    out = read(cog, "(Communauté aggtomér ation intercommunale de La Réunion Est (CIREST)",
               "Saint-André, Bras-Panon, Saint-Benoit", "974", epci_confidence=0.57, communes_confidence=0.65)
    assert out["s2.epci"].value["siren"] == "249740093" and out["s2.epci"].status is FieldStatus.EXTRACTED
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["97409", "97402", "97410"]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED


def test_communes_and_epci_both_unsure_stay_for_review_unless_they_agree(cog):
    # Saint-Denis is of the CINOR, not of the CIREST named: nothing is trusted.
    out = read(cog, "(Communauté aggtomér ation intercommunale de La Réunion Est (CIREST)",
               "Salnt-André, Saint-Denis", "974", epci_confidence=0.57, communes_confidence=0.65)
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW
    # communes of two EPCIs: no one place to agree on
    out = read(cog, "CA Intercommunale de la Réunion Est", "Saint-André, Saint-Denis", "974",
               epci_confidence=0.57, communes_confidence=0.65)
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW


def _with_departement(cog, written: str, confidence: float, communes: str = "Saint-Viaud") -> dict:
    raw = {"s2.epci": FieldValue("CC du Sud Estuaire", 0.95, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, 0.9, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(written, confidence, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)


def test_a_departement_code_read_unsure_one_digit_off_the_communes_is_theirs(cog):
    out = _with_departement(cog, "42", 0.63)
    assert out["s2.departement"].value == "44" and out["s2.departement"].status is FieldStatus.EXTRACTED


def test_a_departement_read_surely_is_never_overruled(cog):
    out = _with_departement(cog, "42", 0.95)
    assert out["s2.departement"].value == "42"


def test_a_departement_far_from_the_communes_stays_for_review(cog):
    out = _with_departement(cog, "13", 0.63)
    assert out["s2.departement"].value == "13" and out["s2.departement"].status is FieldStatus.NEEDS_REVIEW


def test_a_lone_letter_beside_a_departement_name_is_a_speck(cog):
    from schemas.normalise import departement_code

    assert departement_code("Doubs b", cog) == "25"


def test_slips_in_both_the_epci_and_the_communes_agree_on_one_place(cog):
    out = read(cog, "Communauté de communes Coeur de Francc", "Saint-Amand-Montrnd, Meilant", "18",
               epci_confidence=0.6, communes_confidence=0.6)
    assert out["s2.epci"].value["siren"] == "200036135" and out["s2.epci"].status is FieldStatus.EXTRACTED
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["18197", "18142"]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED


def test_slips_in_both_with_a_commune_outside_the_epci_decide_nothing(cog):
    # "Bourges" is no member of the CC Coeur de France: the list stays for a reviewer.
    out = read(cog, "Communauté de communes Coeur de Francc", "Saint-Amand-Montrnd, Bourgse", "18",
               epci_confidence=0.6, communes_confidence=0.6)
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW
    assert out["s2.epci"].status is FieldStatus.NEEDS_REVIEW


def test_a_former_communes_name_is_never_made_a_member_it_resembles(cog):
    # Merval, a commune déléguée within the CC du Val de l'Aisne, one letter from its member
    # Serval: the reading names the former commune (COMMUNE_INCONNUE's case), not Serval.
    aisne = cog.resolve_epci("CC du Val de l'Aisne").epci
    assert cog.closest_among("Merval", aisne.membres, aisne.departements) is None
    annecy = cog.resolve_epci("CA du Grand Annecy").epci
    found = cog.closest_among("Annecv", annecy.membres, annecy.departements)  # Annecy, déléguée of itself too
    assert found is not None and found[0].code == "74010"


def test_an_epci_name_followed_by_another_lines_words_is_named_by_its_head(cog):
    out = read(cog, "CA du Grand Nord de Mayotte Ateéer des tentures F Flash Fiche de", "Koungou, Mtsamboro", "976",
               epci_confidence=0.57)
    assert out["s2.epci"].value == {"nom": "CA du Grand Nord de Mayotte", "siren": "200060465"}
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    # a head naming another EPCI than the one of the communes decides nothing
    other = read(cog, "CA de Dembeni Mamoudzou Ateéer des tentures F Flash Fiche de", "Koungou, Mtsamboro", "976",
                 epci_confidence=0.57)
    assert other["s2.epci"].status is FieldStatus.NEEDS_REVIEW
