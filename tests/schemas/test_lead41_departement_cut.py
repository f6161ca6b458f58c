"""A département's name cut at its table cell's edge ("Isè" for Isère on a 150 dpi scan) came
nearest another's name ("Oise") and was exported sure. Read only by such a near spelling, a
département that is not the one every commune listed lies in is doubted; the head of that one's
name, cut short, is that one (two readings agree)."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields


def _read(cog, written: str, communes: str, epci: str, confidence: float = 0.81) -> dict:
    raw = {"s2.epci": FieldValue(epci, 0.93, None, FieldStatus.EXTRACTED),
           "s2.communes": FieldValue(communes, 0.9, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(written, confidence, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)


@pytest.mark.parametrize("written, communes, epci, code", [
    ("Isè", "Le Pont-de-Beauvoisin", "Les Vals du Dauphiné", "38"),
    ("Loire-Atla", "Saint-Viaud", "CC du Sud Estuaire", "44"),  # not the Loire
    ("Charente-Mar", "Royan", "CA Royan Atlantique", "17"),  # nor the Charente
])
def test_a_name_cut_at_its_cell_edge_is_the_communes_departement(cog, written, communes, epci, code):
    out = _read(cog, written, communes, epci)
    assert out["s2.departement"].value == code
    assert out["s2.departement"].status is FieldStatus.EXTRACTED


def test_a_near_spelling_of_another_departement_is_doubted(cog):
    out = _read(cog, "Oisc", "Le Pont-de-Beauvoisin", "Les Vals du Dauphiné")
    assert out["s2.departement"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("written", ["Oise", "Oise (60)", "60"])
def test_a_departement_written_out_stays_as_read(cog, written):
    out = _read(cog, written, "Le Pont-de-Beauvoisin", "Les Vals du Dauphiné")
    assert out["s2.departement"].value == "60"
