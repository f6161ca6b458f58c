"""A broken stamp's ring run into its lettering (a 1-bit scan): one piece, partly on the ring and
partly inside it, was taken for a pen's long stroke and an unsigned letter read "signed". A
stretch of the ring spanning a wide angle of it, the rest in the lettering's band inside it, is
the stamp's (extractors.signature_ring_cut); a pen's line crossing the ring is not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature_ring_cut import ring_and_lettering

UNIT = 16.0
CIRCLE = (200.0, 200.0, 100.0)


def _arc(ink: np.ndarray, start: float, stop: float) -> None:
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    angle = np.arctan2(ys - CIRCLE[1], xs - CIRCLE[0])
    ink[(np.abs(np.hypot(xs - CIRCLE[0], ys - CIRCLE[1]) - CIRCLE[2]) <= 2) & (angle >= start) & (angle <= stop)] = True


def test_a_stretch_of_the_ring_with_its_letters_is_the_stamps():
    ink = np.zeros((400, 400), dtype=bool)
    _arc(ink, -2.5, 0.5)  # 170 degrees of the ring
    for k in range(8):  # letters along the inside of the ring, touching it
        a = -2.3 + k * 0.35
        x, y = CIRCLE[0] + 85 * math.cos(a), CIRCLE[1] + 85 * math.sin(a)
        ink[int(y) - 7:int(y) + 7, int(x) - 3:int(x) + 3] = True
        ink[int(y) - 1:int(y) + 1, int(x):int(x + 16 * math.cos(a)) or int(x) + 1] = True
        ink[int(y):int(y) + 1, min(int(x), int(x + 16 * math.cos(a))):max(int(x), int(x + 16 * math.cos(a))) + 1] = True
        ink[min(int(y), int(y + 16 * math.sin(a))):max(int(y), int(y + 16 * math.sin(a))) + 1, int(x)] = True
    assert ring_and_lettering(ink, (0, 0, 400, 400), CIRCLE, 0.12, UNIT)


def test_a_pen_line_crossing_the_ring_is_not():
    ink = np.zeros((400, 400), dtype=bool)
    _arc(ink, -0.2, 0.2)  # a short stretch of ring
    for x in range(150, 330):  # a pen's line across the inside to the ring
        y = int(200 + 30 * math.sin(x / 15.0))
        ink[y - 1:y + 2, x] = True
    assert not ring_and_lettering(ink, (0, 0, 400, 400), CIRCLE, 0.12, UNIT)


# bench/signstudy seeds read unsigned on a 1-bit scan: 2 (its own draw) and, --unsigned, 110, a
# stamp's ring broken and run into its lettering, once read "signed"
@pytest.mark.parametrize("seed, signed", [(2, None), (110, False)])
def test_an_unsigned_letter_with_a_ring_run_into_its_lettering_is_not_read_signed(tmp_path, seed, signed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, None, signed)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result
