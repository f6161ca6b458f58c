"""The signer named twice, in the body ("Je soussigné Patrice ROUXEL, maire de …") and under the
signature: one letter apart ("Rouxtl", the strokes over the block's name), one reading is wrong
and it is for a reviewer; accents apart ("ETIENNE" in capitals), the accented reading is taken."""

from __future__ import annotations

import random

import pytest

from extractors.fields.courrier import read_letter
from extractors.fields.signataire_shape import one_spelling
from extractors.model import FieldStatus, PieceKind
from samples.unseen.maker.letters.names import random_person, upper_surname
from tests.extractors.letters import letter

COLL = PieceKind.COURRIER_COLLECTIVITE


def _body(name: str) -> tuple[str, ...]:
    return (f"Je soussigné {name}, maire de Vitré, confirme le plein soutien de la commune à la",
            "candidature à l'Atelier des territoires Flash, approuvée par le conseil municipal.")


def _slip(word: str, rng: random.Random) -> str:
    """One inner letter of `word` misread as another."""
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + ("t" if word[i].lower() != "t" else "l") + word[i + 1:]


@pytest.mark.parametrize("seed", range(8))
def test_a_letter_apart_between_body_and_block_is_for_a_reviewer(seed):
    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    surname = surname.split()[-1] if len(surname.split()[-1]) >= 4 else "Rouxel"
    page = letter(body=_body(f"{first} {upper_surname(surname)}"),
                  signatory=("Le Maire,", f"{first} {_slip(surname, rng)}"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("seed", range(4))
def test_the_same_name_in_body_and_block_is_sure(seed):
    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    page = letter(body=_body(f"{first} {upper_surname(surname)}"), signatory=("Le Maire,", f"{first} {surname}"),
                  ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.status is FieldStatus.EXTRACTED and name.value == f"{first} {surname}"


def test_a_capitals_name_that_lost_its_accent_takes_the_bodys():
    page = letter(body=_body("Josiane Étienne"), signatory=("Le Maire,", "Josiane ETIENNE"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.status is FieldStatus.EXTRACTED and name.value == "Josiane Étienne"


@pytest.mark.parametrize("block, body, expected", [
    ("Patrice Rouxtl", "Patrice ROUXEL", None),
    ("ROUXEL Patrice", "Patrice Rouxel", "ROUXEL Patrice"),
    ("Josiane ETIENNE", "Josiane Étienne", "Josiane Étienne"),
    ("Josiane Étienne", "Josiane ETIENNE", "Josiane Étienne"),
    ("Fabricé POIRIER", "Fabrice POIRIER", None),  # a small letter's accent: OCR adds them too
    ("Fabrice POIRIER", "Fabricé POIRIER", None),
])
def test_one_spelling(block, body, expected):
    assert one_spelling(block, body) == expected


def _signed(name: str, ink_from: float, ink_to: float):
    """A scanned maire's letter whose signature's ink spans, on the name's row, from `ink_from`
    to `ink_to` name heights past the name's end."""
    from extractors.fields.courrier import letter_fields
    from extractors.signature import SignatureCheck

    reading = read_letter(COLL, "l.pdf", (letter(signatory=("Le Maire,", name), ocr=True, conf=0.95),))
    x0, y0, x1, y1 = reading.fields["signataire_nom"].source.bbox
    height = y1 - y0
    ink = (x1 + ink_from * height, y0 - 30, x1 + ink_to * height, y1 + 10)
    return letter_fields([reading], None, {0: SignatureCheck(True, 0.95, ink)})["courrier_collectivite.signataire_nom"]


@pytest.mark.parametrize("seed", range(6))
def test_a_name_whose_end_the_ink_begins_at_is_for_a_reviewer(seed):
    rng = random.Random(seed)
    first, surname, _ = random_person(rng)
    cut = upper_surname(surname)[:rng.randint(2, 4)]  # what the strokes left of it
    name = _signed(f"{first} {cut}", rng.uniform(-0.4, 0.9), 12)
    assert name.status is FieldStatus.NEEDS_REVIEW


@pytest.mark.parametrize("ink_from, ink_to", [(-12, 3), (2, 14), (-20, -8)])
def test_a_name_the_ink_crosses_or_follows_further_stays_sure(ink_from, ink_to):
    name = _signed("Solène PERROT", ink_from, ink_to)
    assert name.status is FieldStatus.EXTRACTED and name.value == "Solène PERROT"


def test_a_small_letters_accent_apart_between_body_and_block_is_for_a_reviewer():
    page = letter(body=_body("Fabrice POIRIER"), signatory=("Le Maire,", "Fabricé POIRIER"), ocr=True, conf=0.93)
    name = read_letter(COLL, "l.pdf", (page,)).fields["signataire_nom"]
    assert name.status is FieldStatus.NEEDS_REVIEW
