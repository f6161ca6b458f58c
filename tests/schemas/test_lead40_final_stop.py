"""A service's name, a quality, a function never end with a full stop: one read after the last
word ("DDT de l'Ain." on a fax) is a speck, left out; an abbreviation's and an answer's stay."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.cog import Cog
from schemas.normalise import normalise_fields


@pytest.fixture(scope="module")
def cog() -> Cog:
    return Cog.load()


def _normalised(cog: Cog, **values: str) -> dict:
    raw = {field.replace("__", "."): FieldValue(text, 0.91, None, FieldStatus.EXTRACTED)
           for field, text in values.items()}
    return {field: (value.value, value.status) for field, value in normalise_fields(raw, cog).items()}


def test_a_speck_after_a_name_is_no_part_of_it(cog):
    out = _normalised(cog, s1__etat__service="DDT de l'Ain.", s1__etat__referent_fonction="Chargée de mission .",
                      s1__collectivite__elu_qualite="Maire de Bourg.")
    assert out["s1.etat.service"] == ("DDT de l'Ain", FieldStatus.EXTRACTED)
    assert out["s1.etat.referent_fonction"] == ("Chargée de mission", FieldStatus.EXTRACTED)
    assert out["s1.collectivite.elu_qualite"] == ("Maire de Bourg", FieldStatus.EXTRACTED)


def test_an_abbreviation_and_an_answer_keep_theirs(cog):
    out = _normalised(cog, s1__etat__referent_fonction="Dir. adj.",
                      s3__description="Les zones humides sont fragmentées par l'urbanisation récente.")
    assert out["s1.etat.referent_fonction"][0] == "Dir. adj."
    assert out["s3.description"][0].endswith("récente.")
