"""A signatory's name with a stroke's reading after it ("Inès ROUXEL ROU": the end of the
signature read as the start of the surname) is never a sure name one word too long; the names
the generator writes, in every form it writes them, keep all their words."""

from __future__ import annotations

import random

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire_shape import stroke_tail
from extractors.model import FieldStatus, PieceKind
from samples.unseen.maker.letters.names import random_person, upper_surname
from schemas.normalise import IDENTITY_REVIEW_BELOW
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE


def _forms(first: str, surname: str) -> list[str]:
    """The ways the generator writes a signer's name (letters.Letter.name_forms)."""
    caps = upper_surname(surname)
    return [f"{first} {caps}", f"{first} {surname}", f"{caps} {first}", f"{first} {upper_surname(surname, False)}"]


@pytest.mark.parametrize("seed", range(40))
def test_the_generators_names_keep_all_their_words(seed):
    rng = random.Random(seed)
    for _ in range(10):
        first, surname, _ = random_person(rng)
        for form in _forms(first, surname):
            assert not stroke_tail(form), form


@pytest.mark.parametrize("seed", range(20))
def test_a_start_of_a_word_of_the_name_read_after_it_is_a_stroke(seed):
    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    caps = upper_surname(surname).split()[-1]
    cut = caps[:rng.randint(2, max(2, len(caps) - 1))]
    assert stroke_tail(f"{first} {upper_surname(surname)} {cut}")
    assert stroke_tail(f"{upper_surname(surname)} {first} {cut}")


@pytest.mark.parametrize("name", ["Marc DUBOIS LEA", "Inès ROUXEL ROUXFL", "Inès Rouxel Rou", "Anne MARTIN AN"])
def test_a_short_capital_word_or_a_near_copy_after_the_name_is_a_stroke(name):
    assert stroke_tail(name)


@pytest.mark.parametrize("name", ["Jean DE LA ROCHE", "Anne OULD AHMED", "Jean-Pierre PIERRE", "Marie DA SILVA",
                                  "Yann LE FLOCH'H", "Paul ROY", "Jean-Baptiste SAINT-JEAN"])
def test_names_with_particles_short_surnames_and_repeated_words_are_names(name):
    assert not stroke_tail(name)


def test_a_scanned_block_name_with_a_strokes_tail_is_cut_and_left_to_a_reviewer():
    page = letter(signatory=("Le Maire,", "Inès ROUXEL ROU"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    # below the names' review threshold: shown to a reviewer, never trusted
    assert name.value == "Inès ROUXEL" and name.confidence < IDENTITY_REVIEW_BELOW


def test_the_body_naming_the_signer_confirms_the_cut_name():
    body = ("Je soussignée Inès Rouxel, maire de Vitré, confirme le plein soutien de la commune à la",
            "candidature à l'Atelier des territoires Flash, approuvée par le conseil municipal.")
    page = letter(body=body, signatory=("Le Maire,", "Inès ROUXEL ROU"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.value == "Inès ROUXEL" and name.status is FieldStatus.EXTRACTED
    assert name.confidence >= IDENTITY_REVIEW_BELOW


def _name_line(text: str, lost: int | None = None):
    """The name line of a block as OCR boxes it, word `lost` dropped where it stood."""
    from extractors.fields.courrier_layout import Line
    from extractors.text import normalise
    from tests.extractors.letters import words

    kept = tuple(w for i, w in enumerate(words(330, 460, text, 1)) if i != lost)
    read = " ".join(w.text for w in kept)
    return Line(kept, 0, read, normalise(read))


@pytest.mark.parametrize("seed", range(12))
def test_a_name_with_a_word_lost_between_its_words_is_for_a_reviewer(seed):
    from extractors.fields.signataire import name_of
    from tests.extractors.letters import row_line

    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    second, _, _ = random_person(rng)
    whole = f"{first} {second} {upper_surname(surname)}"  # a middle name, or a compound surname's half
    title = row_line(330, 400, "Le Maire,", 0)
    assert name_of([title, _name_line(whole)]).confidence >= IDENTITY_REVIEW_BELOW
    short = name_of([title, _name_line(whole, lost=1)])
    assert short.text == f"{first} {upper_surname(surname)}" and short.confidence < IDENTITY_REVIEW_BELOW


@pytest.mark.parametrize("seed", range(8))
def test_a_name_read_twice_on_its_line_is_one_name(seed):
    """The signature written as the name beside the typed one ("Xavier Lagarde LAGARDE Xavier")."""
    from extractors.fields.signataire_shape import doubled_name

    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    typed = rng.choice(_forms(first, surname))
    page = letter(signatory=("Le Maire,", f"{first} {surname} {typed}"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.status is FieldStatus.EXTRACTED and name.confidence >= IDENTITY_REVIEW_BELOW
    assert sorted(name.value.casefold().split()) == sorted(typed.casefold().split())
    assert doubled_name(f"{first} {surname} Paul DURAND") is None
