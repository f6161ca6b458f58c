"""A word on a photo wider than its OCR box leaves its ends outside the masked print: ink beside
the word, in its rows and as tall as its letters, is no pen stroke crossing the print (issue 11:
an unsigned photographed letter read signed, sure)."""

from __future__ import annotations

import datetime
import random

import numpy as np
import pytest

from extractors.signature import _classify, components, decide
from tests.extractors.signatures_drawn import read_file

UNIT = 20


def _parts(ink: np.ndarray, words: np.ndarray):
    return [_classify(c) for c in components(ink, float(UNIT), words)]


def _page() -> tuple[np.ndarray, np.ndarray]:
    ink = np.zeros((8 * UNIT, 12 * UNIT), dtype=bool)
    words = np.zeros(ink.shape, dtype=bool)
    words[2 * UNIT:3 * UNIT + 5, 3 * UNIT:6 * UNIT] = True  # the OCR box (with the mask's margins)
    return ink, words


def test_a_words_ends_outside_its_box_are_not_a_pen_stroke():
    ink, words = _page()
    top, bottom = 2 * UNIT + 6, 3 * UNIT - 2  # a thin-stroked word's letters, within its box's rows
    for x in range(3 * UNIT - 8, 6 * UNIT + 8, 8):  # letters' stems from left of the box to right of it
        ink[top:bottom, x:x + 2] = True
    ink[bottom - 2:bottom, 3 * UNIT - 8:6 * UNIT + 8] = True  # joined at their feet (a photo's blur)
    assert decide(_parts(ink, words)).signed is not True


def test_a_thin_line_leaving_the_print_below_is_still_signed():
    ink, words = _page()
    for x in range(3 * UNIT - 8, 6 * UNIT + 8, 6):
        ink[2 * UNIT + 6:3 * UNIT - 2, x:x + 2] = True
    # a fine pen's loop starting in the word and going on well below its line
    ink[3 * UNIT - 4:3 * UNIT - 2, 3 * UNIT - 8:6 * UNIT + 8] = True
    ink[3 * UNIT - 4:5 * UNIT, 6 * UNIT + 6:6 * UNIT + 8] = True
    ink[5 * UNIT - 2:5 * UNIT, 4 * UNIT:6 * UNIT + 8] = True
    check = decide(_parts(ink, words))
    assert check.signed is True


@pytest.mark.parametrize("seed", [3014])
def test_an_unsigned_photographed_letter_from_the_maker_is_not_signed(tmp_path, seed):
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf_info

    spec = LetterSpec("collectivite", "Marie-Josée Lemaître", "La Présidente", "Cholet Agglomération", False, "49",
                      "Maine-et-Loire", "Pays de la Loire", "Cholet", "49300", datetime.date(2026, 3, 12), True,
                      False, "Revitaliser le centre", seed)
    pdf, _ = letter_pdf_info(spec)
    pages = degrade.rasterise(pdf, 100, grey=False)
    rng = random.Random(seed)
    photo = degrade.photo(pages[-1], rng, curl=rng.random() < 0.4)
    path = tmp_path / "IMG.jpg"
    path.write_bytes(degrade.to_jpeg(photo, 74))
    check, reading = read_file(path)
    assert reading.zone is not None
    assert check.signed is not True


