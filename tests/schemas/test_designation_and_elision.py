"""A porteuse's designation word read with a slip is mended and for a reviewer; a letter's
collectivité elides "de" before any vowel, accented or joined capitals included."""

from __future__ import annotations

import pytest

from extractors.fields.courrier_entites import commune_named
from extractors.model import FieldStatus, FieldValue
from schemas.normalise import normalise_fields
from schemas.territoire import Entity, letter_name, mend_designation


def _cog():
    from schemas.cog import Cog
    return Cog.load()


@pytest.mark.parametrize("read, right", [
    ("Communauté d'agglomératon du Val Imaginaire", "Communauté d'agglomération du Val Imaginaire"),
    ("Communauté de comunes des Hauts Plateaux", "Communauté de communes des Hauts Plateaux"),
    ("Comrnunauté urbaine de Portlune", "Communauté urbaine de Portlune"),
    ("Métropoe de Portlune", "Métropole de Portlune"),
])
def test_a_porteuse_whose_designation_word_slipped_is_mended_and_not_sure(read, right):
    out = normalise_fields({"s1.collectivite.nom": FieldValue(read, 0.97, None, FieldStatus.EXTRACTED)}, _cog())
    assert out["s1.collectivite.nom"].value == right
    assert out["s1.collectivite.nom"].status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("name", ["Communauté de communes de Communay", "Communauté d'agglomération du Val",
                                  "COMMUNAUTE URBAINE DE PORTLUNE", "Commune de Communay", "Métropole Rivelune"])
def test_a_designation_spelt_right_or_a_place_like_its_words_is_left_sure(name):
    assert mend_designation(name) == (name, False)
    out = normalise_fields({"s1.collectivite.nom": FieldValue(name, 0.97, None, FieldStatus.EXTRACTED)}, _cog())
    assert out["s1.collectivite.nom"].value == name
    assert out["s1.collectivite.nom"].status is FieldStatus.EXTRACTED


@pytest.mark.parametrize("town, named", [
    ("Œuvre-la-Ville", "Ville d'Œuvre-la-Ville"), ("Ævigny", "Ville d'Ævigny"), ("Étoilville", "Ville d'Étoilville"),
    ("Îlerive", "Ville d'Îlerive"), ("Ursac", "Ville d'Ursac"), ("Hautrive", "Ville de Hautrive"),
    ("Le Portel", "Ville du Portel"), ("Brelac", "Ville de Brelac"),
])
def test_a_letters_commune_elides_de_before_any_vowel(town, named):
    entity = Entity("commune", "99999", town, frozenset({"99"}))
    assert letter_name(named, entity, False) == named


def test_before_an_h_the_letter_says_whether_de_elides():
    assert commune_named("Hurigny", "Ville", "Ville d'Hurigny") == "Ville d'Hurigny"
    assert commune_named("Hurigny", "Ville", "Ville de Hurigny") == "Ville de Hurigny"


@pytest.mark.parametrize("written, named", [
    ("VILLE DE ŒUVRE-LA-VILLE", "Ville d'Œuvre-la-Ville"), ("Mairie de Étoilville", "Mairie d'Étoilville"),
    ("Ville de Le Portel", "Commune du Portel"),
])
def test_a_letterhead_that_left_de_whole_before_a_vowel_keeps_its_designation_elided(written, named):
    town = "Le Portel" if "Portel" in written else "Œuvre-la-Ville" if "UVRE" in written else "Étoilville"
    entity = Entity("commune", "99999", town, frozenset({"99"}))
    assert letter_name(written, entity, False) == named
