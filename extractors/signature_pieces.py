"""A fine or light pen broken into arcs: a signature on a fax, a 1-bit scan, a soft photo.

Past a fax's threshold (or a low-dpi scan's JPEG), a pen line lighter than print keeps only
its darkest stretches: the arcs of its loops, apart, each too short to be a pen stroke alone
(extractors.signature calls them glyphs) and often standing side by side like letters. Print's
letters are dense in their box; a pen's arc is a thin curve across an empty box, taller than a
line of print. Two such arcs, with the other sparse pieces about them along a run wider than a
lone letter and than it is tall (a stamp's broken ring is round), are the loops of a signature.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractors.signature import InkComponent

SPARSE = 0.3  # ink / box: a thin curve across its box (print's letters fill 0.4 and more)
THIN = 0.12  # text-line heights: the pen's line, no thicker than print's strokes
TALL = 1.0  # text-line heights: an arc as tall as a line of print with its ascenders
ARCS = 2  # one arc is a stray mark, a parenthesis; two and more a loop drawn by hand
PIECES = 3
RUN = 3.0  # text-line heights: the pieces' run, wider than a lone letter
ALONG = 1.5  # width / height of the pieces' box: a signature runs along its line, a stamp is round
REACH = (6.0, 3.0)  # text-line heights across and up: the pieces of one signature about its arcs


def broken_arcs(glyphs: list[InkComponent]) -> list[InkComponent]:
    """The sparse thin pieces about two or more tall arcs among `glyphs` (ink no print row
    nor stamp explains) when they are a pen's loops; empty when they are not."""
    thin = [g for g in glyphs if g.fill <= SPARSE and g.stroke <= THIN and g.height > 0]
    arcs = [g for g in thin if g.height >= TALL]
    if len(arcs) < ARCS:
        return []
    unit = (arcs[0].box[3] - arcs[0].box[1]) / arcs[0].height  # pixels per text-line height
    group = [g for g in thin if any(_near(g, a, unit) for a in arcs)]
    left, right = min(g.box[0] for g in group), max(g.box[2] for g in group)
    top, bottom = min(g.box[1] for g in group), max(g.box[3] for g in group)
    if len(group) < PIECES or (right - left) / unit < RUN or right - left < ALONG * (bottom - top):
        return []  # a mark, or arcs round a centre as tall as wide: a faxed stamp's broken ring
    return group


def _near(part: InkComponent, arc: InkComponent, unit: float) -> bool:
    """Whether `part` lies within reach of `arc` (box to box)."""
    dx = max(0, max(part.box[0], arc.box[0]) - min(part.box[2], arc.box[2])) / unit
    dy = max(0, max(part.box[1], arc.box[1]) - min(part.box[3], arc.box[3])) / unit
    return dx <= REACH[0] and dy <= REACH[1]
