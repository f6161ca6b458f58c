"""Session 29: the letter's collectivité read on into the letterhead's next line, and the porteuse
read with a slip that the letter, once resolved, vouches for."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

COLL = "courrier_collectivite.collectivite"
PORTEUSE = "s1.collectivite.nom"
SURE, REVIEW = FieldStatus.EXTRACTED, FieldStatus.NEEDS_REVIEW


def _fax(cog, letter: str = "Ville des Anses-d'Arlet de Libération", porteuse: str = "Ville des Anscs-d'Arlet",
         communes: str = "Les Anses-d'Arlet (code INSEE 97202)", quality: str = "maire") -> dict:
    """A fax's readings: the porteuse one slip off at 0.59, the letterhead's name at 0.61 with the
    address line's words read on ("place de la Libération", its low words dropped)."""
    return normalise_fields({
        PORTEUSE: FieldValue(porteuse, 0.592, None, SURE),
        "s1.collectivite.type": FieldValue("commune", 0.5, None, SURE),
        "s2.communes": FieldValue(communes, 0.702, None, SURE),
        "s2.epci": FieldValue("CA de l'Espace Sud de la Martinique", 0.893, None, SURE),
        "s2.departement": FieldValue("Martinique", 0.95, None, SURE),
        COLL: FieldValue(letter, 0.607, None, SURE),
        "courrier_collectivite.signataire_qualite": FieldValue(quality, 0.95, None, SURE),
    }, cog)


def test_a_letter_name_read_on_into_the_next_line_is_the_commune_its_head_names(cog):
    out = _fax(cog)
    assert (out[COLL].value, out[COLL].status) == ("Ville des Anses-d'Arlet", SURE)
    # the letter, resolved, and section 2 vouch for the porteuse's one slip: three readings agree
    assert (out[PORTEUSE].value, out[PORTEUSE].status) == ("Ville des Anses-d'Arlet", SURE)


@pytest.mark.parametrize("change", [
    {"communes": "Le Diamant (code INSEE 97206)"},  # the head names a commune the dossier names nowhere else
    {"letter": "Ville des Anses-d'Arlet Libération"},  # the rest does not open on a link word
    {"quality": "president_epci"},  # a président does not sign for a commune: the readings disagree
])
def test_a_head_naming_nothing_known_stays_for_a_reviewer(cog, change):
    out = _fax(cog, **change)
    assert out[COLL].status is REVIEW
    assert out[PORTEUSE].status is REVIEW


def test_a_letter_naming_the_porteuse_whole_is_untouched(cog):
    out = _fax(cog, letter="Ville des Anses-d'Arlet")
    assert (out[COLL].value, out[COLL].status) == ("Ville des Anses-d'Arlet", SURE)


@pytest.mark.parametrize("written, departement, want", [
    ("Commune du Port", None, None),  # Le Port (Ariège) or Le Port (La Réunion): never Port (Ain)
    ("Commune du Port", "974", "97407"),
    ("Mairie du Port", "974", "97407"),
    ("Commune de Port", None, "01307"),  # "de Port": Port, the one without article
    ("Ville des Abymes", None, "97101"),
    ("Commune de La Possession", None, "97408"),
])
def test_the_article_a_link_word_holds_tells_homonyms_apart(cog, written, departement, want):
    match = cog.resolve_commune(written, departement)
    assert match is not None and match.score == 1.0
    assert (None if match.ambiguous else match.code_insee) == want
    if written.endswith("du Port"):
        assert {c.nom for c in match.candidates} == {"Le Port"}


