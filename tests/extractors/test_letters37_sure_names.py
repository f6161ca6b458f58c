"""A letter's signatory name is sure only when each of its words is: a surname OCR read with low
confidence ("Killian FABRL" on a fax, its line's average hiding the word's 0.65) is for a
reviewer (bench/letterstudy.py's samples: maker letters degraded as the unseen generator's
recipes do, read with real Tesseract)."""

from __future__ import annotations

import pytest

from extractors.fields.courrier_layout import Line
from extractors.fields.signataire import name_of
from extractors.model import FieldStatus, Word
from extractors.text import normalise
from tests.extractors.letters import study_letter


@pytest.mark.parametrize(("seed", "read"), [
    (141, "Killian FABRL"),  # fax: "Killian Fabre", FABRL read at 0.65
])
def test_a_misread_name_is_for_a_reviewer(seed, read, tmp_path, cog):
    _, truth, _, values = study_letter(seed, tmp_path, cog)
    name = values[f"courrier_{truth['kind']}.signataire_nom"]
    assert (name.value, name.status) == (read, FieldStatus.NEEDS_REVIEW)


def _line(*words: tuple[str, float], top: float = 640.0) -> Line:
    placed, x = [], 300.0
    for text, conf in words:
        placed.append(Word(text, (x, top, x + 6 * len(text), top + 10), conf, int(top)))
        x += 6 * len(text) + 5
    text = " ".join(w for w, _ in words)
    return Line(tuple(placed), 0, text, normalise(text))


TITLE = _line(("Le", 0.95), ("Maire,", 0.95), top=600.0)


def test_a_name_word_read_weakly_makes_the_name_unsure():
    assert name_of([TITLE, _line(("Killian", 0.91), ("FABRL", 0.65))]).confidence < 0.8
    # each word read well enough, or the weak word a civility: as sure as its line
    assert name_of([TITLE, _line(("Sylvie", 0.95), ("Lemaire", 0.71))]).confidence \
        >= 0.8
    assert name_of([TITLE, _line(("Mme", 0.49), ("Geneviève", 0.93), ("Vasseur", 0.95))]).confidence >= 0.8
