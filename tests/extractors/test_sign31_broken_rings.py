"""A round stamp's ring broken into pieces (a 1-bit scan, a fax, a light stamp): no piece is
round and no arc alone gives its circle, so its emblem, its lettering or a piece of its ring
measured like a pen's strokes made an unsigned letter "signed". The ring is found by a vote of
the area's ink for a common circle (extractors.signature_rings); strokes that are the stamp's
parts prove no pen: undecided, never signed (nor unsigned). A pen's stroke stays a signature."""

from __future__ import annotations

import math

import numpy as np
import pytest

from extractors.signature_rings import broken_rings

UNIT = 16.0  # pixels per text-line height


def _dashed_ring(ink: np.ndarray, cx: float, cy: float, radius: float, pieces: int, share: float) -> None:
    """A ring kept in `pieces` stretches covering `share` of it (a threshold's broken ring)."""
    ys, xs = np.mgrid[0:ink.shape[0], 0:ink.shape[1]]
    angle = (np.arctan2(ys - cy, xs - cx) + math.pi) / (2 * math.pi) * pieces
    ink[(np.abs(np.hypot(xs - cx, ys - cy) - radius) <= 1.5) & (angle % 1.0 < share)] = True


def test_a_ring_broken_into_short_arcs_is_found_with_its_circle():
    ink = np.zeros((300, 400), dtype=bool)
    _dashed_ring(ink, 210, 150, 80, 24, 0.4)
    rng = np.random.default_rng(3)
    ink[rng.integers(0, 300, 400), rng.integers(0, 400, 400)] = True  # a fax's specks
    rings = broken_rings(ink, UNIT)
    assert rings, rings
    x, y, radius, _ = rings[0]
    assert abs(x - 210) < 4 and abs(y - 150) < 4 and abs(radius - 80) < 5


def test_a_ring_cut_by_the_areas_edge_is_found():
    ink = np.zeros((200, 400), dtype=bool)
    _dashed_ring(ink, 200, 190, 90, 20, 0.5)  # its lower half below the area
    rings = broken_rings(ink, UNIT)
    assert rings and abs(rings[0][2] - 90) < 6, rings


def test_a_signature_and_rows_of_print_make_no_ring():
    import cv2

    ink = np.zeros((300, 500), dtype=bool)
    canvas = np.zeros(ink.shape, dtype=np.uint8)
    points = [(60 + 22 * t + 12 * math.sin(2 * math.pi * t), 150 - 45 * (0.5 - 0.5 * math.cos(2 * math.pi * t)))
              for t in (k / 24 for k in range(6 * 24 + 1))]
    cv2.polylines(canvas, [np.array(points, dtype=np.int32)], False, 1, 2)
    for row in range(200, 290, 24):  # lines of print: letters side by side
        for x in range(40, 460, 9):
            canvas[row:row + 12, x:x + 5] = 1
    assert broken_rings(canvas.astype(bool), UNIT) == []


# bench/signstudy seeds: unsigned maker letters with a round stamp over or beside the block on a
# 1-bit scan (26, 50: a light stamp, its ring nearly gone) or a fax (51), once read signed, sure
@pytest.mark.parametrize("seed", [26, 50, 51])
def test_an_unsigned_letter_with_a_broken_stamp_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is None, result


# bench/signstudy seeds 105 (a fax: a pen's straight stroke lying on the stamp's ring), 176 (a
# digital letter: a pen run into a coloured stamp's whole ring; a 1-bit scan: the pen across the
# ring) and 124 (a 1-bit scan: no stamp, a circle found about the pen's loops): they stay signed
@pytest.mark.parametrize("seed, mode", [(105, None), (176, "digital"), (176, "scan200bw"), (124, "scan200bw")])
def test_a_signature_by_a_broken_stamp_stays_signed(tmp_path, seed, mode):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, mode)
    assert signed
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is True, result
