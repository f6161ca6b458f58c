"""A name written by hand, or set in a script font and pasted or printed: letters taller than
the typed text, side by side along one line.

Each letter apart is too short to be a pen's stroke (extractors.signature calls it a glyph);
several of them, taller than a line of print and sparse, are a signature. A thick pen or a
bold script font at low resolution fills its letters' boxes like a logo's shapes ("filled"):
such a letter is the name's when it stands in the row of the sparse letters, beside one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.signature import InkComponent

TALL = 1.15  # text-line heights: taller than a typed letter
SPARSE = 0.6  # ink / box: a letter's strokes, not a blot
LETTERS = 3
RUN = 3.0  # text-line heights: the letters' run, a word's width
BESIDE = 1.0  # text-line heights: the gap between two letters of one word
SAME_ROW = 0.5  # of the lower letter's height: the share two letters of one row overlap in height


def script_letters(glyphs: list[InkComponent], filled: list[InkComponent]) -> list[InkComponent]:
    """The letters of a name written by hand among `glyphs` (ink no print row nor stamp explains)
    and `filled` shapes; empty when they are not one."""
    letters = [g for g in glyphs if g.height >= TALL and g.fill <= SPARSE]
    if len(letters) >= LETTERS - 1:
        letters += [f for f in filled if f.kind == "filled" and f.height >= TALL and f.fill <= SPARSE
                    and any(_beside(f, g) for g in letters)]
    if len(letters) < LETTERS:
        return []
    unit = (letters[0].box[3] - letters[0].box[1]) / max(letters[0].height, 1e-6)  # pixels per text-line height
    left, right = min(p.box[0] for p in letters), max(p.box[2] for p in letters)
    return letters if (right - left) / max(unit, 1e-6) >= RUN else []


def _beside(part: InkComponent, letter: InkComponent) -> bool:
    """Whether `part` stands in `letter`'s row, next to it."""
    unit = (letter.box[3] - letter.box[1]) / max(letter.height, 1e-6)
    gap = max(0, max(part.box[0], letter.box[0]) - min(part.box[2], letter.box[2]))
    shared = min(part.box[3], letter.box[3]) - max(part.box[1], letter.box[1])
    lower = min(part.box[3] - part.box[1], letter.box[3] - letter.box[1])
    return gap <= BESIDE * unit and shared >= SAME_ROW * lower
