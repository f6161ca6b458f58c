"""A round stamp's two rings round its emblem (a star, filled, as tall as a hand's initials): the
inner ring with the emblem inside was taken for a paraph (initials in a loop drawn by hand) and an
unsigned letter with a stamp read "signed". A loop with a second ring about its own centre is a
stamp's (extractors.signature_loops); a hand's paraph, alone, stays a signature."""

from __future__ import annotations

import math

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractors.signature import check_signature
from extractors.signature_loops import stamp_loop

DPI = 150.0
UNIT = 10.5 * DPI / 72  # pixels per text-line height


def _star(draw: ImageDraw.ImageDraw, cx: float, cy: float, radius: float) -> None:
    points = [(cx + (radius if k % 2 == 0 else radius * 0.4) * math.sin(k * math.pi / 5),
               cy - (radius if k % 2 == 0 else radius * 0.4) * math.cos(k * math.pi / 5)) for k in range(10)]
    draw.polygon(points, fill=90)


def _stamp(inner: bool = True) -> Image.Image:
    image = Image.new("L", (700, 420), 255)
    draw = ImageDraw.Draw(image)
    cx, cy = 350, 210
    outer, second = 4.2 * UNIT, 2.7 * UNIT
    draw.ellipse((cx - outer, cy - outer, cx + outer, cy + outer), outline=90, width=3)
    if inner:
        draw.ellipse((cx - second, cy - second, cx + second, cy + second), outline=90, width=2)
    _star(draw, cx, cy, 1.3 * UNIT)
    return image


def test_a_stamps_inner_ring_round_its_star_is_no_paraph():
    check = check_signature(_stamp(), (0, 0, 700 * 72 / DPI, 420 * 72 / DPI), DPI, text_height=10.5)
    assert check.signed is not True, check


def test_a_loop_with_a_second_ring_about_its_centre_is_a_stamps():
    ink = np.asarray(_stamp()) < 200
    outer = (350 - int(4.2 * UNIT), 210 - int(4.2 * UNIT), 350 + int(4.2 * UNIT), 210 + int(4.2 * UNIT))
    inner = (350 - int(2.7 * UNIT), 210 - int(2.7 * UNIT), 350 + int(2.7 * UNIT), 210 + int(2.7 * UNIT))
    assert stamp_loop(ink, outer) and stamp_loop(ink, inner)


def test_a_hand_drawn_loop_round_initials_is_no_stamp():
    image = Image.new("L", (700, 420), 255)
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 110, 450, 310), outline=40, width=3)  # the paraph's loop
    draw.line([(300, 270), (320, 150), (345, 260), (370, 150), (390, 270)], fill=40, width=3)  # an "M"
    ink = np.asarray(image) < 200
    assert not stamp_loop(ink, (250, 110, 451, 311))
    check = check_signature(image, (0, 0, 700 * 72 / DPI, 420 * 72 / DPI), DPI, text_height=10.5)
    assert check.signed is True, check


# bench/signstudy seeds read unsigned (--unsigned): a digital letter (5) and phone photos (22, 28)
# whose stamp beside or over the block has two rings round a star, once read "signed" (paraph)
@pytest.mark.parametrize("seed", [5, 22, 28])
def test_an_unsigned_letter_with_a_two_ringed_stamp_is_not_read_signed(tmp_path, seed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, None, False)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result
