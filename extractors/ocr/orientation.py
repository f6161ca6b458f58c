"""Orientation and skew: a small slant measured, a turned page told from its reading."""

from __future__ import annotations

import math

import numpy as np
from PIL import Image

from extractors.ocr.engine import RawWord

# Below this mean word confidence a reading is suspicious: maybe the page is turned.
POOR_CONFIDENCE = 0.60
MIN_SKEW = 0.3  # degrees; less is not worth resampling the page
MAX_SKEW = 6.0


def estimate_skew(gray: Image.Image) -> float:
    """Skew in degrees (positive: content turned counter-clockwise), by projection profiles."""
    small = gray.copy()
    small.thumbnail((1000, 1000))
    pixels = np.asarray(small)
    ys, xs = np.nonzero(pixels < 128)
    if len(xs) < 200 or len(xs) > 0.5 * pixels.size:
        return 0.0  # blank or mostly dark (a photo): nothing to measure
    if len(xs) > 60_000:
        keep = np.random.default_rng(0).choice(len(xs), 60_000, replace=False)
        xs, ys = xs[keep], ys[keep]
    xs = xs.astype(np.float64)
    ys = ys.astype(np.float64)
    best, best_score = 0.0, -1.0
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.2):
        theta = math.radians(angle)
        # Rows of text become sharp peaks when projected at the text's own angle.
        rows = np.round(ys * math.cos(theta) + xs * math.sin(theta)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        score = float(np.dot(counts, counts))
        if score > best_score:
            best, best_score = float(angle), score
    return best


def rotated_free(gray: Image.Image, degrees: float) -> Image.Image:
    return gray.rotate(degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)


def quarter_turned(gray: Image.Image, degrees: int) -> Image.Image:
    """Turn counter-clockwise by a multiple of 90 degrees, losslessly."""
    methods = {90: Image.Transpose.ROTATE_90, 180: Image.Transpose.ROTATE_180,
               270: Image.Transpose.ROTATE_270}
    return gray.transpose(methods[degrees]) if degrees in methods else gray


def looks_turned(words: list[RawWord]) -> bool:
    """A poor reading, or words standing on end: Tesseract read lines of a turned page."""
    if mean_conf(words) < POOR_CONFIDENCE:
        return True
    long_words = [w for w in words if len(w.text) >= 3]
    standing = sum(1 for w in long_words if w.height > 1.5 * w.width)
    return bool(long_words) and standing > len(long_words) / 2


def reads_better(turned: list[RawWord], first: list[RawWord]) -> bool:
    """The turned reading wins if it reads better, or as well with lines lying flat."""
    if mean_conf(turned) > mean_conf(first):
        return True
    return not looks_turned(turned) and mean_conf(turned) >= mean_conf(first) - 0.05


def for_osd(gray: Image.Image) -> Image.Image:
    """OSD needs letters of some size: only very large pages are halved to save time."""
    if max(gray.size) <= 3600:
        return gray
    return gray.resize((max(1, gray.width // 2), max(1, gray.height // 2)))


def has_ink(gray: Image.Image) -> bool:
    small = gray.copy()
    small.thumbnail((400, 400))
    dark = float((np.asarray(small) < 128).mean())
    return 0.002 < dark < 0.5


def mean_conf(words: list[RawWord]) -> float:
    weight = sum(len(w.text) for w in words)
    return sum(w.conf * len(w.text) for w in words) / weight if weight else 0.0
