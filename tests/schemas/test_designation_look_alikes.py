"""A collectivité's designation word read with OCR look-alikes ("ViIle de", "Vil1e de",
"Communé de", "Hôtel de vi1le de", "Métropo1e") is spelt right; a letter/digit look-alike is a
misreading (the porteuse for a reviewer), a stray accent is not; place names are left alone."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.designation import head_mended
from schemas.normalise import normalise_fields
from schemas.territoire import letter_head_mended


def _cog():
    from schemas.cog import Cog
    return Cog.load()


@pytest.mark.parametrize("read, right", [
    ("ViIle de Vitré", "Ville de Vitré"), ("Vil1e de Vitré", "Ville de Vitré"),
    ("VI1LE DE VITRÉ", "VILLE DE VITRÉ"), ("Hôtel de vi1le de Vitré", "Hôtel de ville de Vitré"),
    ("Métropo1e de Lyon", "Métropole de Lyon"), ("Mairle de Vitré", "Mairie de Vitré"),
])
def test_a_porteuse_whose_designation_has_look_alikes_is_mended_for_review(read, right):
    out = normalise_fields({"s1.collectivite.nom": FieldValue(read, 0.97, None, FieldStatus.EXTRACTED)}, _cog())
    assert out["s1.collectivite.nom"].value == right
    assert out["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("read, right", [("Communé de Vitré", "Commune de Vitré"), ("Villé de Vitré", "Ville de Vitré")])
def test_a_stray_accent_on_the_designation_is_taken_off(read, right):
    out = normalise_fields({"s1.collectivite.nom": FieldValue(read, 0.97, None, FieldStatus.EXTRACTED)}, _cog())
    assert out["s1.collectivite.nom"].value == right
    assert out["s1.collectivite.nom"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("read", ["Vil1e de Vitré", "ViIle de Vitré"])
def test_a_letterhead_with_look_alikes_resolves_to_its_commune(read):
    assert letter_head_mended(read) == "Ville de Vitré"
    out = normalise_fields({"courrier_collectivite.collectivite": FieldValue(read, 0.97, None, FieldStatus.EXTRACTED)},
                           _cog())
    assert out["courrier_collectivite.collectivite"].value == "Ville de Vitré"


@pytest.mark.parametrize("name", ["VILLE DE VITRÉ", "COMMUNAUTE URBAINE DE PORTLUNE", "Ville de Vitré", "Vil1e Nouvelle", "Vitre de Ville",
                                  "Communay", "Mairie de Vi1le-d'Avray"])
def test_no_look_alike_designation_is_left_as_read(name):
    assert head_mended(name) == (name, False)
