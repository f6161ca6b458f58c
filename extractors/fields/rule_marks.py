"""Marks OCR reads on a scanned table's rules, which are no words of any answer."""

from __future__ import annotations

import re

# What a vertical rule of the form's table becomes when OCR reads it as a character.
_RULE_CHARACTERS = {"|", "¦", "1", "!", "l", "I", "."}
RULE_COLUMN = 1.5  # points: how far from a column of bars a mark's centre may stand and be on it
RULE_BARS = 2  # bars read at one place down the page: a ruled column, not a stray stroke


def on_rules(words) -> set[int]:
    """The ids of the one-character marks standing on a vertical rule of the page's table: a
    "1" or a "." read at the place where, on other lines, OCR read "|" ("une 1 feuille de
    route", "dédié . pendant"). A rule is a column of at least two bars at one place; the
    mark on it is as thin as a bar. A digit written in the cell stands clear of the rule."""
    bars = sorted(_centre(w) for w in words if not w.text.strip("|¦"))
    columns = [x for x in bars if sum(1 for o in bars if abs(o - x) <= RULE_COLUMN) >= RULE_BARS]
    if not columns:
        return set()
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words if len(w.text) >= 3)
    thin = 0.35 * heights[len(heights) // 2] if heights else 0.0
    return {id(w) for w in words if w.text in _RULE_CHARACTERS and w.bbox[2] - w.bbox[0] <= thin
            and any(abs(_centre(w) - x) <= RULE_COLUMN for x in columns)}


def number_group(word, words) -> bool:
    """A digit of a phone number Tesseract doubted ("+33 5 40 37 01 82", its "5" at 0.59): on a
    line of two-digit groups, a lone digit read at all is one of the number's, no speck."""
    return word.text.isdigit() and word.conf >= 0.4 and sum(
        1 for w in words if w.line == word.line and w is not word and re.fullmatch(r"\d{2}", w.text)) >= 3


def label_colon(word, words) -> bool:
    """A colon Tesseract read with no confidence ("Fonction :" on a fax, a speck over it) right
    after a label's word read well, an answer's word after it on its line: it ends the label."""
    if word.text != ":":
        return False
    line = sorted((w for w in words if w.line == word.line), key=lambda w: w.bbox[0])
    at = line.index(word)
    return 0 < at < len(line) - 1 and line[at - 1].conf >= 0.8 and line[at - 1].text[:1].isupper() \
        and line[at + 1].conf >= 0.8 and line[at - 1].text.isalpha()


def _centre(word) -> float:
    return (word.bbox[0] + word.bbox[2]) / 2
