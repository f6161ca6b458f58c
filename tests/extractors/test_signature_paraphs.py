"""Initials drawn by hand inside a loop (a paraph) are a signature, not a stamp."""

from __future__ import annotations

import math
import random

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.signature import check_signature

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ZONE = (150.0, 400.0, 560.0, 560.0)


def _page(dpi: int) -> tuple[Image.Image, list[tuple[float, ...]]]:
    scale = dpi / 72
    image = Image.new("RGB", (int(595 * scale), int(842 * scale)), (250, 250, 248))
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, int(10.5 * scale))
    boxes = []
    for y, text in ((420, "Le Maire,"), (495, "Jean DUPONT")):
        draw.text((300 * scale, y * scale), text, fill=(0, 0, 0), font=font)
        boxes.append(tuple(v / scale for v in draw.textbbox((300 * scale, y * scale), text, font=font)))
    return image, boxes


def _paraph(image: Image.Image, dpi: int, seed: int, ink: tuple[int, int, int], width: int) -> None:
    """A wobbly loop of a pen, a little more than one turn, round two tall hooked initials (a
    pen stroke each, shorter than a signature's run: alone, neither would say signed)."""
    rng, scale = random.Random(seed), dpi / 72
    draw = ImageDraw.Draw(image)
    cx, cy, r = 350 * scale, 465 * scale, rng.uniform(20, 26) * scale
    start = rng.uniform(0, 2 * math.pi)
    loop = [(cx + r * (1 + rng.gauss(0, 0.02)) * math.cos(start + a / 20),
             cy + r * 0.95 * (1 + rng.gauss(0, 0.02)) * math.sin(start + a / 20)) for a in range(0, 140)]
    draw.line(loop, fill=ink, width=width, joint="curve")
    for dx in (-11, 3):
        top, bottom = cy - rng.uniform(12, 15) * scale, cy + rng.uniform(12, 15) * scale
        x = cx + dx * scale
        draw.line([(x + 1 * scale, top), (x, bottom), (x + 6 * scale, bottom - 3 * scale)],
                  fill=ink, width=width, joint="curve")


@pytest.mark.parametrize("dpi", [150, 200, 300])
@pytest.mark.parametrize("seed", range(3))
def test_initials_drawn_in_a_loop_are_a_signature(dpi, seed):
    image, boxes = _page(dpi)
    ink = ((20, 20, 30), (40, 60, 160), (120, 120, 125))[seed]
    _paraph(image, dpi, seed, ink, width=max(1, dpi // 100))
    check = check_signature(image, ZONE, dpi, printed=tuple(boxes), text_height=10.5)
    assert check.signed is True, check.detail


def test_a_stamp_with_its_lettering_and_inner_ring_stays_no_signature():
    from tests.extractors.test_signature import DPI, ZONE as STAMP_ZONE, blank, stamp

    image = stamp(blank(), 360, 460)
    check = check_signature(image, STAMP_ZONE, DPI, text_height=10.5)
    assert check.signed is False
