"""A pasted script-font signature ("S. Perrot", as e-signing tools set it) read by OCR as words,
surely, on a phone photo whose text height is loose: far taller than the block's typed words,
they are no print to mask, and the letter is signed."""

from __future__ import annotations

import datetime
import random

import pytest

from extractors.fields.courrier_zone import _printed
from extractors.model import Word
from tests.extractors.signatures_drawn import read_file


def test_a_word_far_taller_than_the_blocks_typed_words_is_not_print():
    script = Word("Perrot", (545.0, 229.0, 709.0, 275.0), 0.92, 5)  # 46 high; the block's typed words 12
    typed = Word("Maire,", (556.0, 171.0, 597.0, 184.0), 0.94, 4)
    assert not _printed(script, 33.0, True, typed=12.0)
    assert _printed(typed, 33.0, True, typed=12.0)
    assert _printed(Word("Maire,", (0.0, 0.0, 40.0, 10.5), 0.94, 4), 10.5, True, typed=10.0)  # a scan: as before


@pytest.mark.parametrize("photo_seed", [0, 1])
def test_a_photographed_letter_signed_with_a_script_font_is_signed(tmp_path, photo_seed):
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf_info

    spec = LetterSpec("collectivite", "Solène Perrot", "Le Maire", "Commune de Sablé-sur-Sarthe", False, "72",
                      "Sarthe", "Pays de la Loire", "Sablé-sur-Sarthe", "72300", datetime.date(2026, 3, 12), True,
                      True, "Revitaliser le centre", 1001)
    pdf, info = letter_pdf_info(spec)
    assert info["signature"]["render"] == "script"
    rng = random.Random(photo_seed)  # each page photographed in turn; the signature on the last
    last = [degrade.photo(p, rng, curl=rng.random() < 0.4) for p in degrade.rasterise(pdf, 100, grey=False)][-1]
    path = tmp_path / "IMG_2.jpg"
    path.write_bytes(degrade.to_jpeg(last, 74))
    check, reading = read_file(path)
    assert reading.zone is not None
    assert check.signed is True
