"""Unsigned letters carrying a round stamp (issue 11: "not signed" is asserted only on an empty
area, and a stamp alone is no signature). Cut by the print's mask or run into its emblem, a
stamp's inner ring, star or lettering measure like a pen's long curved strokes; when every such
"stroke" lies within the disc of one stamp, nothing proves a pen: undecided, never signed. A
signature drawn over a stamp leaves its disc: it stays signed."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature_arcs import _ring_with_emblem, inside_stamps

UNIT = 16.0
SIZE = 320


def _circle(ink: np.ndarray, cx: float, cy: float, r: float, width: float = 1.5) -> None:
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    ink[np.abs(np.hypot(xs - cx, ys - cy) - r) <= width] = True


def _star(ink: np.ndarray, cx: float, cy: float, r: float) -> None:
    import cv2

    points = [(cx + (r if k % 2 == 0 else r * 0.4) * math.cos(math.pi * k / 5 - math.pi / 2),
               cy + (r if k % 2 == 0 else r * 0.4) * math.sin(math.pi * k / 5 - math.pi / 2)) for k in range(10)]
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    cv2.fillPoly(canvas, [np.array(points, dtype=np.int32)], 1)
    ink |= canvas.astype(bool)


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


def test_an_inner_rings_arc_inside_a_found_ring_is_the_stamps():
    ring = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(ring, 160, 160, 100)
    arc = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(arc, 160, 160, 60)
    arc[:150, :] = False  # the print's mask cut its upper half off
    assert inside_stamps(ring | arc, [_box(arc)], [_box(ring)], UNIT)


def test_a_pen_stroke_leaving_the_stamps_disc_is_no_stamps():
    ring = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(ring, 160, 160, 100)
    pen = np.zeros((SIZE, SIZE), dtype=bool)
    _pen(pen, 120, 200, 8)  # starts inside the disc, goes out right
    assert not inside_stamps(ring | pen, [_box(pen)], [_box(ring)], UNIT)


def test_a_ring_run_into_its_star_is_found_by_its_circle():
    """A 1-bit page: the ring's outline, its lettering band and the star at its centre one piece."""
    ink = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(ink, 160, 160, 90, 4)
    _star(ink, 160, 160, 40)
    ink[160:166, 70:160] = True  # the star's point run into the ring
    circle = _ring_with_emblem(ink, _box(ink), UNIT)
    assert circle is not None and abs(circle[2] - 90) < 6
    assert inside_stamps(ink, [_box(ink)], [], UNIT, fitted=True)


def test_a_signatures_loops_are_on_no_stamps_circle():
    ink = np.zeros((SIZE, SIZE), dtype=bool)
    _pen(ink, 20, 200, 12)
    assert _ring_with_emblem(ink, _box(ink), UNIT) is None
    assert not inside_stamps(ink, [_box(ink)], [], UNIT, fitted=True)


# bench/signstudy seeds: unsigned maker letters with a stamp over or beside the block, once read
# signed, sure (digital, a 200 dpi 1-bit scan, a 150 dpi scan)
@pytest.mark.parametrize("seed", [17, 41, 14, 108])
def test_an_unsigned_letter_with_a_stamp_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check, letter_kind, make_file, read_pages

    path, kind, info, signed = make_file(seed, tmp_path, stamp=True)
    assert not signed and info["stamp"]
    result = check(path, kind, read_pages(path, kind, tmp_path / "pages"), letter_kind(seed))
    assert result is not None and result.signed is not True, result


def test_a_grey_signature_run_into_a_stamps_ring_stays_signed(tmp_path):
    """bench/signstudy seed 30: a grey pen beside the block drawn through the stamp (scan 150 dpi),
    run into its ring: the ring's box is no square, the pen leaves the disc."""
    from bench.signstudy import check, letter_kind, make_file, read_pages

    path, kind, info, signed = make_file(30, tmp_path)
    assert signed and info["stamp"]
    result = check(path, kind, read_pages(path, kind, tmp_path / "pages"), letter_kind(30))
    assert result is not None and result.signed is True, result


def test_a_stamps_ring_run_into_other_ink_proves_no_lone_stamp():
    ring = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(ring, 160, 160, 100)
    ring[150:156, 10:70] = True  # a pen's stroke run into the ring: its box no square
    arc = np.zeros((SIZE, SIZE), dtype=bool)
    _circle(arc, 160, 160, 60)
    assert not inside_stamps(ring | arc, [_box(arc)], [_box(ring)], UNIT)
