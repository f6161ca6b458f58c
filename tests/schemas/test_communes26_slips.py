"""Section 2's commune lists as a scan gives them: the line breaks lost, a name with a slip
("DontiIly", "Rernies", "Momant", "MarIe"), "et" after a code. Each resolves only where the
département, a code or the EPCI points at one commune; nothing wrong is made sure."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import EXACT, Cog
from schemas.communes import parse_communes
from schemas.normalise import normalise_fields


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def read(cog, epci: str, communes: str, departement: str, confidence: float = 0.9) -> dict:
    raw = {"s2.epci": FieldValue(epci, 0.9, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, confidence, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.9, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)


def test_names_one_per_line_one_with_a_slip_are_cut_and_confirmed_by_the_epci(cog):
    # "Donnemarie-Dontilly\nBaby (77480)\nSognolles-en-Montois (77454)", the breaks lost, an "l" read "I"
    written = "Donnemarie-DontiIly Baby (77480) SognoIles-en-Montois (77454)"
    entries = parse_communes(written, cog, "77")
    assert [e.code_insee for e in entries] == ["77159", "77015", "77454"]
    assert not entries[0].sure  # a slip: only the EPCI makes it sure
    out = read(cog, "CC Bassée-Montois", written, "Seine-et-Marne")
    assert [c["code_insee"] for c in out["s2.communes"].value] == ["77159", "77015", "77454"]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED


def test_a_run_of_names_cut_two_ways_is_left_whole(cog):
    # no département: nothing to hold a cut to
    assert len(parse_communes("Donnemarie-DontiIly Baby", cog)) == 1


@pytest.mark.parametrize("written, departement, code", [
    ("Rernies", "02", "02638"),  # "rn" read for "m"
    ("Couvron-et-Aurnencourt", "02", "02231"),
    ("Toumus", "71", "71543"),  # "m" read for "rn"
    ("Momant", "69", "69141"),  # one "m" of two: Mornant
])
def test_an_rn_m_slip_undone_finds_the_commune_but_never_exactly(cog, written, departement, code):
    match = cog.resolve_commune(written, departement)
    assert match is not None and match.code_insee == code and match.score < EXACT
    [entry] = parse_communes(written, cog, departement)
    assert entry.code_insee == code and not entry.sure


def test_a_slip_undone_with_its_code_agreeing_is_sure(cog):
    [entry] = parse_communes("Momant (69141)", cog, "69")
    assert (entry.nom, entry.code_insee, entry.sure, entry.confirmed) == ("Mornant", "69141", True, True)


def test_a_name_read_as_another_communes_but_nearest_one_its_code_names(cog):
    # "MarIe": Marie is a commune of the Alpes-Maritimes; 02250 is the postcode of Marle (Aisne)
    [entry] = parse_communes("MarIe (02250)", cog, "02")
    assert (entry.nom, entry.code_insee, entry.sure) == ("Marle", "02468", True)
    # a code that names neither stays a contradiction
    assert parse_communes("Sartène (code INSEE 2A041)", cog)[0].contradicted


@pytest.mark.parametrize("written, departement, codes", [
    ("Hénin-Beaumont, Dourges (62274) et 62320 Drocourt", "62", ["62427", "62274", "62277"]),
    ("Quillan (11304) et 11140 Mérial", "11", ["11304", "11230"]),
    ("Saint-Denis (code INSEE 97411), Sainte-Suzanne (97420) et 97438 Sainte- Marie", "974",
     ["97411", "97420", "97418"]),
])
def test_et_after_a_code_separates_and_is_no_commune(cog, written, departement, codes):
    entries = parse_communes(written, cog, departement)
    assert [(e.code_insee, e.sure) for e in entries] == [(c, True) for c in codes]
    assert "et" not in [e.nom for e in entries]


def test_et_inside_a_name_stays(cog):
    assert [e.code_insee for e in parse_communes("Thue et Mue", cog, "14")] == ["14098"]


@pytest.mark.parametrize("written, departement, code", [
    ("Saint-Pierre — code INSEE 974l6", "974", "97416"),  # "l" read for "1"
    ("Saint-Pierre — code INSEE 974I6", "974", "97416"),
    ("Bastia 2O200", "2B", "2B033"),  # "O" read for "0"
    ("Sartène (code INSEE ZA272)", "2A", "2A272"),  # Corsica's "2" read "Z", its letter kept
])
def test_a_code_with_a_digit_read_as_a_letter_is_that_code(cog, written, departement, code):
    assert [(e.code_insee, e.sure) for e in parse_communes(written, cog, departement)] == [(code, True)]


def test_a_word_with_no_digits_is_no_code(cog):
    assert [e.nom for e in parse_communes("Lille, SBOIS", cog, "59")] == ["Lille", "SBOIS"]


def test_two_names_run_together_before_a_code_are_not_the_one_the_code_names(cog):
    # "Bastia\nFurianl 20200", the break lost and Furiani misread: not Bastia alone, made sure
    entries = parse_communes("Bastia Furianl 20200", cog)
    assert not all(e.sure for e in entries)
    assert [(e.code_insee, e.sure) for e in parse_communes("Meiiart (18142)", cog, "18")] == [("18142", True)]


@pytest.mark.parametrize("departement", ["tetes des Fche de", "Grronde"])
def test_a_departement_read_with_the_epci_where_a_photo_lost_its_label(cog, departement):
    # the label "Département" lost: its answer "Gironde (33)" read on the EPCI's line
    raw = {"s2.epci": FieldValue("COMMUNAUTÉ DE COMMUNES LATITUDE NORD GIRONDE Gironde (33)", 0.88, None,
                                 FieldStatus.EXTRACTED),
           "s2.communes": FieldValue("Saint-Savin / Cavignac (33114) / Saint-Yzan-de-Soudiac", 0.84, None,
                                     FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.39, None, FieldStatus.EXTRACTED)}
    out = normalise_fields(raw, cog)
    assert (out["s2.departement"].value, out["s2.departement"].status) == ("33", FieldStatus.EXTRACTED)


def test_a_departement_at_the_epcis_end_that_is_not_the_communes_confirms_nothing(cog):
    raw = {"s2.epci": FieldValue("CC Latitude Nord Gironde Landes (40)", 0.88, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue("Saint-Savin, Cavignac", 0.84, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue("tetes des Fche de", 0.39, None, FieldStatus.EXTRACTED)}
    assert normalise_fields(raw, cog)["s2.departement"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("written, status", [
    ("Corse-du-Sud", FieldStatus.EXTRACTED),  # spelt exactly, Tesseract unsure of a hyphenated word
    ("Corse-du-Sod", FieldStatus.NEEDS_REVIEW),  # a slip: no agreement letter for letter
    ("Haute-Corse", FieldStatus.NEEDS_REVIEW),  # another département than the communes'
    ("2A", FieldStatus.NEEDS_REVIEW),  # a bare code read that unsure: one character from another
])
def test_a_departement_read_unsure_but_spelt_as_the_communes_one_is_confirmed(cog, written, status):
    raw = {"s2.departement": FieldValue(written, 0.3, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue("Appietto", 0.92, None, FieldStatus.EXTRACTED),
           "s2.epci": FieldValue("CA du Pays Ajaccien", 0.93, None, FieldStatus.EXTRACTED)}
    assert normalise_fields(raw, cog)["s2.departement"].status is status


@pytest.mark.parametrize("written", [
    "Saint-Cyprien (code INSEE 24396)\nSalles-de-Belvès — code INSLE 24517",
    "Saint-Cyprien (code lNSFE 24396), Salles-de-Belvès - code iNSEF 24517",
])
def test_the_insee_label_with_one_letter_misread_after_code_is_no_part_of_the_name(cog, written):
    # a fax read "INSEE" as "INSLE": the name before it must stay the commune, sure
    entries = parse_communes(written, cog, "24")
    assert [(e.nom, e.code_insee, e.sure) for e in entries] == [
        ("Saint-Cyprien", "24396", True), ("Salles-de-Belvès", "24517", True)]
