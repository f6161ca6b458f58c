"""A stamp's broken ring on a black-and-white page: its arcs are no pen's strokes.

Past a fax's or a 1-bit scan's threshold a round stamp's ring breaks into pieces; a long piece
looks like a pen's stroke (long, thin, curved). An arc of a ring lies on one circle, wide as a
stamp (a pen's loop is smaller, a signature's stroke lies on no circle). When every stroke of
the area is such an arc or lies inside the disc of one, nothing proves a signature: undecided.
On any page (`inside_stamps`), strokes all within one stamp's disc (a ring found, or a ring run
into its star or lettering) are its inner ring, emblem or lettering cut by the print's mask.
"""

from __future__ import annotations

import numpy as np

ARC_FIT = 0.1  # text-line heights: the rms distance of an arc's pixels to its circle
ARC_RADIUS = (2.5, 7.0)  # text-line heights: a stamp's ring (a pen's loop is smaller)


def _largest(ink: np.ndarray, box: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """The pixels (xs, ys, in `ink`'s frame) of the largest piece of ink in `box`."""
    import cv2

    x0, y0, x1, y1 = box
    count, labels, stats, _ = cv2.connectedComponentsWithStats(ink[y0:y1, x0:x1].astype(np.uint8), connectivity=8)
    if count < 2:
        return np.zeros(0), np.zeros(0)
    ys, xs = np.nonzero(labels == 1 + int(np.argmax(stats[1:, 4])))
    return xs.astype(float) + x0, ys.astype(float) + y0


def ring_arc(ink: np.ndarray, box: tuple[int, int, int, int], unit: float) -> tuple[float, float, float] | None:
    """(x, y, radius) in pixels when the largest piece of ink in `box` is an arc of a stamp's ring."""
    xs, ys = _largest(ink, box)
    if len(xs) < 20:
        return None
    circle = _fitted(xs, ys)
    error = float(np.sqrt(np.mean((np.hypot(xs - circle[0], ys - circle[1]) - circle[2]) ** 2)))
    if error > ARC_FIT * unit or not ARC_RADIUS[0] * unit <= circle[2] <= ARC_RADIUS[1] * unit:
        return None
    return circle


def _fitted(xs: np.ndarray, ys: np.ndarray) -> tuple[float, float, float]:
    """The least-squares circle through points."""
    solution, *_ = np.linalg.lstsq(np.c_[2 * xs, 2 * ys, np.ones(len(xs))], xs ** 2 + ys ** 2, rcond=None)
    cx, cy = float(solution[0]), float(solution[1])
    return cx, cy, float(np.sqrt(max(solution[2] + cx ** 2 + cy ** 2, 0.0)))


def only_ring_arcs(ink: np.ndarray, boxes: list[tuple[int, int, int, int]], unit: float) -> bool:
    """Whether every stroke (its box, pixels of `ink`) lies in the band of one stamp's ring: the
    circle of an arc among them."""
    circles = [c for c in (ring_arc(ink, box, unit) for box in boxes) if c is not None]
    if not circles:
        return False

    def in_band(box: tuple[int, int, int, int]) -> bool:
        xs, ys = _largest(ink, box)
        if not len(xs):
            return False
        for cx, cy, r in circles:
            distance = np.hypot(xs - cx, ys - cy) / r
            if np.mean(np.abs(distance - 1.0) <= BAND) >= IN_BAND:
                return True
            if (box[3] - box[1]) / unit <= CENTRE_TEXT and distance.max() <= 1.0 - BAND:
                return True  # the stamp's own words at its centre, letters run together: print-high
        return False

    return all(in_band(box) for box in boxes)


BAND = 0.3  # radii: the ring, its lettering and an inner ring lie this near the circle
CENTRE_TEXT = 1.6  # text-line heights: a stamp's central words, no pen's stroke that low
IN_BAND = 0.85  # the share of a stroke's pixels in the band: a pen's strokes cross the stamp's inside


def inside_stamps(ink: np.ndarray, boxes: list[tuple[int, int, int, int]], rings: list[tuple[int, int, int, int]],
                  unit: float, fitted: bool = False) -> bool:
    """Whether every stroke (its box, pixels of `ink`) lies within the disc of one round stamp: a
    ring found (`rings`, their boxes) or, `fitted` (a black-and-white page, where rings break and
    run into their star), the circle of a ring among the strokes. A stamp's inner
    ring, its emblem or its lettering run into the print measure like a pen's strokes; a
    signature drawn over a stamp goes out of its disc."""
    if any(abs((r[2] - r[0]) - (r[3] - r[1])) > ROUND * max(r[2] - r[0], r[3] - r[1]) for r in rings):
        return False  # a ring's box no square: other ink run into it, a pen's stroke out of the disc
    circles = [((r[0] + r[2]) / 2, (r[1] + r[3]) / 2, (r[2] - r[0] + r[3] - r[1]) / 4) for r in rings]
    if fitted:  # on a grey or colour page a pen's round loops may fit such a circle (measured)
        circles += [c for c in (_ring_with_emblem(ink, box, unit) for box in boxes) if c is not None]
    if not circles or not boxes:
        return False

    def within(box: tuple[int, int, int, int]) -> bool:
        xs, ys = _largest(ink, box)
        return bool(len(xs)) and any(np.mean(np.hypot(xs - cx, ys - cy) <= DISC * r) >= IN_DISC
                                     for cx, cy, r in circles)

    return all(within(box) for box in boxes)


ROUND = 0.12  # a ring's box, width against height: a stamp's is square (cut by the area's edge: not taken)
DISC = 1.1  # radii: a stamp's ring with its blur and lettering
IN_DISC = 0.97  # the share of a stroke's pixels in the disc: a pen's stroke leaves it


def _ring_with_emblem(ink: np.ndarray, box: tuple[int, int, int, int],
                      unit: float) -> tuple[float, float, float] | None:
    """(x, y, radius) when most of the largest piece of ink in `box` lies on one stamp-sized
    circle, round more than half of it: a ring (its band of lettering with it) run into its
    emblem, fitted again on its pixels near the first circle."""
    xs, ys = _largest(ink, box)
    if len(xs) < 20:
        return None
    # first guesses: the circle through every pixel (a ring cut by the area's edge), the box's
    # (a ring whose emblem pulls the first to its centre)
    guesses = [_fitted(xs, ys), ((xs.min() + xs.max()) / 2, (ys.min() + ys.max()) / 2,
                                 (xs.max() - xs.min() + ys.max() - ys.min()) / 4)]
    circle = max(guesses, key=lambda c: np.mean(np.abs(np.hypot(xs - c[0], ys - c[1]) - c[2]) <= 0.15 * c[2]))
    for _ in range(2):
        near = np.abs(np.hypot(xs - circle[0], ys - circle[1]) - circle[2]) <= 0.15 * max(circle[2], 1.0)
        if near.mean() < ON_RING or near.sum() < 20:
            return None
        circle = _fitted(xs[near], ys[near])
    near = np.abs(np.hypot(xs - circle[0], ys - circle[1]) - circle[2]) <= 0.15 * max(circle[2], 1.0)
    if near.mean() < ON_RING:
        return None
    angles = np.arctan2(ys[near] - circle[1], xs[near] - circle[0])
    cover = len(np.unique(((angles + np.pi) / (2 * np.pi) * 36).astype(int) % 36)) / 36
    if cover < RING_COVER or not ARC_RADIUS[0] * unit <= circle[2] <= ARC_RADIUS[1] * unit:
        return None
    return circle


ON_RING = 0.6  # the share of a piece's pixels on its circle (±15 %): the ring, the rest its emblem or lettering
RING_COVER = 0.5  # the share of the circle's directions those pixels cover: a ring, no pen's curve
