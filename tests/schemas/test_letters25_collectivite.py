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
