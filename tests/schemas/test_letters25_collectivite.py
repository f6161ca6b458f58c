"""Session 25: the letter's collectivité cut at a line break keeps no dangling link word."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

COLL = "courrier_collectivite.collectivite"


@pytest.mark.parametrize("written, porteuse, want", [
    ("Commune de La Possession de", "Commune de La Possession", "Commune de La Possession"),
    ("Communauté de communes du Val de Sarthe du", "Communauté de communes du Val de Sarthe",
     "Communauté de communes du Val de Sarthe"),
])
def test_a_name_ending_on_a_link_word_is_the_collectivite_it_names_without_it(cog, written, porteuse, want):
    raw = {COLL: FieldValue(written, 0.9, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue(porteuse, 0.95, None, FieldStatus.EXTRACTED)}
    out = normalise_fields(raw, cog)[COLL]
    assert out.value == want and out.status is FieldStatus.EXTRACTED


def test_a_cut_name_that_names_nothing_whole_stays_for_a_reviewer(cog):
    raw = {COLL: FieldValue("Communauté de", 0.9, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue("Communauté de communes du Val de Sarthe", 0.95, None,
                                             FieldStatus.EXTRACTED)}
    assert normalise_fields(raw, cog)[COLL].status is FieldStatus.NEEDS_REVIEW


def _porteuse_unread(quality: str | None) -> dict:
    """The fiche's porteuse read as a fragment, its section 2's EPCI surely; the letter's name at 0.6."""
    raw = {COLL: FieldValue("Communauté de communes du Val de Sarthe", 0.6, None, FieldStatus.EXTRACTED),
           "s1.collectivite.nom": FieldValue("de communes du Val", 0.6, None, FieldStatus.NEEDS_REVIEW),
           "s2.epci": FieldValue("Communauté de communes du Val de Sarthe", 0.95, None, FieldStatus.EXTRACTED)}
    if quality:
        raw["courrier_collectivite.signataire_qualite"] = FieldValue(quality, 0.9, None, FieldStatus.EXTRACTED)
    return raw


@pytest.mark.parametrize("quality, status", [
    ("president_epci", FieldStatus.EXTRACTED),  # section 2's EPCI, named exactly, signed by its président
    ("maire", FieldStatus.NEEDS_REVIEW),  # a maire does not sign for an EPCI: the readings disagree
    (None, FieldStatus.NEEDS_REVIEW),  # nothing but section 2 vouches for so unsure a reading
])
def test_section_2_and_the_quality_confirm_a_letter_whose_porteuse_is_unread(cog, quality, status):
    out = normalise_fields(_porteuse_unread(quality), cog)
    assert out["s2.epci"].status is FieldStatus.EXTRACTED
    assert out[COLL].status is status
