"""The directions round a centre (extractors.signature_directions), shared by the stamp checks:
the turn wraps at ±π (straight left is one direction, whichever side of it the ink lies), and a
circle cut by the area's edge is judged on the part of it in the area."""

from __future__ import annotations

import math
import random

import cv2
import numpy as np
import pytest
from PIL import Image

from extractors.signature_directions import cover, directions, inked, seen
from extractors.signature_ring_cut import ring_and_lettering
from extractors.signature_rings import broken_rings
from samples.unseen.maker.signatures import stamp_image

UNIT = 10.5 * 150 / 72  # pixels per text-line height at 150 dpi


@pytest.mark.parametrize("count", [48, 72])
def test_straight_left_is_direction_zero_from_either_side_of_pi(count):
    # arctan2 gives +π for (-1, +0.0) and -π for (-1, -0.0): one direction, the first
    assert directions(np.array([-1.0, -1.0]), np.array([0.0, -0.0]), count).tolist() == [0, 0]
    middles = (np.arange(count) + 0.5) / count * 2 * math.pi - math.pi
    assert directions(np.cos(middles), np.sin(middles), count).tolist() == list(range(count))


def test_the_directions_inked_are_counted_once_however_many_pixels_hold_each():
    held = directions(np.array([-40.0, -40.0, -39.0, 40.0]), np.array([0.0, -0.0, -1.0, 0.0]), 72)
    hit = inked(held, 72)
    assert hit.sum() == 2 and hit[0] and hit[36]


def test_a_circle_cut_by_the_areas_left_edge_is_seen_on_its_right_half():
    visible = seen(0.0, 50.0, 20.0, (100, 100), 48)
    assert visible.sum() == 24 and visible[12:36].all()  # the directions pointing right
    hit = np.zeros(48, dtype=bool)
    hit[12:30] = True  # 18 of the 24 seen
    assert cover(hit, visible, 16) == pytest.approx(0.75)
    assert cover(hit, visible, 25) == 0.0  # too little of the circle in the area to tell


def test_every_centre_and_radius_is_seen_at_once():
    cx, cy = np.array([0.0, 50.0])[:, None], np.array([50.0, 50.0])[:, None]
    visible = seen(cx, cy, np.array([20.0, 60.0])[None, :], (100, 100), 48)
    assert visible.shape == (2, 2, 48)
    assert visible[1, 0].all() and visible[0, 0].sum() == 24 and visible[1, 1].sum() < 48


@pytest.mark.parametrize("start", [0, 90, 180, 270])
def test_an_arc_short_of_a_quarter_turn_is_no_stretch_of_a_ring_wherever_it_starts(start):
    """An 82° arc of a ring's circle measures as a pen's stroke touching it, not a stretch of
    the ring (90° at least). Started straight left of the centre, its first row of pixels was
    counted a 73rd direction apart from the first one, and the same arc turned passed."""
    ink = np.zeros((100, 100), np.uint8)
    cv2.ellipse(ink, (50, 50), (40, 40), 0, start, start + 82, 1, 1)
    assert not ring_and_lettering(ink.astype(bool), (0, 0, 100, 100), (50.0, 50.0, 40.0), 0.12, 10.0)
    cv2.ellipse(ink, (50, 50), (40, 40), 0, start, start + 100, 1, 1)
    assert ring_and_lettering(ink.astype(bool), (0, 0, 100, 100), (50.0, 50.0, 40.0), 0.12, 10.0)


@pytest.mark.parametrize("left", [0, -100])
def test_a_makers_stamp_cut_by_the_areas_left_edge_is_found_on_the_part_in_it(left):
    stamp = stamp_image(random.Random(3), "Mairie de Vitré", "Ille-et-Vilaine", [], diameter_px=260,
                        color=(20, 20, 20))
    page = Image.new("L", (500, 400), 255)
    page.paste(stamp.convert("L"), (left, 70), stamp)
    found = broken_rings(np.asarray(page) < 128, UNIT)
    assert found, "no ring found"
    x, y, radius, _ = found[0]
    assert math.hypot(x - (left + 130), y - 200) < 0.1 * 130 and abs(radius - 130) < 0.1 * 130
