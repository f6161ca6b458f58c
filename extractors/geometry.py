"""Map boxes from an upright page image (warped, uncurled, turned, then deskewed) back to the page as received."""

from __future__ import annotations

import logging
import math

import numpy as np

from extractors.model import BBox

log = logging.getLogger(__name__)


def to_page(bbox: BBox, width: float, height: float, skew: float, rotation: int,
            warp: tuple[float, ...] | None = None) -> BBox:
    """The box on the page as received, from a box on its upright image (same units).

    The upright image is the page, first warped to a rectangle when `warp` is given (the
    sheet's four corners on the page, then the rectangle's width and height: see
    sheet_corners) and uncurled when `warp` goes on with a displacement grid (see
    curl_grid), turned counter-clockwise by `rotation`, then turned by -`skew` degrees
    about its centre on an expanded canvas (as PIL's expand=True does). Undone in the
    reverse order: the turns, the grid's displacement, the inverse homography.
    """
    if not skew and not rotation and not warp:
        return bbox
    if warp:
        width, height = warp[8], warp[9]  # turned and deskewed is the warped sheet, not the photo
    x0, top, x1, bottom = bbox
    points = [_point(x, y, width, height, skew, rotation) for x in (x0, x1) for y in (top, bottom)]
    if warp:
        back = np.linalg.inv(sheet_homography(warp))
        points = [_apply(back, *uncurled(x, y, warp)) for x, y in points]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (round(min(xs), 2), round(min(ys), 2), round(max(xs), 2), round(max(ys), 2))


def sheet_homography(warp: tuple[float, ...], scale: float = 1.0) -> np.ndarray:
    """The 3x3 matrix taking the page as received onto the warped rectangle, `scale` units per unit.

    `warp` holds the sheet's corners (top-left, top-right, bottom-right, bottom-left; x, y)
    then the rectangle's width and height. Solved directly (8 equations) so that reading
    stored pages needs no OpenCV.
    """
    corners = [(warp[2 * i] * scale, warp[2 * i + 1] * scale) for i in range(4)]
    w, h = warp[8] * scale, warp[9] * scale
    targets = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    rows, values = [], []
    for (x, y), (u, v) in zip(corners, targets):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    solved = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(values, dtype=np.float64))
    return np.append(solved, 1.0).reshape(3, 3)


def warped_sheet(pixels: np.ndarray, warp: tuple[float, ...], scale: float = 1.0) -> np.ndarray:
    """The sheet of a page image warped to its rectangle, `warp` in units of `scale` pixels each
    (OCR's image, and the signature check's re-rendering of it)."""
    import cv2  # lazy: only the warping needs it, not reading stored pages

    size = (int(round(warp[8] * scale)), int(round(warp[9] * scale)))
    return cv2.warpPerspective(pixels, sheet_homography(warp, scale), size, flags=cv2.INTER_CUBIC,
                               borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def _apply(matrix: np.ndarray, x: float, y: float) -> tuple[float, float]:
    u, v, w = matrix @ np.array([x, y, 1.0])
    return float(u / w), float(v / w)


def _point(x: float, y: float, width: float, height: float, skew: float, rotation: int) -> tuple[float, float]:
    turned_w, turned_h = (height, width) if rotation in (90, 270) else (width, height)
    theta = math.radians(skew)
    canvas_w = abs(turned_w * math.cos(theta)) + abs(turned_h * math.sin(theta))
    canvas_h = abs(turned_w * math.sin(theta)) + abs(turned_h * math.cos(theta))
    cx, cy = x - canvas_w / 2, y - canvas_h / 2
    tx = cx * math.cos(theta) - cy * math.sin(theta) + turned_w / 2
    ty = cx * math.sin(theta) + cy * math.cos(theta) + turned_h / 2
    if rotation == 90:
        return width - ty, tx
    if rotation == 180:
        return width - tx, height - ty
    if rotation == 270:
        return ty, height - tx
    return tx, ty


def scaled_warp(warp: tuple[float, ...] | None, scale: float, digits: int = 3) -> tuple[float, ...] | None:
    """`warp` in other units (pixels to points): every number but the curl grid's two counts."""
    if not warp:
        return warp
    return tuple(v if i in (10, 11) else round(v * scale, digits) for i, v in enumerate(warp))


def curl_grid(warp: tuple[float, ...] | None) -> tuple[np.ndarray, np.ndarray] | None:
    """The curl displacement grid stored after the four corners and the size in `warp`, or None.

    Layout of `warp` past its 10 first numbers (see PageText.warp): the grid's number of
    columns, then of rows, then dx of every node row by row (top row first, left to right),
    then dy of every node in the same order. Nodes are spread evenly over the warped
    rectangle, corners included; a point (x, y) of the flattened image (the one OCR read)
    comes from (x + dx, y + dy) of the warped rectangle, dx and dy interpolated bilinearly.
    """
    if not warp or len(warp) <= 10:
        return None
    columns, rows = int(warp[10]), int(warp[11])
    values = np.asarray(warp[12:12 + 2 * columns * rows], dtype=np.float64)
    return values[:columns * rows].reshape(rows, columns), values[columns * rows:].reshape(rows, columns)


def grid_weights(nodes: int, extent: float, at) -> np.ndarray:
    """Bilinear weights (len(at) x nodes) taking values at `nodes` nodes spread evenly over
    [0, extent] onto the coordinates `at` (held at the end nodes beyond them)."""
    at = np.atleast_1d(np.asarray(at, dtype=np.float64))
    t = np.clip(at * (nodes - 1) / max(extent, 1e-9), 0, nodes - 1)
    first = np.minimum(np.floor(t).astype(np.int64), max(nodes - 2, 0))
    frac = t - first
    weights = np.zeros((len(at), nodes))
    weights[np.arange(len(at)), first] = 1 - frac
    if nodes > 1:
        weights[np.arange(len(at)), first + 1] += frac
    return weights


def uncurled(x: float, y: float, warp: tuple[float, ...]) -> tuple[float, float]:
    """A point of the flattened image on the warped rectangle (itself when `warp` holds no curl)."""
    grid = curl_grid(warp)
    if grid is None:
        return x, y
    dx, dy = grid
    across = grid_weights(dx.shape[1], warp[8], x)[0]
    down = grid_weights(dx.shape[0], warp[9], y)[0]
    return x + float(down @ dx @ across), y + float(down @ dy @ across)
