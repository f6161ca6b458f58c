"""Session 28: a collectivité's letter whose block lost its title under the signature (the
strokes or a stamp over "Le Maire"), the words left in the block being the fiche's élu's name
("Pierre" | "s Poirier" for "Pierre-Yves Poirier", "Lony" for "Dominique Lony"): the élu signs,
with the élu's mandate. Never from an élu the fiche read unsure, never for another person."""

from __future__ import annotations

import random

import pytest

from extractors.fields.courrier import letter_fields, read_letter
from extractors.fields.given_names import fold, spellings
from extractors.fields.signataire_elu import completed_by_elu, elu_read, named_in_block
from extractors.model import FieldStatus, FieldValue, PieceKind, Source
from samples.unseen.maker.letters.names import random_person, upper_surname
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE
SOURCE = Source("lettre.pdf", 1, (320.0, 600.0, 450.0, 640.0))
QUALITY, NAME = "courrier_collectivite.signataire_qualite", "courrier_collectivite.signataire_nom"


def _fields(signatory, elu, elu_qualite="Maire", read=(1.0, 1.0), head=("Commune de Vitré", "35500 Vitré")):
    reading = read_letter(COLL, "lettre.pdf", (letter(head=head, signatory=signatory, ocr=True, conf=0.93),))
    return letter_fields([reading], None, {}, (elu, elu_qualite), read)


def _given(word):
    """Whether `word` is also one of the thousand given names most borne ("Simon", "Lucas")."""
    ranks = spellings().get(fold(word), {})
    return bool(ranks) and min(ranks.values()) <= 1000


def _people(count, given):
    """Generated people whose surname is (`given`) or is not also a common given name."""
    rng, out = random.Random(28), []
    while len(out) < count:
        first, surname, _ = random_person(rng)
        if " " not in surname and _given(surname) == given:
            out.append((first, surname))
    return out


@pytest.mark.parametrize("first, surname", _people(6, False))
def test_a_block_left_with_the_elus_surname_is_the_elus_signature(first, surname):
    elu = f"{upper_surname(surname)} {first}"
    out = _fields((surname,), elu)
    assert out[QUALITY].value == "maire" and out[QUALITY].status is FieldStatus.EXTRACTED
    assert 0.7 <= out[QUALITY].confidence < 0.95  # less sure than a title read
    assert out[NAME].value == elu and out[NAME].confidence >= 0.8


@pytest.mark.parametrize("first, surname", _people(3, True))
def test_a_surname_that_many_bear_as_a_given_name_says_too_little_alone(first, surname):
    out = _fields((surname,), f"{upper_surname(surname)} {first}")
    assert out[QUALITY].status is FieldStatus.MISSING


def test_a_name_read_in_two_rows_with_a_strokes_letter_is_the_elus():
    out = _fields(("Pierre", "s Poirier", "L"), "POIRIER Pierre-Yves")
    assert out[QUALITY].value == "maire" and out[QUALITY].confidence >= 0.7
    assert out[NAME].value == "POIRIER Pierre-Yves"


@pytest.mark.parametrize("signatory, elu, elu_qualite", [
    (("Paul Durand",), "POIRIER Pierre-Yves", "Maire"),  # another person: maybe an adjoint
    (("Pierre Durand",), "POIRIER Pierre-Yves", "Maire"),  # a word of the élu's, another surname
    (("Poirier",), "POIRIER Pierre-Yves", "Adjoint au maire"),  # the élu holds no mandate
    (("Yves",), "POIRIER Pierre-Yves", "Maire"),  # a common given name alone: many bear it
    (("Pierre",), "POIRIER Pierre-Yves", "Maire"),
    (("Mme",), "POIRIER Pierre-Yves", "Maire"),
])
def test_no_elu_is_read_into_a_block_that_does_not_name_them(signatory, elu, elu_qualite):
    out = _fields(signatory, elu, elu_qualite)
    assert out[QUALITY].status is FieldStatus.MISSING


def test_a_presidents_name_on_a_communes_letter_gives_no_title():
    """The élu presides an EPCI; a commune's letter whose block shows their surname is no
    président's (a maire with the same name, a mayor of a member commune)."""
    out = _fields(("Poirier",), "POIRIER Pierre-Yves", "Président")
    assert out[QUALITY].status is FieldStatus.MISSING


def test_a_title_read_is_kept_whatever_the_block_names():
    out = _fields(("Le Maire,", "Pierre-Yves Poirier"), "POIRIER Pierre-Yves")
    assert out[QUALITY].value == "maire" and out[QUALITY].confidence >= 0.9


def test_strokes_read_unsure_beside_the_name_are_no_word_of_it():
    quality = FieldValue.missing()
    name, quality = named_in_block(FieldValue.missing(), quality, "LONY Dominique", "Maire",
                                   [("Deco", 0.24), ("Lony", 0.9)], None, SOURCE)
    assert quality.value == "maire" and name.value == "LONY Dominique" and name.source == SOURCE
    _, quality = named_in_block(FieldValue.missing(), FieldValue.missing(), "LONY Dominique", "Maire",
                                [("Deco", 0.8), ("Lony", 0.9)], None, SOURCE)
    assert quality.status is FieldStatus.MISSING  # a word read surely that is not the élu's


def test_an_elu_read_unsure_makes_no_sure_signer():
    """The fiche's élu read at 0.65 ("Brigine Bellay" for "Brigitte"): what the letter takes from
    them is no surer than that (a reviewer looks), however well the block agrees."""
    read = elu_read(FieldValue("Brigine Bellay", 0.646, None, FieldStatus.EXTRACTED),
                    FieldValue("Maire", 0.548, None, FieldStatus.EXTRACTED))
    out = _fields(("Bellay",), "Brigine Bellay", read=read)
    assert out[NAME].confidence < 0.7 and out[QUALITY].confidence < 0.7
    name, quality = completed_by_elu(FieldValue("ine BELLAY", 0.6, SOURCE, FieldStatus.NEEDS_REVIEW),
                                     FieldValue.missing(), "Brigine Bellay", "Maire", None, read)
    assert name.value == "Brigine Bellay" and name.confidence < 0.7 and quality.confidence < 0.7


def test_elu_read_halves_a_value_the_fiche_left_to_a_reviewer():
    assert elu_read(FieldValue("Dominique LONY", 1.0, None, FieldStatus.NEEDS_REVIEW), None) == (0.5, 0.0)
    assert elu_read(FieldValue("Dominique LONY", 0.96, None, FieldStatus.EXTRACTED),
                    FieldValue("Maire", 0.95, None, FieldStatus.EXTRACTED)) == (0.96, 0.95)


def test_a_title_read_unsure_as_the_elus_mandate_keeps_its_agreement_with_an_unsure_elu_quality():
    """"Le Maire" read unsure under the strokes and the signer's name the élu's: the block's own
    title and the fiche agree, the fiche's quality reading does not lower it."""
    name = FieldValue("Isabelle LE CALLENNEC", 0.9, SOURCE, FieldStatus.EXTRACTED)
    _, quality = completed_by_elu(name, FieldValue("maire", 0.45, SOURCE, FieldStatus.EXTRACTED),
                                  "Isabelle Le Callennec", "Maire", None, (0.95, 0.5))
    assert quality.value == "maire" and quality.confidence >= 0.85
