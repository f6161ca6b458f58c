"""Check boxes among the words, every box against every word on arrays: the same words as
trying each box against each word in turn (the reference below)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from extractors.checkboxes import Box, without_glued_tick
from extractors.ocr import checkbox_words
from extractors.ocr.engine import RawWord


def _one_by_one(words: list[RawWord], boxes: list[Box]) -> list[RawWord]:
    """The rules box by box and word by word (`with_checkboxes` after `find_boxes`)."""
    def letter_of(box, word):
        inside_x = word.left - 2 <= box.left and box.left + box.size <= word.left + word.width + 2
        inside_y = word.top - box.size / 2 <= box.top <= word.top + word.height
        if not inside_y:
            return False
        if inside_x and word.conf >= 0.7 and sum(c.isalnum() for c in word.text) >= 3 and box.size < 0.6 * word.width:
            return True
        spelt = (checkbox_words._spelt(word.text) or int(word.text.isdigit() and len(word.text) >= 2)) \
            * (word.conf >= 0.5)
        over = max(2, 0.25 * box.size)
        within = word.left - over <= box.left and box.left + box.size <= word.left + word.width + over
        before, after = box.left - word.left, word.left + word.width - box.left - box.size
        return spelt > 0 and within and (before >= 0.35 * box.size or spelt == 2 and after >= 0.35 * box.size)

    def overlap(word, box):
        x0, y0 = max(word.left, box.left), max(word.top, box.top)
        x1, y1 = min(word.left + word.width, box.left + box.size), min(word.top + word.height, box.top + box.size)
        return max(0, x1 - x0) * max(0, y1 - y0)

    def covered(word, box):
        area = max(1, word.width * word.height)
        return overlap(word, box) >= 0.5 * area or word.conf < 0.6 and len(word.text) <= 3 \
            and overlap(word, box) >= 0.25 * area

    def unglued(word, box):
        text, left, width = without_glued_tick(word.text, word.left, word.top, word.width, word.height, box)
        return word if text == word.text else replace(word, text=text, left=left, width=width)

    def sure_word(word, box):
        spelt = checkbox_words._spelt(word.text) > 0 or word.text.isdigit() and len(word.text) >= 2
        return word.conf >= 0.85 and spelt and overlap(word, box) >= 0.5 * max(1, word.width * word.height)

    boxes = [b for b in boxes if not any(letter_of(b, w) or sure_word(w, b) for w in words)]
    kept = [w for w in words if not any(covered(w, b) for b in boxes)]
    for b in boxes:
        kept = [unglued(w, b) for w in kept]
    for box in boxes:
        line = min(kept, key=lambda w: abs(w.top + w.height / 2 - box.top - box.size / 2)
                   + (0 if w.left > box.left else 1e6), default=None)
        kept.append(RawWord("☒" if box.ticked else "☐", box.left, box.top, box.size, box.size,
                            box.confidence, line.line if line else (0, 0, 0)))
    return sorted(kept, key=lambda w: (w.line, w.left))


TEXTS = ["X", "ad", "/", "[l", "O1", "&", "DOSSIER", "XRevitalisation", "✓Commune", "le", "Oui", "Non", "x",
         "D", "—Ville", "Xcommune", "la", "du", "Lamballe", "OSite", "38", "0", "DA", "DES"]


def test_every_box_against_every_word_at_once_gives_the_words_one_by_one_gives(monkeypatch):
    rng = random.Random(16)
    changed = unglued = 0
    for _ in range(1500):
        words = [RawWord(rng.choice(TEXTS), rng.randint(0, 200), rng.randint(0, 200), rng.randint(1, 80),
                         rng.randint(1, 40), rng.choice([0.3, 0.55, 0.6, 0.65, 0.7, 0.9]),
                         (rng.randint(0, 2), 0, rng.randint(0, 4))) for _ in range(rng.randint(1, 40))]
        boxes = [Box(rng.randint(0, 200), rng.randint(0, 200), rng.randint(4, 40), rng.random() < 0.5, 0.9)
                 for _ in range(rng.randint(0, 12))]
        monkeypatch.setattr(checkbox_words, "find_boxes", lambda *_, found=boxes: list(found))
        expected = _one_by_one(words, boxes) if any(len(w.text) >= 3 for w in words) and boxes else words
        assert checkbox_words.with_checkboxes(words, None) == expected
        changed += expected != words
        unglued += any(w.text in ("Revitalisation", "Commune", "Ville", "commune") for w in expected)
    assert changed > 1000 and unglued > 20  # the draws reach every rule


@pytest.mark.parametrize("ticked", [True, False])
def test_a_box_takes_the_place_of_what_ocr_read_of_it_and_a_tick_glued_to_a_word_leaves_it(monkeypatch, ticked):
    words = [RawWord("[l", 100, 200, 30, 30, 0.4, (1, 1, 1)),  # the box, as OCR read it
             RawWord("XRevitalisation", 102, 202, 200, 28, 0.65, (1, 1, 1)),  # its tick glued to the option
             RawWord("DOSSIER", 100, 100, 300, 40, 0.95, (1, 1, 0))]
    boxes = [Box(100, 200, 32, ticked, 0.9), Box(110, 105, 20, False, 0.9)]  # the second: the "O" of DOSSIER
    monkeypatch.setattr(checkbox_words, "find_boxes", lambda *_: list(boxes))
    got = [(w.text, w.line) for w in checkbox_words.with_checkboxes(words, None)]
    mark = "☒" if ticked else "☐"
    assert got == [("DOSSIER", (1, 1, 0)), (mark, (1, 1, 1)),
                   ("Revitalisation" if ticked else "XRevitalisation", (1, 1, 1))]
