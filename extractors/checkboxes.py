"""Find printed check boxes on a page image and tell ticked from empty by the ink inside.

OCR reads a box as noise ("[l", "O1", "&"); the form's answers live in those boxes, so
boxes are found in the image itself and given to the page as words "☐" and "☒".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from extractors.images import components, pixels as page_pixels

log = logging.getLogger(__name__)



@dataclass(frozen=True)
class Box:
    """A check box in pixels of the image it was found in, and its state."""

    left: int
    top: int
    size: int
    ticked: bool
    confidence: float


UNMEASURED = 0.3  # the confidence of a box whose outline is no darker than the paper: its state unread
IN_BETWEEN = 0.4  # the confidence of a box neither clearly ticked nor clearly empty
SMALL_BOX = 14  # pixels: a box of a sheet photographed whole (~100 dpi); 150 dpi scans' are 17 and more
SMALL_PAGE = 1500  # pixels: the longer side of a page of about 120 dpi or less (a 150 dpi A4 scan is 1754)


def find_boxes(gray: Image.Image, text_height: float) -> list[Box]:
    """Square outlines about the size of a letter, with their state."""
    import cv2  # lazy: only pages that are OCR'd need it

    pixels = page_pixels(gray)
    # Boxes of a 300 dpi page are 30-40 px wide: half the resolution finds them at a quarter of the cost.
    scale = 2 if text_height >= 24 else 1
    if scale > 1:
        pixels = cv2.resize(pixels, None, fx=1 / scale, fy=1 / scale, interpolation=cv2.INTER_AREA)
        text_height /= scale
    ink = cv2.adaptiveThreshold(pixels, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31 if scale == 1 else 15, 15)
    low, high = 0.45 * text_height, 1.8 * text_height
    # a tick that touches a table's rule would hide its box in the table; a small page's (about
    # 100 dpi: a sheet photographed whole) faint rules are broken
    ink = ink & ~_rules(ink, high, bridge=scale == 1 and max(pixels.shape) <= SMALL_PAGE)
    count, _, stats, _ = components(ink)
    x, y, w, h = (stats[1:count, i] for i in range(4))
    sized = (low <= w) & (w <= high) & (low <= h) & (h <= high) & (w <= 1.33 * h) & (w >= 0.75 * h)
    sized[sized] = _inked_enough(ink, stats[1:count][sized])
    squares = [(int(x), int(y), int(w), int(h)) for x, y, w, h, _ in stats[1:count][sized]
               if _has_four_sides(ink[y:y + h, x:x + w])]
    overrun, own = [], []
    if squares:  # a form's boxes share one size and line up: look for one where a tick ran out of its box
        side = int(np.median([max(w, h) for _, _, w, h in squares]))
        _, dark = cv2.threshold(pixels, 0, 1, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)  # a dark band is dark

        def placed(box: tuple[int, int, int, int]) -> bool:
            return (not any(_overlap(box, other) for other in squares)
                    and any(abs(box[0] - other[0]) <= 2 or abs(box[1] - other[1]) <= 2 for other in squares))

        framed = ink | dark
        overrun = [box for box in _overrun_boxes(ink, framed, stats[1:count], side) if placed(box)]
        if side * scale <= SMALL_BOX:  # a sheet photographed whole: see _overrun_boxes' `own_size`
            for box in sorted(_overrun_boxes(ink, framed, stats[1:count], side, own_size=True)):
                # on a box's row, or in a column of boxes (a value cell's first letter lines up with one box)
                column = sum(abs(box[0] - other[0]) <= 2 for other in squares) >= 2
                row = any(abs(box[1] - other[1]) <= 2 for other in squares)
                if placed(box) and (row or column) and not _beside_a_box(box, squares + own):
                    own.append(box)  # from the left: a label follows its box
            overrun = [box for box in overrun if not _beside_a_box(box, squares + own)]
    boxes = []
    for (x, y, w, h), guessed in [(s, False) for s in squares + own] + [(s, True) for s in overrun]:
        # a window of its own shape's size is where the box is: only one found in a larger shape is moved
        small = guessed and max(w, h) * scale <= SMALL_BOX
        box = _emptiest_state(pixels, x, y, max(w, h)) if small else _state(pixels, x, y, max(w, h))
        boxes.append(Box(box.left * scale, box.top * scale, box.size * scale, box.ticked, box.confidence))
    return boxes


def _emptiest_state(pixels: np.ndarray, x: int, y: int, size: int) -> Box:
    """`_state` of a small box found inside a larger shape, its window moved a pixel or two each
    way: the emptiest reading wins.

    Such a window is a guess: where a table's faint rule runs along an empty box's side, the
    frame found can sit two pixels off, and in a 12-pixel box (a phone photo's) its inside
    then holds the box's own blurred side and reads ticked. A filled or crossed small box
    darkens the middle of every window near it; an empty one's middle is paper in the right
    one. (A larger box, 150 dpi and up, is not moved: there a light tick that ran out of its
    box may leave the middle of a shifted window pale.)"""
    reach = 2
    states = [_state(pixels, x + dx, y + dy, size) for dy in range(-reach, reach + 1) for dx in range(-reach, reach + 1)
              if y + dy >= 0 and x + dx >= 0 and y + dy + size <= pixels.shape[0] and x + dx + size <= pixels.shape[1]]
    if not states:
        return _state(pixels, x, y, size)
    empty = [s for s in states if not s.ticked]
    return max(empty, key=lambda s: s.confidence) if empty else min(states, key=lambda s: s.confidence)


def _rules(ink: np.ndarray, high: float, bridge: bool = False) -> np.ndarray:
    """A table's thin rules: lines much longer than a box; not the dark bands of reversed headings.

    `bridge`: a small page's rules (about 100 dpi, a phone photo's), blurred and faint, are
    thresholded into a whole line of pixels along a broken one: the line is taken with the
    pixels beside it and gaps of a pixel or two (left, the broken line joined the boxes just
    under it into one shape)."""
    import cv2

    length, thick = max(8, round(4 * high)), max(3, round(0.4 * high))
    kernel = cv2.getStructuringElement
    across = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel(cv2.MORPH_RECT, (length, 1)))
    down = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel(cv2.MORPH_RECT, (1, length)))
    if bridge:
        across = cv2.dilate(across, kernel(cv2.MORPH_RECT, (5, 3)))
        down = cv2.dilate(down, kernel(cv2.MORPH_RECT, (3, 5)))
    lines = across | down
    if not lines.any():  # no rule (a letter's page): nothing to take off
        return lines
    solid = cv2.morphologyEx(lines, cv2.MORPH_OPEN, kernel(cv2.MORPH_RECT, (thick, thick)))
    return lines & ~cv2.dilate(solid, kernel(cv2.MORPH_RECT, (3, 3)))


def _beside_a_box(box: tuple[int, int, int, int], squares: list[tuple[int, int, int, int]]) -> bool:
    """Closer to a box on its row than a box's width: the first letter of that box's label (a
    blurred "S" of "☐ Site" can frame a window), never a box of its own."""
    x, y, w, h = box
    return any(abs(y - sy) <= h // 2 and (0 <= x - (sx + sw) < w or 0 <= sx - (x + w) < w)
               for sx, sy, sw, _ in squares)


def _overrun_boxes(ink: np.ndarray, dark: np.ndarray, stats: np.ndarray, side: int,
                   own_size: bool = False) -> list[tuple[int, int, int, int]]:
    """Boxes of `side` pixels inside larger shapes: a hand's X or ✓ that runs out of its box (and
    maybe into the next word) makes one shape of box and tick, no longer square.

    `own_size`: instead, boxes in shapes of about their own size (a pixel smaller to two larger)
    that are no square. A small box (a sheet photographed whole, 12 pixels) whose tick passes
    its side by a pixel or two, or whose blurred side grew a stray pixel, makes such a shape:
    its last column is then no side, and the box was lost (most ticked boxes of some photos).

    A box is a window whose four sides are lines of ink while just outside it, where only the
    tick's ends cross, the paper mostly shows. The best window: the first of the highest score,
    by size, then top, then left.
    """
    found = []
    w, h = stats[:, 2], stats[:, 3]
    shaped = ((side - 1 <= w) & (w <= 3 * side) & (side - 1 <= h) & (h <= 3 * side)
              & ((np.maximum(w, h) <= side + 2) == own_size))  # on arrays: a page's shapes are thousands
    for x, y, w, h, _area in stats[shaped]:
        best, best_score = None, 0.0
        sub, maxima = ink[y:y + h, x:x + w].astype(np.int32), {}  # the shape's, for its three sizes
        for size in (side - 1, side, side + 1):
            scores = _frame_scores(ink, dark, int(x), int(y), int(w), int(h), size, sub, maxima)
            if scores.size and scores.max() > best_score:
                top, left = np.unravel_index(int(scores.argmax()), scores.shape)
                best, best_score = (int(x + left), int(y + top), size, size), float(scores.max())
        if best is not None:
            found.append(best)
    return found


def _frame_scores(ink: np.ndarray, dark: np.ndarray, x: int, y: int, w: int, h: int, size: int,
                  sub: np.ndarray | None = None, maxima: dict | None = None) -> np.ndarray:
    """How much each window of `size` in the shape's box (x, y, w, h) looks like a box's outline,
    by top then left (0 when it does not): its four sides inked (see `_has_four_sides`), its
    surroundings two pixels out mostly paper. All windows at once, by running sums and maxima
    (no sliding_window_view: a shape's few windows cost more in its set-up than in sums).
    `sub` (the shape's ink in int32) and `maxima` (its row bands' maxima by band) are shared
    by the sizes tried on one shape: most sizes share a band."""
    rows, cols = h - size + 1, w - size + 1
    if rows <= 0 or cols <= 0 or size <= 0:
        return np.zeros((0, 0))
    sub = ink[y:y + h, x:x + w].astype(np.int32) if sub is None else sub
    maxima = {} if maxima is None else maxima
    band, corner = max(1, size // 6), min(size, max(2, size // 4))
    if band not in maxima:
        maxima[band] = _window_max(sub, band, 0)
    across = _window_sums(maxima[band], size, 1)  # a row band's inked columns
    sides = (across[:rows] / size >= 0.75) & (across[size - band:size - band + rows] / size >= 0.75)
    if not sides.any():  # no top and bottom side (most shapes, letters run together): the rest is moot
        return np.zeros((rows, cols))
    down = _window_sums(_window_max(sub, band, 1), size, 0)
    sides &= (down[:, :cols] / size >= 0.75) & (down[:, size - band:size - band + cols] / size >= 0.75)
    if not sides.any():
        return np.zeros((rows, cols))
    inked = _window_sums(_window_sums(sub, corner, 0), corner, 1) > 0
    far = size - corner
    sides &= inked[:rows, :cols] & inked[:rows, far:far + cols] & inked[far:far + rows, :cols] \
        & inked[far:far + rows, far:far + cols]
    pad = 2
    around = np.zeros((h + 2 * pad, w + 2 * pad), np.int32)  # dark from (y - pad, x - pad), 0 off the page
    ay0, ax0 = max(0, y - pad), max(0, x - pad)
    ay1, ax1 = min(dark.shape[0], y + h + pad), min(dark.shape[1], x + w + pad)
    around[ay0 - (y - pad):ay1 - (y - pad), ax0 - (x - pad):ax1 - (x - pad)] = dark[ay0:ay1, ax0:ax1]
    span = size + 2 * pad
    lines, columns = _window_sums(around, span, 1), _window_sums(around, span, 0)
    ring = (lines[:rows, :cols] + lines[span - 1:span - 1 + rows, :cols]
            + columns[:rows, :cols] + columns[:rows, span - 1:span - 1 + cols])
    outside = ring / (4 * span)
    tops, lefts = np.arange(rows)[:, None] + y, np.arange(cols)[None, :] + x
    inside = (tops >= pad) & (lefts >= pad) & (tops + size + pad <= ink.shape[0]) & (lefts + size + pad <= ink.shape[1])
    return np.where(sides & inside & (outside <= 0.3), 1.0 - outside, 0.0)


def _window_max(a: np.ndarray, n: int, axis: int) -> np.ndarray:
    """The largest of each `n` consecutive values along `axis` (sliding_window_view(...).max(-1))."""
    length = a.shape[axis] - n + 1
    take = (lambda k: a[k:k + length]) if axis == 0 else (lambda k: a[:, k:k + length])
    out = take(0).copy()
    for k in range(1, n):
        np.maximum(out, take(k), out=out)
    return out


def _window_sums(a: np.ndarray, n: int, axis: int) -> np.ndarray:
    """The sum of each `n` consecutive values along `axis` (sliding_window_view(...).sum(-1)), by running sums."""
    total = np.cumsum(a, axis=axis, dtype=np.int64)
    if axis == 0:
        out = total[n - 1:].copy()
        out[1:] -= total[:-n]
    else:
        out = total[:, n - 1:].copy()
        out[:, 1:] -= total[:, :-n]
    return out


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


_GLUED_TICK = re.compile(r"^(?:[^\w\s]+|[xXvV✓✔✗✘][^\w\s]*)(?=[A-ZÀ-Ý])")


def without_glued_tick(text: str, left: int, top: int, width: int, height: int, box: Box) -> tuple[str, int, int]:
    """"XRevitalisation" over a ticked box: its mark read as a letter glued to the option's first
    word. The word without it, and its box (left, width) starting after the check box."""
    beside = box.left - box.size / 2 <= left <= box.left + box.size / 2
    level = top < box.top + box.size and box.top < top + height
    unglued = _GLUED_TICK.sub("", text) if box.ticked and beside and level else text
    if not unglued or unglued == text:
        return text, left, width
    right = left + width
    return unglued, min(right - 1, box.left + box.size + 1), max(1, right - box.left - box.size - 1)


def _inked_enough(ink: np.ndarray, shapes: np.ndarray) -> np.ndarray:
    """For each shape (stats rows: x, y, w, h), whether each of its four side bands holds ink
    enough for `_has_four_sides` to find a side there (a side's inked columns, 3/4 of them, are
    at most the band's ink): all shapes at once from one integral image, a cheap necessary test,
    since most letter-sized shapes (letters) fail it and a shape's own test costs ~50 µs."""
    import cv2

    if not len(shapes):
        return np.zeros(0, bool)
    total = cv2.integral(ink, sdepth=cv2.CV_32S)
    x, y, w, h = (shapes[:, i].astype(np.int64) for i in range(4))
    band = np.maximum(1, np.minimum(h, w) // 6)

    def inked(top, left, bottom, right):
        return total[bottom, right] - total[top, right] - total[bottom, left] + total[top, left]

    return ((4 * inked(y, x, y + band, x + w) >= 3 * w) & (4 * inked(y + h - band, x, y + h, x + w) >= 3 * w)
            & (4 * inked(y, x, y + h, x + band) >= 3 * h) & (4 * inked(y, x + w - band, y + h, x + w) >= 3 * h))


def _has_four_sides(window: np.ndarray) -> bool:
    """Each side of the square is an almost unbroken line of ink (a letter "O" has no corners)."""
    h, w = window.shape
    band = max(1, min(h, w) // 6)
    # each side measured only if the ones before it held: most shapes (letters) fail the first
    sides = (lambda: window[:band, :].max(axis=0), lambda: window[-band:, :].max(axis=0),
             lambda: window[:, :band].max(axis=1), lambda: window[:, -band:].max(axis=1))
    corner = max(2, min(h, w) // 4)  # blur rounds the corners of a small box
    corners = (window[:corner, :corner], window[:corner, -corner:], window[-corner:, :corner],
               window[-corner:, -corner:])
    return all(side().mean() >= 0.75 for side in sides) and all(corner.any() for corner in corners)


def _state(pixels: np.ndarray, x: int, y: int, size: int) -> Box:
    """Ticked when the inside of the box is dark compared with its outline and the paper.

    Measured on grey levels, not on thresholded ink: on a blurred photo a small empty
    box's outline bleeds inwards, while a tick darkens its centre much more.
    """
    inset = max(2, round(size * 0.3))
    inside = pixels[y + inset:y + size - inset, x + inset:x + size - inset]
    outline = np.concatenate([pixels[y, x:x + size], pixels[y + size - 1, x:x + size],
                              pixels[y:y + size, x], pixels[y:y + size, x + size - 1]])
    around = pixels[max(0, y - size // 2):y + size + size // 2, max(0, x - size):x]
    paper = float(np.percentile(around, 90)) if around.size else 255.0
    ink = paper - float(np.percentile(outline, 25))
    if inside.size == 0 or ink < 20:
        return Box(x, y, size, False, UNMEASURED)
    darkness = (paper - float(inside.mean())) / ink
    if darkness >= 0.35:
        return Box(x, y, size, True, round(min(1.0, 0.6 + darkness), 3))
    if darkness <= 0.18:
        return Box(x, y, size, False, round(min(1.0, 1.0 - darkness), 3))
    return Box(x, y, size, darkness > 0.26, IN_BETWEEN)  # in between: a reviewer should look
