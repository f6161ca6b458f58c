"""Section 2's communes written with their codes, in lists of any shape, against the real COG."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.communes import parse_communes
from schemas.normalise import normalise_fields


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def codes(text: str, cog: Cog, departement: str | None = None, epci: str | None = None) -> list:
    return [(e.code_insee, e.sure) for e in parse_communes(text, cog, departement, epci)]


@pytest.mark.parametrize("text, code", [
    ("Sartène (code INSEE 2A272)", "2A272"),
    ("Saint-Pierre — code INSEE 97416", "97416"),  # one of nine Saint-Pierre: the code says which
    ("Saint-Pierre (97225)", "97225"),
    ("Le Lorrain (97214)", "97214"),
    ("Bastia 20200", "2B033"),  # a postcode Bastia shares with three neighbours
    ("20200 Bastia", "2B033"),
    ("Sartène - code INSEE : 2A272", "2A272"),
    ("Saint- Pierre (code INSEE 97416)", "97416"),  # cut at a line end
    ("Sartène 2A272 20100", "2A272"),  # its INSEE code and its postcode
])
def test_a_code_beside_a_name_confirms_it_and_is_no_commune(cog, text, code):
    entries = parse_communes(text, cog)
    assert [(e.code_insee, e.sure, e.confirmed) for e in entries] == [(code, True, True)]
    assert entries[0].nom.replace(" ", "") in text.replace(" ", "")


def test_a_code_that_disagrees_with_the_name_is_for_a_reviewer(cog):
    [entry] = parse_communes("Sartène (code INSEE 2A041)", cog)  # 2A041 is Bonifacio
    assert entry.nom == "Sartène" and not entry.sure and not entry.confirmed


@pytest.mark.parametrize("text, expected", [
    ("2A272", [("2A272", True)]),
    ("2A272 ; 2B096", [("2A272", True), ("2B096", True)]),
    ("20200", [(None, False)]),  # the postcode of four communes
    ("97214", [("97214", True)]),
])
def test_a_code_alone_names_its_commune(cog, text, expected):
    assert codes(text, cog) == expected


@pytest.mark.parametrize("text", [
    "Porto-Vecchio ; Bonifacio et Lecci",
    "Porto-Vecchio, Bonifacio, Lecci",
    "Porto-Vecchio / Bonifacio / Lecci",
    "• Porto-Vecchio • Bonifacio • Lecci",
    "- Porto-Vecchio\n- Bonifacio\n- Lecci",
    "Porto-Vecchio\nBonifacio\nLecci",
    "Porto-Vecchio Bonifacio Lecci",  # one per line, the line breaks lost by the reading
    "1. Porto-Vecchio 2. Bonifacio 3. Lecci",
    "Communes de Porto-Vecchio, Bonifacio et Lecci",
    "Porto-Vecchio (2A247), Bonifacio (2A041) et Lecci (2A139)",
    "Porto-Vecchio 20137 ; Bonifacio 20169 ; Lecci 20137",
    "Porto-Vecchio (2A) & Bonifacio + Lecci (Corse-du-Sud)",
    "Porto-Vecchio (ville-centre), Bonifacio, Lecci",  # a comment in brackets is no commune
])
def test_separators_separate(cog, text):
    assert codes(text, cog) == [("2A247", True), ("2A041", True), ("2A139", True)]


@pytest.mark.parametrize("text, code", [
    ("Thue et Mue", "14098"),
    ("Saint-Geniez-d'Olt-et-d'Aubrac", "12224"),
    ("Parves et Nattages", "01286"),
])
def test_a_name_holding_et_is_one_commune(cog, text, code):
    assert codes(text, cog) == [(code, True)]


def test_homonyms_are_told_apart_by_the_departement_the_epci_or_the_neighbours(cog):
    assert codes("Saint-Pierre", cog) == [(None, False)]
    assert codes("Saint-Pierre", cog, "974") == [("97416", True)]
    assert codes("Saint-Pierre", cog, epci="200041788") == [("97225", True)]  # CA du Pays Nord Martinique
    assert codes("Le Carbet\nSaint-Pierre\nLe Prêcheur", cog) == [("97204", True), ("97225", True), ("97219", True)]


def test_unknown_names_stay_one_unsure_entry(cog):
    assert [(e.nom, e.code_insee, e.sure) for e in parse_communes("Atlantide", cog)] == [("Atlantide", None, False)]
    # A commune déléguée is known, with no INSEE code of its own (COMMUNE_INCONNUE names its commune nouvelle).
    assert codes("Annecy, Cran-Gevrier", cog) == [("74010", True), (None, True)]


def normalised(raw: dict, cog: Cog) -> dict:
    fields = {fid: FieldValue(v, conf, None, FieldStatus.EXTRACTED) for fid, (v, conf) in raw.items()}
    return normalise_fields(fields, cog)


def test_normalised_communes_with_codes_are_sure_and_code_confirmed_ones_outweigh_a_weak_reading(cog):
    out = normalised({"s2.communes": ("Sartène (code INSEE 2A272) ; Propriano (2A249)", 0.6)}, cog)["s2.communes"]
    assert out.value == [{"nom": "Sartène", "code_insee": "2A272"}, {"nom": "Propriano", "code_insee": "2A249"}]
    assert out.status is FieldStatus.EXTRACTED and out.confidence >= 0.9
    unsure = normalised({"s2.communes": ("Sartène ; Propriano", 0.6)}, cog)["s2.communes"]
    assert unsure.status is FieldStatus.NEEDS_REVIEW  # no code to confirm a weak reading


def test_normalised_homonym_resolved_by_the_epci_of_section_2(cog):
    out = normalised({"s2.communes": ("Le Carbet et Saint-Pierre", 0.95),
                      "s2.epci": ("Communauté d'agglomération du Pays Nord Martinique", 0.95)}, cog)
    assert out["s2.communes"].value == [{"nom": "Le Carbet", "code_insee": "97204"},
                                        {"nom": "Saint-Pierre", "code_insee": "97225"}]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("text, expected", [
    # one name per line, the line breaks lost: codes before and after the names they belong to
    ("72000 Le Mans La Chapelle-Saint-Aubin (72065) Fatines (code INSEE 72129)",
     ["72181", "72065", "72129"]),
    ("39260 Moirans-en-Montagne Courbette (39570) 39270 Dompierre-sur-Mont Maisod — code INSEE 39307",
     ["39333", "39168", "39200", "39307"]),
    ("61470 La Ferté-en-Ouche", ["61167"]),
    ("Cavaillon (code INSEE 84035) Lauris (84065) 84220 Cabrières-d'Avignon 84440 Robion",
     ["84035", "84065", "84025", "84099"]),
    ("Sartène (2A272) 20100 ; Propriano", ["2A272", "2A249"]),   # a trailing postcode stays with its name
])
def test_codes_before_after_and_between_names_run_together(cog, text, expected):
    entries = parse_communes(text, cog)
    assert [e.code_insee for e in entries] == expected and all(e.sure for e in entries)


def test_a_place_nothing_resembles_read_for_sure_is_a_sure_unknown_commune(cog):
    from schemas.completeness import DossierView, assess_completeness
    sure = normalised({"s2.communes": ("Bressols, Hameau de Bressols", 1.0)}, cog)["s2.communes"]
    assert sure.status is FieldStatus.EXTRACTED
    assert sure.value == [{"nom": "Bressols", "code_insee": "82025"}, {"nom": "Hameau de Bressols", "code_insee": None}]
    view = DossierView(pieces={"fiche": True}, fields={"s2.communes": {"value": sure.value, "status": "extracted",
                                                                       "confidence": 1.0}})
    codes_ = [r.code for r in assess_completeness(view, cog).reasons]
    assert "COMMUNE_INCONNUE" in codes_ and "VERIFICATION_REQUISE" not in [
        r.code for r in assess_completeness(view, cog).reasons if r.detail == "s2.communes"]
    # the same read by OCR, or a label taken for a name, is for a reviewer
    assert normalised({"s2.communes": ("Bressols, Hameau de Bressols", 0.8)}, cog)["s2.communes"].status \
        is FieldStatus.NEEDS_REVIEW
    assert normalised({"s2.communes": ("Bressols ; Nom", 1.0)}, cog)["s2.communes"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("text, expected", [
    ("177350 Le Mée-sur-Seine", [("77285", True)]),  # a postcode with a stray mark read as a digit
    ("Bastia 202000, Corte", [("2B033", True), ("2B096", True)]),
])
def test_a_number_no_code_is_long_enough_for_is_no_part_of_a_name(cog, text, expected):
    assert codes(text, cog) == expected


@pytest.mark.parametrize("text, expected", [
    # one name misread: the colon still separates it from the next, whole
    ("Porto-Vecchio : Bonifaclo : Lecci", [("2A247", True), ("2A041", False), ("2A139", True)]),
    ("Sartène : Propriamo (2A249) : Bonifacio", [("2A272", True), ("2A249", True), ("2A041", True)]),
    ("Communes concernées : Porto-Vecchio, Bonifacio", [("2A247", True), ("2A041", True)]),  # a label's colon
    ("Sartène - code INSEE : 2A272", [("2A272", True)]),  # a colon before a code: the name's own
])
def test_a_colon_between_two_names_separates_them(cog, text, expected):
    assert codes(text, cog) == expected


def test_quote_marks_and_specks_are_no_part_of_a_name(cog):
    assert [(e.nom, e.code_insee, e.sure) for e in parse_communes("Bonifacio ; Lecci ”", cog)] == [
        ("Bonifacio", "2A041", True), ("Lecci", "2A139", True)]
    assert codes("« Porto-Vecchio » : Bonifaclo", cog) == [("2A247", True), ("2A041", False)]


def test_a_misread_commune_between_colons_is_confirmed_by_the_epci_of_section_2(cog):
    # a photo: "Bonifacio" misread, the colons its separators, the EPCI read unsure but exactly named
    out = normalised({"s2.communes": ("20137 Porto-Vecchio : Bonifaclo : Lecci", 0.72),
                      "s2.epci": ("CC du Sud Corse", 0.6)}, cog)
    assert out["s2.communes"].value == [{"nom": "Porto-Vecchio", "code_insee": "2A247"},
                                        {"nom": "Bonifacio", "code_insee": "2A041"},
                                        {"nom": "Lecci", "code_insee": "2A139"}]
    assert out["s2.communes"].status is FieldStatus.EXTRACTED
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    # a name no member of that EPCI comes near stays for a reviewer
    out = normalised({"s2.communes": ("Porto-Vecchio : Bastelicca : Lecci", 0.72),  # Bastelica, misread
                      "s2.epci": ("CC du Sud Corse", 0.6)}, cog)
    assert out["s2.communes"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("text, nom, code", [
    ("Lecoi (20137)", "Lecci", "2A139"),  # a postcode three communes share, one of them alike
    ("Propriamo — code INSEE 2A249", "Propriano", "2A249"),
    ("Sartène (2A272)", "Sartène", "2A272"),  # read exactly: as written
])
def test_a_misread_name_its_code_confirms_is_given_as_the_cog_spells_it(cog, text, nom, code):
    assert [(e.nom, e.code_insee, e.sure) for e in parse_communes(text, cog)] == [(nom, code, True)]