def test_a_porteuse_named_with_du_is_not_a_homonym_elsewhere_when_the_departement_is_unread(cog):
    """Section 2's département unread (a photo): "Commune du Port" and the letter's "Mairie du Port"
    are La Réunion's Le Port that section 2 lists, not Port (Ain): no incoherence."""
    from schemas.completeness import DossierView, _letter_collectivite

    fields = {
        "s1.collectivite.nom": {"value": "Commune du Port", "status": "extracted"},
        "s2.communes": {"value": [{"nom": "Le Port", "code_insee": "97407"}], "status": "extracted"},
        "s2.departement": {"value": None, "status": "needs_review"},
        "courrier_collectivite.collectivite": {"value": "Mairie du Port", "status": "extracted"},
    }
    view = DossierView({"fiche": True, "courrier_collectivite": True}, fields)
    assert _letter_collectivite(view, cog).problems == ()


def _geoirs(cog, porteuse: str = "Commune de Saint-Étienne-cle-Saint-Gcoirs",
            letter: str | None = "Commune de Saint-Étienne-de-Saint-Geoirs") -> dict:
    """A fax's porteuse, a long hyphenated name read at 0.23 with three slips; section 2 lists the
    commune with its INSEE code, the letter names it exactly."""
    raw = {PORTEUSE: FieldValue(porteuse, 0.226, None, SURE),
           "s1.collectivite.type": FieldValue("commune", 0.868, None, SURE),
           "s2.communes": FieldValue("Saint-Étienne-de-Saint-Gooirs — code INSEE 38384", 0.738, None, SURE),
           "s2.epci": FieldValue("CC Bièvre Isère", 0.925, None, SURE),
           "s2.departement": FieldValue("Isère (38)", 0.808, None, SURE),
           "courrier_collectivite.signataire_qualite": FieldValue("maire", 0.85, None, SURE)}
    if letter:
        raw[COLL] = FieldValue(letter, 0.913, None, SURE)
    return normalise_fields(raw, cog)


def test_a_long_porteuse_read_unsure_with_slips_is_respelt_when_section_2_and_the_letter_name_it(cog):
    out = _geoirs(cog)
    assert (out[PORTEUSE].value, out[PORTEUSE].status) == ("Commune de Saint-Étienne-de-Saint-Geoirs", SURE)


@pytest.mark.parametrize("change", [
    {"letter": None},  # nothing but section 2 vouches for it
    {"letter": "Commune de Saint-Siméon-de-Bressieux"},  # the letter names another commune
    {"porteuse": "Commune de Saint-Etlcnne-clc-Saint-Gcolrs"},  # more slips than OCR's tolerance
])
def test_a_porteuse_with_slips_stays_for_review_without_three_agreeing_readings(cog, change):
    out = _geoirs(cog, **change)
    assert out[PORTEUSE].status is REVIEW


def _port(cog, communes: str) -> dict:
    """A photo: the one commune listed read at 0.42 with a slip; the porteuse and the EPCI read surely."""
    return normalise_fields({
        PORTEUSE: FieldValue("Commune du Port", 0.911, None, SURE),
        "s1.collectivite.type": FieldValue("commune", 0.9, None, SURE),
        "s2.communes": FieldValue(communes, 0.425, None, SURE),
        "s2.epci": FieldValue("Communauté d'agglomération Territoire de la Côte Ouest (TCO)", 0.776, None, SURE),
        "s2.departement": FieldValue("La Réunion (974)", 0.499, None, SURE),
    }, cog)


@pytest.mark.parametrize("communes, want, status", [
    ("Le Pont", [{"nom": "Le Port", "code_insee": "97407"}], SURE),  # one slip: the porteuse's, as the COG spells it
    ("Le Port", [{"nom": "Le Port", "code_insee": "97407"}], SURE),
    ("Le Ponl", None, REVIEW),  # two slips: resolves to nothing sure
    ("Saint-Paul", [{"nom": "Saint-Paul", "code_insee": "97415"}], REVIEW),  # another commune of the EPCI
])
def test_a_single_commune_one_slip_from_the_porteuse_is_confirmed_by_it_and_the_epci(cog, communes, want, status):
    out = _port(cog, communes)["s2.communes"]
    assert out.status is status
    if want:
        assert out.value == want
