"""Check boxes read whose option's words OCR lost: the box still says the option's state.

On a scan OCR may read an option's line as noise it drops ("Autre (préciser) : ……" read
"EVA (DFÉCISBT)" at 0.0) while the box finder found the box at the head of that line. Such a
box stands alone on its line, in the column of the group's other boxes, at the place in the
form's order of the one option not read: it is that option's box, and the option is read.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors.fields.form import Option
from extractors.fields.layout import Token

State = tuple[str, int, "bool | None"]


def orphan_states(tokens: list[Token], options: tuple[Option, ...], states: list[State],
                  box_state: Callable[[str], bool | None]) -> list[State]:
    """(slug, index after the box, False) for each option not read whose lone box was read empty.

    Only empty boxes: a lone crossed box may be a mark on the form's edge, and a tick is never
    inferred from a box whose option is not read. The box must stand between the lines of the
    options before and after it in the form (within a line's pitch when it is the first or the
    last), lined up with the boxes of the options read."""
    slugs = [o.slug for o in options]
    at_of = {slug: at for slug, at, _ in states}
    missing = [k for k, slug in enumerate(slugs) if slug not in at_of]
    if not missing or len(at_of) < 2:
        return []
    boxes = [i for i, t in enumerate(tokens) if box_state(t.text) is not None]
    owned = {i for i in boxes for at in at_of.values()
             if at == i + 1 or at == i + 2 and not tokens[i + 1].norm.strip("x")}
    column = [tokens[i] for i in sorted(owned)]
    if len(column) < 2:
        return []
    size = _median([t.x1 - t.x0 for t in column])
    left = _median([t.x0 for t in column])
    tops = sorted(t.bbox[1] for t in column)
    pitch = _median([b - a for a, b in zip(tops, tops[1:]) if b - a > 0.5 * size] or [0.0])
    if pitch <= 0:
        return []
    lone = [i for i in boxes if i not in owned and abs(tokens[i].x0 - left) <= 0.5 * size
            and (i + 1 == len(tokens) or not _level(tokens[i], tokens[i + 1]))]
    found: list[State] = []
    used: set[int] = set()
    for k in missing:
        before = [tokens[at_of[s]] for s in reversed(slugs[:k]) if s in at_of][:1]
        after = [tokens[at_of[s]] for s in slugs[k + 1:] if s in at_of][:1]
        fits = [i for i in lone if i not in used and _between(tokens[i], before, after, pitch)]
        if len(fits) == 1 and box_state(tokens[fits[0]].text) is False:
            used.add(fits[0])
            found.append((slugs[k], fits[0] + 1, False))
    return found


def _between(box: Token, before: list[Token], after: list[Token], pitch: float) -> bool:
    """On the page of its neighbours, below the option before it and above the one after it;
    a first or last option's box a line's pitch from its one neighbour at most."""
    if not before and not after:
        return False
    middle = (box.bbox[1] + box.bbox[3]) / 2
    low = before[0].bbox[3] if before else after[0].bbox[1] - 1.6 * pitch
    high = after[0].bbox[1] if after else before[0].bbox[3] + 1.6 * pitch
    same_page = all((t.file, t.page) == (box.file, box.page) for t in before + after)
    return same_page and low < middle < high


def _level(a: Token, b: Token) -> bool:
    middle = (b.bbox[1] + b.bbox[3]) / 2
    return (a.file, a.page) == (b.file, b.page) and a.bbox[1] <= middle <= a.bbox[3]


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]
