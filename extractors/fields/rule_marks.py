"""Marks OCR reads on a scanned table's rules, which are no words of any answer."""

from __future__ import annotations

import re

# What a vertical rule of the form's table becomes when OCR reads it as a character.
_RULE_CHARACTERS = {"|", "¦", "1", "!", "l", "I", "."}
RULE_COLUMN = 1.5  # points: how far from a column of bars a mark's centre may stand and be on it
RULE_BARS = 2  # bars read at one place down the page: a ruled column, not a stray stroke
MARK_BARS = 3  # marks alone ("1", "!") lined up so: no list numbers its items with one digit thrice
RULE_SLOPE = 0.06  # points aside per point down: a rule on a photo taken up to ~3.5° askew
SLOPE_SPAN = 60.0  # points down the page between a rule's bars before a slope is told from noise


def on_rules(words) -> set[int]:
    """The ids of the one-character marks standing on a vertical rule of the page's table: a
    "1" or a "." read at the place where, on other lines, OCR read "|" ("une 1 feuille de
    route", "dédié . pendant"). A rule is a column of at least two bars, straight or sloping
    (a photo taken askew); a mark on it stands where the rule runs at the mark's height and is
    as thin as a bar. A digit written in the cell ("1. Diagnostic") stands clear of the rule,
    though on a sloping photo the rule passes its place higher or lower down the page."""
    bars = sorted((_middle(w) for w in words if not w.text.strip("|¦")), key=lambda c: c[1])
    columns = [c for c in _columns(bars) if len(c) >= RULE_BARS]
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words if len(w.text) >= 3)
    thin = 0.35 * heights[len(heights) // 2] if heights else 0.0
    marks = [w for w in words if w.text in _RULE_CHARACTERS and w.bbox[2] - w.bbox[0] <= thin]
    # A photo's rule read as "1" or "!" on every line and never as "|": its marks, lined up down
    # the page, make the column themselves ("1 Mieux intégrer … l'espace 1", "1 porteurs de").
    strokes = sorted((_middle(w) for w in marks if w.text not in ".|¦"), key=lambda c: c[1])
    columns += [c for c in _columns(strokes) if len(c) >= MARK_BARS]
    if not columns:
        return set()
    return {id(w) for w in marks if any(_on_column(c, *_middle(w)) for c in columns)}


def _columns(bars: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The bars (x, y: their centres, top to bottom) chained into rules: each next bar of a
    rule stands within RULE_COLUMN of the last, or as far aside as a tilted rule runs."""
    columns: list[list[tuple[float, float]]] = []
    for x, y in bars:
        near = [c for c in columns if abs(c[-1][0] - x) <= RULE_COLUMN + RULE_SLOPE * (y - c[-1][1])]
        if near:
            min(near, key=lambda c: abs(c[-1][0] - x)).append((x, y))
        else:
            columns.append([(x, y)])
    return columns


def _on_column(column: list[tuple[float, float]], x: float, y: float) -> bool:
    """Whether x is where a rule runs at height y: between its bars above and below; beyond its
    last bar, between straight on from it and on at its bars' slope (least squares, level when
    they are too close together to tell a slope from a bar's jitter, never steeper than a
    photo's tilt): a photo's rule curves, two bars tell its slope roughly."""
    above = [c for c in column if c[1] <= y]
    below = [c for c in column if c[1] > y]
    if above and below:
        (x0, y0), (x1, y1) = above[-1], below[0]
        return abs(x - (x0 + (x1 - x0) * (y - y0) / (y1 - y0))) <= RULE_COLUMN
    xs, ys = [c[0] for c in column], [c[1] for c in column]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((v - my) ** 2 for v in ys)
    slope = sum((u - mx) * (v - my) for u, v in zip(xs, ys)) / spread \
        if max(ys) - min(ys) >= SLOPE_SPAN and spread > 0 else 0.0
    last, at = above[-1] if above else below[0]
    sloped = last + max(-RULE_SLOPE, min(RULE_SLOPE, slope)) * (y - at)
    return min(last, sloped) - RULE_COLUMN <= x <= max(last, sloped) + RULE_COLUMN


def number_group(word, words) -> bool:
    """A digit of a phone number Tesseract doubted ("+33 5 40 37 01 82", its "5" at 0.59): on a
    line of two-digit groups, a lone digit read at all is one of the number's, no speck; so is a
    two-digit group however doubted that makes the line's groups a number's five ("05" at 0.00
    before "85 77 09 50", over a cell's rule), and a whole number read as one word
    ("06.72.58.39.40", "0262812129" at 0.17-0.19 on photos): no speck is shaped so."""
    if _WHOLE_NUMBER.fullmatch(word.text) and sum(c.isdigit() for c in word.text) >= 10:
        return True
    if not word.text.isdigit():
        return False
    groups = sum(1 for w in words if w.line == word.line and w is not word and re.fullmatch(r"\d{2}", w.text))
    return word.conf >= 0.4 and groups >= 3 or len(word.text) == 2 and groups == 4


_WHOLE_NUMBER = re.compile(r"\+?\d[\d.\s-]*\d")  # "0262812129", "06.72.58.39.40", "+33672583940"


def label_colon(word, words) -> bool:
    """A colon Tesseract read with no confidence ("Fonction :" on a fax, a speck over it) right
    after a label's word read well, an answer's word after it on its line: it ends the label."""
    if word.text != ":":
        return False
    line = sorted((w for w in words if w.line == word.line), key=lambda w: w.bbox[0])
    at = line.index(word)
    return 0 < at < len(line) - 1 and line[at - 1].conf >= 0.8 and line[at - 1].text[:1].isupper() \
        and line[at + 1].conf >= 0.8 and line[at - 1].text.isalpha()


def _middle(word) -> tuple[float, float]:
    return (word.bbox[0] + word.bbox[2]) / 2, (word.bbox[1] + word.bbox[3]) / 2
