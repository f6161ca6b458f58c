"""A word, or its end, read a second time over itself on a photo ("Stéphane ane Pelletier",
"d'urbanisme d'urbanisme" with a flat box on the first one's top edge): one word written."""

from __future__ import annotations

from extractors.fields.layout import page_rows
from extractors.model import PageText, Word


def _row_text(words: list[tuple[str, tuple[float, float, float, float], float]]) -> str:
    page = PageText(1, 595.0, 842.0, tuple(Word(t, box, c, 0) for t, box, c in words), ocr=True, confidence=0.9)
    return " | ".join(row.text for row in page_rows("f.jpg", page))


def test_a_words_end_read_again_over_it_is_dropped():
    words = [("Stéphane", (308, 786, 338, 796), 0.92), ("ane", (328, 785, 362, 796), 0.62),
             ("Pelletier", (364, 786, 408, 795), 0.92)]
    assert _row_text(words) == "Stéphane Pelletier"


def test_a_word_read_again_with_a_flat_box_is_dropped():
    words = [("CAUE,", (303, 866, 345, 877), 0.9), ("agence", (349, 866, 387, 877), 0.96),
             ("d'urbanisme", (391, 865, 460, 877), 0.9), ("d'urbanisme", (393, 863, 453, 864), 0.9)]
    assert _row_text(words) == "CAUE, agence d'urbanisme"


def test_words_written_twice_side_by_side_stay():
    words = [("très", (100, 500, 120, 510), 0.9), ("très", (124, 500, 144, 510), 0.9),
             ("Jeanne", (150, 500, 180, 510), 0.9), ("anne", (184, 500, 204, 510), 0.6)]
    assert _row_text(words) == "très très Jeanne anne"
