"""A signature that is the signatory's name set in a script font (the "adopted" signature of
e-signing tools), printed and scanned: its letters sit in a row one line high, like print's,
so the ink check leaves it undecided. OCR reads it as the name, doubted or not, on a line of
its own: the name written twice in the block, once over ink the check could not call print."""

from __future__ import annotations

from difflib import SequenceMatcher

from extractors.model import BBox, Word
from extractors.text import normalise


def name_written_again(words: tuple[Word, ...] | list[Word], zone: BBox, name_box: BBox | None,
                       ink: BBox | None, text_height: float) -> bool:
    """Whether the unidentified `ink` is the signatory's name again: one of the words read twice
    (`name_read_twice`) lies under that ink, which is no taller than a written line (a stamp, a
    logo are larger)."""
    if ink is None or ink[3] - ink[1] > NAME_INK_LINES * text_height:
        return False
    return any(_overlap(box, ink) >= 0.5 * _area(box) for box in name_read_twice(words, zone, name_box))


def name_read_twice(words: tuple[Word, ...] | list[Word], zone: BBox, name_box: BBox | None) -> list[BBox]:
    """The boxes of the words of the name line (`name_box`) read again on another line of the
    block (`zone`), both readings: a block types its signatory's name once, the other is the
    name set in script as a signature."""
    if name_box is None:
        return []
    inside = [w for w in words if _overlap(w.bbox, zone) > 0]
    named = [w for w in inside if _overlap(w.bbox, name_box) >= 0.5 * _area(w.bbox) and _name_like(w.text)]
    return [box for word in named for other in inside
            if other.line != word.line and _name_like(other.text) and _same(word.text, other.text)
            for box in (word.bbox, other.bbox)]


NAME_INK_LINES = 2.5  # text-line heights: a script name is one line; a stamp, a logo, a scrawl are taller
SAME_NAME = 0.8  # similarity of two readings of one name (a script's "ï" for "î", a letter misread)


def _name_like(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and letters[0].isupper()


def _same(a: str, b: str) -> bool:
    a, b = _folded(a), _folded(b)
    return a == b or SequenceMatcher(None, a, b).ratio() >= SAME_NAME


def _folded(text: str) -> str:
    return "".join(c for c in normalise(text) if c.isalpha())


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def _overlap(box: BBox, other: BBox) -> float:
    return max(0.0, min(box[2], other[2]) - max(box[0], other[0])) * max(0.0, min(box[3], other[3])
                                                                        - max(box[1], other[1]))
