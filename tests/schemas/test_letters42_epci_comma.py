"""An EPCI whose official name holds a comma ("CC Entre Arroux, Loire et Somme": 22 of the
official names), written on a letter cut at that comma (a title or a letterhead wrapped there,
its end read apart or lost): resolved to that EPCI and named whole, not exported cut and sure."""

from __future__ import annotations

import pytest

from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields

COLL = "courrier_collectivite.collectivite"


def letter(cog, written: str, fiche: dict[str, str] | None = None) -> FieldValue:
    raw = {COLL: FieldValue(written, 0.75, None, FieldStatus.EXTRACTED)}
    raw.update({key: FieldValue(value, 0.95, None, FieldStatus.EXTRACTED) for key, value in (fiche or {}).items()})
    return normalise_fields(raw, cog)[COLL]


@pytest.mark.parametrize("written, want", [
    ("Communauté de communes Entre Arroux", "Communauté de communes Entre Arroux, Loire et Somme"),
    ("Communauté de communes Saint Affricain", "Communauté de communes Saint Affricain, Roquefort, Sept Vallons"),
    ("Communauté de communes Saint Affricain, Roquefort",  # cut at its second comma
     "Communauté de communes Saint Affricain, Roquefort, Sept Vallons"),
    ("CA de Béthune-Bruay", "CA de Béthune-Bruay, Artois-Lys Romane"),  # as abbreviated as written
    ("Communauté de communes Monts", "Communauté de communes Monts, Rance et Rougier"),  # one word before its comma
])
def test_a_letter_alone_names_the_epci_cut_at_its_comma_whole(cog, written, want):
    assert letter(cog, written).value == want


def test_with_the_fiche_the_cut_name_is_the_porteuse_named_whole(cog):
    fiche = {"s1.collectivite.nom": "Communauté de communes Entre Arroux, Loire et Somme",
             "s2.communes": "Gueugnon, Montmort", "s2.epci": "CC Entre Arroux, Loire et Somme",
             "s2.departement": "Saône-et-Loire"}
    field = letter(cog, "Communauté de communes Entre Arroux", fiche)
    assert field.value == "Communauté de communes Entre Arroux, Loire et Somme"


def test_a_one_word_name_resolves_by_its_start_only_to_a_name_cut_at_its_comma(cog):
    monts = cog.resolve_epci("Communauté de communes Monts")
    assert monts is not None and monts.epci is not None and monts.epci.nom == "CC Monts, Rance et Rougier"
    assert cog.resolve_epci("Communauté de communes Pays") is None  # "CC du Pays de …" begin so: no prefix


def test_a_whole_name_is_left_as_written(cog):
    assert letter(cog, "Communauté de communes du Sud Corse").value == "Communauté de communes du Sud Corse"
