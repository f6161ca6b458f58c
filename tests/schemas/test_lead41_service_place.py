"""A State service's name whose département was misread past the geography's fuzzy lookup
("DDT du Tam": OCR reads the Tarn's "rn" as "m") was exported sure. A place that names no
département nor région is for a reviewer, spelt as the dossier's département when it is two
slips from it; a service's own name after the place is left as read."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields


def _service(cog, written: str, departement: str = "81") -> FieldValue:
    raw = {"s1.etat.service": FieldValue(written, 0.87, None, FieldStatus.EXTRACTED),
           "s2.departement": FieldValue(departement, 0.95, None, FieldStatus.EXTRACTED)}
    return normalise_fields(raw, cog)["s1.etat.service"]


@pytest.mark.parametrize("written, departement, proposed", [
    ("DDT du Tam", "81", "DDT du Tarn"),
    ("DDT de la Gimnde", "33", "DDT de la Gironde"),
])
def test_a_misread_departement_is_the_dossiers_for_a_reviewer(cog, written, departement, proposed):
    field = _service(cog, written, departement)
    assert field.value == proposed and field.status is FieldStatus.NEEDS_REVIEW


def test_a_place_that_names_nothing_is_doubted(cog):
    assert _service(cog, "DDT du Xyzzy").status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("written", ["DDT du Tarn", "DDT de la Drôme / Service Aménagement", "DREAL Occitanie"])
def test_a_service_named_as_written_stays_sure(cog, written):
    field = _service(cog, written)
    assert field.value == written and field.status is FieldStatus.EXTRACTED
