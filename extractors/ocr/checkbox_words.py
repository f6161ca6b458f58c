"""Check boxes among the words: what OCR made of a box replaced by the box found in the image."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from PIL import Image

from extractors.checkboxes import Box, find_boxes, without_glued_tick
from extractors.ocr.engine import RawWord

SURE_WORD = 0.85  # Tesseract's confidence in a word a box covers, above which the box is its letters


def text_height(words: list[RawWord]) -> int | None:
    """The median height of the words of three letters and more: the size of a box looked for."""
    heights = sorted(w.height for w in words if len(w.text) >= 3)
    return heights[len(heights) // 2] if heights else None


def boxes_of(words: list[RawWord], image: Image.Image) -> tuple[int, list[Box]] | None:
    """The check boxes of `image` for words `words` (see `with_checkboxes`), with the text
    height they were looked for at; None when there are no words to size them."""
    height = text_height(words)
    return None if height is None else (height, find_boxes(image, height))


def with_checkboxes(words: list[RawWord], image: Image.Image,
                    found: tuple[int, list[Box]] | None = None) -> list[RawWord]:
    """Replace what OCR made of check boxes by the boxes found in the image ("☐"/"☒").

    A box inside a word read with confidence is one of its letters ("D", "O"). A word mostly
    inside a box, or a few unsure characters over a quarter of it (the tick's strokes, "ad",
    "X", "/"), is what OCR made of the box. Every box meets every word: on arrays (words x
    boxes), a page's hundreds of words and dozens of boxes cost a few array operations.
    `found` (from `boxes_of`, looked for earlier) is used when its text height is these words'."""
    height = text_height(words)
    if height is None:
        return words
    boxes = found[1] if found is not None and found[0] == height else find_boxes(image, height)
    if not boxes:
        return words
    left, top, width, height = (np.array([getattr(w, a) for w in words])[:, None]
                                for a in ("left", "top", "width", "height"))
    conf = np.array([w.conf for w in words], dtype=np.float64)[:, None]
    lettered = np.array([w.conf >= 0.7 and sum(c.isalnum() for c in w.text) >= 3 for w in words])[:, None]
    # noise read unsure ("on" at 0.004 over a photo's box) is no word to hold a letter
    spelt = np.array([(_spelt(w.text) or int(w.text.isdigit() and len(w.text) >= 2)) * (w.conf >= 0.5) for w in words])
    starts = (spelt == 2)[:, None]
    area = np.maximum(1, width * height)
    # a word surely read, spelt in letters or a group of digits ("la", "38" of a phone number),
    # that a box covers is what the box was made of: OCR reads a box as noise, unsure
    sure = np.array([w.conf >= SURE_WORD and (_spelt(w.text) > 0 or (w.text.isdigit() and len(w.text) >= 2))
                     for w in words])[:, None]
    letters = _letters_of(boxes, lettered, left, top, width, height, (spelt > 0)[:, None], starts)
    letters |= sure & (_overlaps(boxes, left, top, width, height) >= 0.5 * area)
    boxes = [b for b, letter in zip(boxes, letters.any(axis=0)) if not letter]
    if boxes:
        b_left, b_top, b_size = (np.array([getattr(b, a) for b in boxes])[None, :]
                                 for a in ("left", "top", "size"))
        overlap = _overlaps(boxes, left, top, width, height)
        short = np.array([len(w.text) <= 3 for w in words])[:, None]
        mostly_inside = overlap >= 0.5 * area
        over_box = (conf < 0.6) & short & (overlap >= 0.25 * area)
        covered = mostly_inside | over_box
        # without_glued_tick changes a word only beside a ticked box at its level: the others stay
        ticked = np.array([b.ticked for b in boxes])[None, :]
        glued = (ticked & (b_left - b_size / 2 <= left) & (left <= b_left + b_size / 2)
                 & (top < b_top + b_size) & (b_top < top + height)).any(axis=1)
        kept = []
        for word, gone, near in zip(words, covered.any(axis=1), glued):
            if gone:
                continue
            for b in boxes if near else ():  # "XRevitalisation": the tick glued to the option's first word
                word = _unglued(word, b)
            kept.append(word)
    else:
        kept = list(words)
    centres = np.array([w.top + w.height / 2 for w in kept], dtype=np.float64)
    after = np.array([w.left for w in kept])
    found: list[RawWord] = []
    for box in boxes:
        line = _nearest_line(box, kept, centres, after, found)
        found.append(RawWord("☒" if box.ticked else "☐", box.left, box.top, box.size, box.size,
                             box.confidence, line.line if line else (0, 0, 0)))
    return sorted(kept + found, key=lambda w: (w.line, w.left))


