"""Directions round a centre, for a ring's ink: the turn cut into `count` equal directions from
-π (left, going up the image's rows first), which of them hold ink, which lie in the area.

A stamp's ring is told from letters crossing a circle by how many directions round its centre
hold ink on it (signature_rings, signature_loops) or how wide a turn one piece of ink spans
along it (signature_ring_cut).
"""

from __future__ import annotations

import math

import numpy as np


def directions(dx: np.ndarray, dy: np.ndarray, count: int) -> np.ndarray:
    """The direction (0 to `count` - 1) of each offset (dx, dy) from a centre: its angle's share
    of the turn from -π. Straight left is -π and +π alike: direction 0 either way."""
    return ((np.arctan2(dy, dx) + math.pi) / (2 * math.pi) * count).astype(int) % count


def inked(held: np.ndarray, count: int) -> np.ndarray:
    """Which of the `count` directions hold ink (bool, `count`), `held`: the directions of the
    ink's pixels (`directions`), any number of each."""
    hit = np.zeros(count, dtype=bool)
    hit[held] = True
    return hit


def seen(cx, cy, radius, shape: tuple[int, int], count: int) -> np.ndarray:
    """Which directions' points of a circle lie in the area (`shape`: rows, columns): a ring cut
    by the area's edge is seen in part. `cx`, `cy`, `radius`: numbers, or arrays broadcast
    together (every centre and radius at once); the directions are the result's last axis."""
    angles = (np.arange(count) + 0.5) / count * 2 * math.pi - math.pi  # each direction's middle
    px = np.asarray(cx)[..., None] + np.asarray(radius)[..., None] * np.cos(angles)
    py = np.asarray(cy)[..., None] + np.asarray(radius)[..., None] * np.sin(angles)
    return (px >= 0) & (px < shape[1]) & (py >= 0) & (py < shape[0])


def cover(hit: np.ndarray, visible: np.ndarray, least: float) -> np.ndarray | float:
    """Share of the directions in the area (`visible`, from `seen`) that hold ink (`hit`), over
    the last axis; 0 where fewer than `least` directions lie in the area (too little of the
    circle to tell)."""
    count = visible.sum(axis=-1)
    shares = np.where(count >= least, (hit & visible).sum(axis=-1) / np.maximum(count, 1), 0.0)
    return float(shares) if shares.ndim == 0 else shares
