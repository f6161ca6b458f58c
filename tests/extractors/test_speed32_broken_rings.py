"""The broken-rings vote made cheaper (issue 16) finds exactly what the full vote found.

The full vote: both votes run (the ink as it is, then without its specks), every circle near a
candidate measured alone over every inked pixel near it (the code before the change, kept here
as the reference). The fast one measures the ink's distances once a centre, its directions once
for the three radii, only on the annulus that can hold a band, gives up on a candidate whose ink
lies in too few directions round it for any circle, and skips the second vote when no speck was
left out. Areas: the generator's letter endings, signed or stamped, faxed, 1-bit scanned,
scanned or photographed, at 150 to 300 dpi, their ink as the signature check sees it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors import signature_rings as rings
from extractors.signature import ink_mask
from tests.extractors.signatures_fax import faxed_letter


def _full_refined(ys, xs, cx, cy, radius, unit, shape):
    step = max(1.0, unit / rings.STEP / 2)
    best = None
    for dx in (-step, 0.0, step):
        for dy in (-step, 0.0, step):
            for scale in (0.97, 1.0, 1.03):
                x, y, r = cx + dx, cy + dy, radius * scale
                cover = _full_cover(ys, xs, x, y, r, rings.BAND, shape)
                if best is None or cover > best[3]:
                    best = (x, y, r, cover)
    if best is None or best[3] < rings.COVER:
        return None
    x, y, r, cover = best
    if _full_cover(ys, xs, x, y, r * rings.OUTSIDE, rings.BAND / 2, shape) > rings.THIN * cover:
        return None
    return best


def _full_cover(ys, xs, cx, cy, radius, band, shape):
    angles = (np.arange(48) + 0.5) / 48 * 2 * math.pi - math.pi
    px, py = cx + radius * np.cos(angles), cy + radius * np.sin(angles)
    seen = (px >= 0) & (px < shape[1]) & (py >= 0) & (py < shape[0])
    if seen.sum() < rings.SEEN:
        return 0.0
    dist = np.hypot(ys - cy, xs - cx)
    on = np.abs(dist - radius) <= max(band * radius, 1.5)
    if not on.any():
        return 0.0
    sectors = np.unique(((np.arctan2(ys[on] - cy, xs[on] - cx) + math.pi) / (2 * math.pi) * 48).astype(int) % 48)
    return float(seen[sectors].sum() / seen.sum())


def _full_vote(ink, unit, monkeypatch):
    with monkeypatch.context() as patch:
        patch.setattr(rings, "_refined", _full_refined)
        return rings._rings(ink, unit, 3) or rings._rings(rings._without_specks(ink, unit), unit, 3)


def _area(seed: int, dpi: int, how: str, stamp: bool, signed: bool) -> tuple[np.ndarray, float]:
    """The ink of a letter ending's signatory area (its right half, below the date line)."""
    page = np.asarray(faxed_letter(seed, dpi, ["gap", "over", "above", "beside"][seed % 4], "black", 1.0,
                                   stamp, signed, how).convert("L"))
    unit = 11 * page.shape[1] / 595
    return ink_mask(page[int(page.shape[0] * 0.22):, page.shape[1] // 2:], unit), unit


AREAS = [(seed, dpi, how, stamp, signed) for seed, (dpi, how, stamp, signed) in enumerate(
    [(200, "fax", True, False), (200, "fax", True, True), (200, "fax", False, True), (300, "bin", True, False),
     (300, "bin", True, True), (300, "scan", False, True), (300, "scan", True, True), (150, "scan", True, False),
     (200, "bin", False, True), (200, "photo", True, True)])]


@pytest.mark.parametrize("seed, dpi, how, stamp, signed", AREAS)
def test_the_fast_vote_finds_what_the_full_vote_finds(monkeypatch, seed, dpi, how, stamp, signed):
    ink, unit = _area(seed, dpi, how, stamp, signed)
    assert ink.any()
    assert rings.broken_rings(ink, unit) == _full_vote(ink, unit, monkeypatch)


def test_the_drawn_areas_hold_rings_found_and_none(monkeypatch):
    """The comparison means something: some areas' votes find a ring, some find none."""
    found = [bool(rings.broken_rings(*_area(*area))) for area in AREAS]
    assert any(found) and not all(found), found


def test_ink_without_specks_is_voted_once(monkeypatch):
    """A clean pen's signature, no ring: the vote without specks would vote on the same ink."""
    ink = np.zeros((300, 600), dtype=bool)
    for k in range(5):  # loops of a pen, 3 px wide, joined: no speck
        yy, xx = np.mgrid[0:300, 0:600]
        ink |= np.abs(np.hypot((xx - 100 - 60 * k) / 1.6, yy - 150) - 25) <= 1.5
    votes = []
    original = rings._rings
    monkeypatch.setattr(rings, "_rings", lambda *args: votes.append(1) or original(*args))
    assert rings.broken_rings(ink, 16.0) == [] == _full_vote(ink, 16.0, monkeypatch)
    assert len(votes) == 1 + 2  # once here, twice by the full vote
