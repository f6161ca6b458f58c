"""Check boxes among the words: what OCR made of a box replaced by the box found in the image."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from extractors.checkboxes import Box, find_boxes, over_box, without_glued_tick
from extractors.ocr.engine import RawWord


def with_checkboxes(words: list[RawWord], image: Image.Image) -> list[RawWord]:
    """Replace what OCR made of check boxes by the boxes found in the image ("☐"/"☒")."""
    heights = sorted(w.height for w in words if len(w.text) >= 3)
    if not heights:
        return words
    boxes = find_boxes(image, heights[len(heights) // 2])
    if not boxes:
        return words
    boxes = [b for b in boxes if not any(_letter_of(b, w) for w in words)]
    kept = [w for w in words if not any(_mostly_inside(w, b) or over_box(w.left, w.top, w.width, w.height, w.conf,
                                                                          w.text, b) for b in boxes)]
    for b in boxes:  # "XRevitalisation": the tick glued to the option's first word
        kept = [_unglued(w, b) for w in kept]
    for box in boxes:
        line = min(kept, key=lambda w: abs(w.top + w.height / 2 - box.top - box.size / 2)
                   + (0 if w.left > box.left else 1e6), default=None)
        kept.append(RawWord("☒" if box.ticked else "☐", box.left, box.top, box.size, box.size,
                            box.confidence, line.line if line else (0, 0, 0)))
    return sorted(kept, key=lambda w: (w.line, w.left))


def _unglued(word: RawWord, box: Box) -> RawWord:
    text, left, width = without_glued_tick(word.text, word.left, word.top, word.width, word.height, box)
    return word if text == word.text else replace(word, text=text, left=left, width=width)


def _letter_of(box: Box, word: RawWord) -> bool:
    """A square "D" or "O" inside a word read with confidence is a letter, not a box."""
    if word.conf < 0.7 or sum(c.isalnum() for c in word.text) < 3:
        return False
    inside_x = word.left - 2 <= box.left and box.left + box.size <= word.left + word.width + 2
    inside_y = word.top - box.size / 2 <= box.top <= word.top + word.height
    return inside_x and inside_y and box.size < 0.6 * word.width


def _mostly_inside(word: RawWord, box: Box) -> bool:
    x0, y0 = max(word.left, box.left), max(word.top, box.top)
    x1 = min(word.left + word.width, box.left + box.size)
    y1 = min(word.top + word.height, box.top + box.size)
    overlap = max(0, x1 - x0) * max(0, y1 - y0)
    return overlap >= 0.5 * max(1, word.width * word.height)
