"""A round stamp alone on a black-and-white page (fax, 1-bit scan): past the threshold its ring
breaks into arcs that look like a pen's long curved strokes. Strokes that all lie in the band of
one ring (an arc's own circle) prove no signature:
undecided, never signed. A signature over a stamp crosses the stamp's inside: it stays signed."""

from __future__ import annotations

import numpy as np
import pytest

from extractors.signature_arcs import only_ring_arcs, ring_arc
from tests.extractors.signatures_fax import faxed_letter, read_faxed


@pytest.mark.parametrize("seed, dpi, mode, ink, how", [(100, 150, "over", "violet", "bin"),
                                                       (101, 200, "above", "light_blue", "bin"),
                                                       # no whole arc (the ring's left side run into its
                                                       # letters): all its ink in the broken ring's disc
                                                       (104, 200, "over", "light_blue", "fax")])
def test_a_stamp_alone_on_a_black_and_white_page_is_not_called_signed(tmp_path, seed, dpi, mode, ink, how):
    check, _ = read_faxed(faxed_letter(seed, dpi, mode, ink, 1.0, True, False, how), dpi, tmp_path, "stamp")
    assert check is None or check.signed is not True, check


@pytest.mark.parametrize("seed, dpi, mode, ink, how", [(109, 200, "over", "light_blue", "bin"),
                                                       (110, 200, "over", "light_blue", "bin"),
                                                       (111, 200, "over", "light_blue", "bin"),
                                                       (114, 150, "gap", "black", "fax")])
def test_a_signature_over_a_stamp_on_a_black_and_white_page_stays_signed(tmp_path, seed, dpi, mode, ink, how):
    check, _ = read_faxed(faxed_letter(seed, dpi, mode, ink, 1.0, True, True, how), dpi, tmp_path, "signed")
    assert check is not None and check.signed is True, check


def _ring(size: int, centre: tuple[float, float], radius: float, start: float, stop: float) -> np.ndarray:
    ink = np.zeros((size, size), dtype=bool)
    ys, xs = np.mgrid[0:size, 0:size]
    angle = np.arctan2(ys - centre[1], xs - centre[0])
    ink[(np.abs(np.hypot(xs - centre[0], ys - centre[1]) - radius) <= 2) & (angle >= start) & (angle <= stop)] = True
    return ink


def test_an_arc_of_a_stamps_ring_is_found_with_its_circle():
    ink = _ring(300, (150, 150), 100, -1.0, 1.0)
    circle = ring_arc(ink, (0, 0, 300, 300), 20.0)
    assert circle is not None and abs(circle[0] - 150) < 3 and abs(circle[2] - 100) < 3


def test_a_pens_small_loop_or_a_scribble_is_no_ring_arc():
    assert ring_arc(_ring(300, (150, 150), 20, -3.0, 3.0), (0, 0, 300, 300), 20.0) is None  # a loop, pen-sized
    ink = np.zeros((300, 300), dtype=bool)
    for x in range(40, 260):
        y = int(150 + 60 * np.sin(x / 9.0))
        ink[y - 1:y + 2, x] = True
    assert ring_arc(ink, (0, 0, 300, 300), 20.0) is None


def test_a_stroke_crossing_the_stamps_inside_is_not_one_of_its_arcs():
    ink = _ring(300, (150, 150), 100, -1.0, 1.0)
    ink[148:152, 60:240] = True  # a long stroke straight through the stamp's centre
    ink[60:240, 98:102] = True
    assert only_ring_arcs(ink, [(0, 0, 300, 300)], 20.0) is False
    assert only_ring_arcs(_ring(300, (150, 150), 100, -1.0, 1.0), [(0, 0, 300, 300)], 20.0) is True