def _overlaps(boxes: list[Box], left: np.ndarray, top: np.ndarray, width: np.ndarray,
              height: np.ndarray) -> np.ndarray:
    """The area each word (rows) shares with each box (columns), in pixels."""
    b_left, b_top, b_size = (np.array([getattr(b, a) for b in boxes])[None, :]
                             for a in ("left", "top", "size"))
    return (np.maximum(0, np.minimum(left + width, b_left + b_size) - np.maximum(left, b_left))
            * np.maximum(0, np.minimum(top + height, b_top + b_size) - np.maximum(top, b_top)))


def _letters_of(boxes: list[Box], lettered: np.ndarray, left: np.ndarray, top: np.ndarray, width: np.ndarray,
                height: np.ndarray, spelt: np.ndarray | None = None, starts: np.ndarray | None = None) -> np.ndarray:
    """Whether each box (columns) is a square letter ("D", "O") inside a word (rows) read with
    confidence (`lettered`): within its width, at its height, narrower than 0.6 of it.

    Or a letter's bowl (the "a" of "la", the "d" of "du": a serif body font scanned at 150-200
    dpi or faxed) inside a word spelt in letters (`spelt`, see `_spelt`), however surely read,
    whose letters reach out of the box by a third of it: a check box read as noise ("O1",
    "ad") is about the box's width. At the word's start only when that word may start with
    such a bowl (`starts`): "XRevitalisation" is a ticked box glued to its option."""
    b_left, b_top, b_size = (np.array([getattr(b, a) for b in boxes])[None, :]
                             for a in ("left", "top", "size"))
    inside_x = (left - 2 <= b_left) & (b_left + b_size <= left + width + 2)
    inside_y = (top - b_size / 2 <= b_top) & (b_top <= top + height)
    letter = lettered & inside_x & (b_size < 0.6 * width)
    if spelt is not None and starts is not None:
        before, after = b_left - left, left + width - b_left - b_size
        reach, over = 0.35 * b_size, np.maximum(2, 0.25 * b_size)  # a last letter's bowl can pass its word's end
        within = (left - over <= b_left) & (b_left + b_size <= left + width + over)
        letter |= spelt & within & ((before >= reach) | (starts & (after >= reach)))
    return letter & inside_y


_SPELT = re.compile(r"^[«(\"'’]*([^\W\d_][^\W\d_'’-]*(?:['’-][^\W\d_]+)*)[.,;:!?»)\"'’]*$")


def _spelt(text: str) -> int:
    """0 when `text` is not a word spelt in letters (of two or more, three in capitals, no
    capital inside unless all are: "OSite" is a box read "O" glued to "Site"); 2 when it may start with a letter's
    bowl taken for a box (a lower-case first letter, not a tick's x or v); else 1."""
    match = _SPELT.match(text)
    word = match.group(1) if match else ""
    capitals = word.isupper()
    if len(word) < (3 if capitals else 2) or (any(c.isupper() for c in word[1:]) and not capitals):
        return 0  # "DA", "OP": a box read as two capitals glued to its option
    return 2 if word[0].islower() and word[0] not in "xv" else 1


def _nearest_line(box: Box, kept: list[RawWord], centres: np.ndarray, after: np.ndarray,
                  found: list[RawWord]) -> RawWord | None:
    """The word the box's line is taken from: the nearest in height to the box's middle, one to
    its right first; among `kept` then the boxes placed before it (`found`), the first of equals."""
    best, best_key = None, None
    if kept:
        keys = np.abs(centres - box.top - box.size / 2) + np.where(after > box.left, 0.0, 1e6)
        index = int(keys.argmin())
        best, best_key = kept[index], keys[index]
    for word in found:
        key = abs(word.top + word.height / 2 - box.top - box.size / 2) + (0 if word.left > box.left else 1e6)
        if best_key is None or key < best_key:
            best, best_key = word, key
    return best


def _unglued(word: RawWord, box: Box) -> RawWord:
    text, left, width = without_glued_tick(word.text, word.left, word.top, word.width, word.height, box)
    return word if text == word.text else replace(word, text=text, left=left, width=width)
