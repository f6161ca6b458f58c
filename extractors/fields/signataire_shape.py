"""The shape of a signatory's name as OCR read it beside a signature: what the strokes add to it
(a word after it) or take from it (a word lost between two), so that such a name is never sure."""

from __future__ import annotations

import re

from extractors.model import Word
from extractors.text import normalise

PARTICLES = {"de", "du", "des", "d'", "le", "la", "van", "von", "der", "di", "da", "del", "ben", "el", "ép.", "epouse",
             "née"}


def stroke_tail(text: str) -> bool:
    """Whether the last word of a name of three words or more is what OCR made of the signature's
    end beside it, not a word of the name: the start or a near copy of another of its words
    ("Inès ROUXEL ROU", "ROUXEL Inès ROUXFL"), or up to three capitals after a surname in
    capitals ("Marc DUBOIS LEA": no surname ends so, particles stand before it), or a particle."""
    from rapidfuzz import fuzz

    words = text.split()
    named = [w for w in words if w.lower() not in PARTICLES]
    if len(words) >= 3 and words[-1].lower() in PARTICLES and len(named) >= 2:
        return True  # no name ends with its particle ("Christian LEFÈVRE LE")
    if len(words) < 3 or len(named) < 3:
        return False
    last = normalise(words[-1]).strip(".,;")
    others = [normalise(p) for w in words[:-1] if w.lower() not in PARTICLES for p in re.split(r"[-'’]", w)]
    if len(last) >= 2 and any(o.startswith(last) or len(last) >= 3 and fuzz.ratio(o, last) >= 80 for o in others):
        return True
    caps = [w for w in words[:-1] if w.isupper() and len(re.sub(r"\W", "", w)) >= 3 and w.lower() not in PARTICLES]
    return words[-1].isalpha() and words[-1].isupper() and len(words[-1]) <= 3 and bool(caps)


def word_lost(line_words: tuple[Word, ...], text: str) -> bool:
    """A gap between two words of the name wider than a word: OCR dropped one there (a middle
    name, a particle, half a compound surname), and the name read is short of it."""
    words = sorted((w for w in line_words if w.text in text.split()), key=lambda w: w.bbox[0])
    heights = sorted(w.bbox[3] - w.bbox[1] for w in words)
    if len(words) < 2 or heights[len(heights) // 2] <= 0:
        return False
    return max(b.bbox[0] - a.bbox[2] for a, b in zip(words, words[1:])) > LOST_WORD * heights[len(heights) // 2]


LOST_WORD = 1.5  # word heights; a space between the words of a name read on scans is under 0.6
