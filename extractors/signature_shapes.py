"""Shape scores of ink components for the signature check (extractors.signature): how much a
group of ink pixels is a round stamp's ring, a rectangle's outline, an underline."""

from __future__ import annotations

import math

import numpy as np

STAMP_SEARCH = 3.0  # text-line heights: ink this wide or tall may hold a stamp's ring run into other ink
STAMP_RADIUS = (1.5, 7.0)  # text-line heights: a round stamp's radius (2.5 to 14 lines across)
STAMP_COVER = 0.8  # share of the circle's outline inked: a stamp's ring, not a signature's curve


def stamp_circle(mask: np.ndarray, unit: float) -> tuple[float, float, float] | None:
    """(row, column, radius) in pixels of a round stamp's outline inside `mask`, when there is
    one: a circle of a stamp's size inked nearly all round on a thin annulus. A pen's loop is
    smaller, or open, or oval."""
    import cv2

    h, w = mask.shape
    low, high = int(STAMP_RADIUS[0] * unit), int(min(STAMP_RADIUS[1] * unit, max(h, w) / 2 + 2))
    if high <= low:
        return None
    blurred = cv2.GaussianBlur(mask.astype(np.uint8) * 255, (0, 0), max(1.0, 0.1 * unit))
    found = cv2.HoughCircles(blurred, cv2.HOUGH_GRADIENT, dp=1.5, minDist=max(4, low), param1=100, param2=20,
                             minRadius=low, maxRadius=high)
    if found is None:
        return None
    ys, xs = np.nonzero(mask)
    best = None
    for cx, cy, radius in found[0][:8]:
        cover = circle_cover(ys, xs, cy, cx, radius)
        if cover >= STAMP_COVER and (best is None or cover > best[0]):
            best = (cover, float(cy), float(cx), float(radius))
    if best is None:
        return None
    _, cy, cx, radius = best
    # the outermost ring round that centre (Hough may have fit the inner one, or fallen short)
    for size in np.arange(1.25, 0.85, -0.02):
        if circle_cover(ys, xs, cy, cx, size * radius, 0.04) >= STAMP_COVER:
            return cy, cx, float(size * radius)
    return cy, cx, radius


def circle_cover(ys: np.ndarray, xs: np.ndarray, cy: float, cx: float, radius: float,
                  band: float = 0.1) -> float:
    """Share of 48 sectors round (cy, cx) where ink lies on the circle of `radius` (an annulus
    `band` of it either side)."""
    dist = np.hypot(ys - cy, xs - cx)
    on = (dist > (1 - band) * radius) & (dist < (1 + band) * radius)
    if not on.any():
        return 0.0
    angles = np.arctan2(ys[on] - cy, xs[on] - cx)
    return len(np.unique(((angles + math.pi) / (2 * math.pi) * 48).astype(int) % 48)) / 48


def frame_score(mask: np.ndarray) -> float:
    """Share of the ink on the border of its box: 1 for a rectangle's outline."""
    h, w = mask.shape
    if min(h, w) < 12:
        return 0.0
    band = max(2, int(0.08 * min(h, w)))
    inner = mask[band:h - band, band:w - band].sum()
    total = mask.sum()
    sides = [mask[:band].any(axis=0).mean(), mask[-band:].any(axis=0).mean(),
             mask[:, :band].any(axis=1).mean(), mask[:, -band:].any(axis=1).mean()]
    return round(float((1 - inner / max(total, 1)) * min(sides)), 3)


def flat_score(mask: np.ndarray) -> float:
    """The widest horizontal band of three pixel rows, as a share of the width: an underline."""
    if mask.shape[0] < 3:
        return float(mask.any(axis=0).mean())
    bands = mask[:-2] | mask[1:-1] | mask[2:]
    return round(float(bands.mean(axis=1).max()), 3)


def ring_score(mask: np.ndarray) -> float:
    """How much a component is a circle's outline: ink on a thin annulus all around its centre."""
    h, w = mask.shape
    if min(h, w) < 12 or not 0.8 <= w / h <= 1.25:
        return 0.0
    ys, xs = np.nonzero(mask)
    cy, cx, radius = (h - 1) / 2, (w - 1) / 2, (h + w) / 4
    dist = np.hypot(ys - cy, xs - cx)
    on_ring = (dist > 0.8 * radius) & (dist < 1.08 * radius)
    if not on_ring.any():
        return 0.0
    angles = np.arctan2(ys[on_ring] - cy, xs[on_ring] - cx)
    covered = len(np.unique(((angles + math.pi) / (2 * math.pi) * 48).astype(int) % 48)) / 48
    return round(float(covered * min(1.0, on_ring.mean() / 0.6)), 3)
