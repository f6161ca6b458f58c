"""Unsigned letters carrying a round stamp (issue 11: a stamp alone is no signature). Cut by the
print's mask, a found stamp's inner ring, its lettering or its emblem measure like a pen's long
curved strokes; when every such "stroke" is one of these parts of the stamp (an arc concentric
with its ring, a band of lettering along it, a shape inside its inner ring), nothing proves a
pen: undecided, never signed. A pen's stroke over or beside a stamp crosses those bands."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature_arcs import stamp_drawn

SIZE = 320


def _circle(ink: np.ndarray, cx: float, cy: float, r: float, width: float = 1.5) -> None:
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    ink[np.abs(np.hypot(xs - cx, ys - cy) - r) <= width] = True


def _pen(ink: np.ndarray, x: int, y: int, letters: int, step: int = 22) -> None:
    import cv2

    points = [(x + step * t + 12 * math.sin(2 * math.pi * t), y - 45 * (0.5 - 0.5 * math.cos(2 * math.pi * t)))
              for t in (k / 24 for k in range(letters * 24 + 1))]
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.polylines(canvas, [np.array(points, dtype=np.int32)], False, 1, 2)
    ink |= canvas.astype(bool)


def _box(ink: np.ndarray) -> tuple[int, int, int, int]:
    ys, xs = np.nonzero(ink)
    return int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1


def _ring() -> np.ndarray:
    ring = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(ring, 160, 160, 100)
    return ring


def test_an_inner_rings_arc_is_the_stamps():
    arc = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(arc, 160, 160, 60)
    arc[:150, :] = False  # the print's mask cut its upper half off
    assert stamp_drawn(_ring() | arc, [_box(arc)], [_box(_ring())])


def test_lettering_along_the_ring_is_the_stamps():
    band = np.zeros((SIZE, SIZE), dtype=bool)
    ys, xs = np.mgrid[0:SIZE, 0:SIZE]
    distance = np.hypot(xs - 160, ys - 160)
    # letters run together in the band between the rings, over a quarter of the circle
    band[(distance >= 75) & (distance <= 90) & (xs > 170) & (ys > 170) & ((xs + ys) % 9 < 5)] = True
    band[(distance >= 80) & (distance <= 84) & (xs > 170) & (ys > 170)] = True
    assert stamp_drawn(_ring() | band, [_box(band)], [_box(_ring())])


def test_a_pen_stroke_within_the_stamps_disc_is_no_stamps():
    """A signature drawn over a stamp, all inside its disc: it crosses the stamp's bands."""
    pen = np.zeros((SIZE, SIZE), dtype=bool)
    _pen(pen, 90, 190, 5)
    assert not stamp_drawn(_ring() | pen, [_box(pen)], [_box(_ring())])


def test_no_ring_found_proves_nothing():
    arc = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(arc, 160, 160, 60)
    assert not stamp_drawn(arc, [_box(arc)], [])


# bench/signstudy seeds 17, 41, 108: unsigned maker letters with a stamp over or beside the block
# (digital, a 150 dpi scan), once read signed, sure
@pytest.mark.parametrize("seed", [17, 41, 108])
def test_an_unsigned_letter_with_a_stamp_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, signed=False, stamp=True)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result


@pytest.mark.parametrize("seed", [30, 115])
def test_a_signature_near_a_stamp_stays_signed(tmp_path, seed):
    """bench/signstudy seeds 30 and 115: a pen beside or over the block through a stamp (scans)."""
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path)
    assert signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True, result
