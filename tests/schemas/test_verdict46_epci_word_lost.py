"""A letter's EPCI read with one word lost ("CA de la Réunion Est (CIREST)", a photo dropping
"Intercommunale") is the EPCI the dossier names surely when the président signs it: three readings
agree, the verdict holds. Another EPCI, two words lost, or a maire's signature stay for a reviewer."""

from __future__ import annotations

import functools

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

CIREST = "Communauté d'agglomération Intercommunale de la Réunion Est (CIREST)"
COMMUNES = "Saint-André, Bras-Panon, Saint-Benoît"


@functools.cache
def _cog():
    from schemas.cog import Cog
    return Cog.load()


def _raw(letter: str, quality: str = "president_epci") -> dict[str, FieldValue]:
    sure = FieldStatus.EXTRACTED
    return {
        "s1.collectivite.nom": FieldValue(CIREST, 0.78, None, sure),
        "s1.collectivite.type": FieldValue("epci", 0.9, None, sure),
        "s2.epci": FieldValue(CIREST, 0.9, None, sure),
        "s2.communes": FieldValue(COMMUNES, 0.9, None, sure),
        "s2.departement": FieldValue("974", 0.85, None, sure),
        "courrier_collectivite.signataire_qualite": FieldValue(quality, 0.85, None, sure),
        "courrier_collectivite.collectivite": FieldValue(letter, 0.6, None, sure),
    }


@pytest.mark.parametrize("letter", ["CA de la Réunion Est (CIREST)"])
def test_an_epci_read_with_one_word_lost_is_the_dossiers_epci(letter):
    out = normalise_fields(_raw(letter), _cog())["courrier_collectivite.collectivite"]
    assert out.status is FieldStatus.EXTRACTED
    assert out.value == "CA Intercommunale de la Réunion Est (CIREST)"


@pytest.mark.parametrize("letter, quality", [
    ("CA de la Réunion Est (CIREST)", "maire"),  # the signatory heads no EPCI
    ("CA de la Réunion (CIREST)", "president_epci"),  # two words lost
    ("CA de la Réunion Ouest (CIREST)", "president_epci"),  # a word that is not the EPCI's
    ("CC de la Réunion Est (CIREST)", "president_epci"),  # another nature
])
def test_other_readings_stay_for_a_reviewer(letter, quality):
    out = normalise_fields(_raw(letter, quality), _cog())["courrier_collectivite.collectivite"]
    assert out.status is FieldStatus.NEEDS_REVIEW
