"""Lines of print running through a round stamp, OCR reading only their words beside it: the print
under the stamp, joined to its inner ring and lettering, made long "pen strokes" and an unsigned
letter read "signed". The printed lines carried across the stamp's inside leave no pen's stroke:
undecided, never signed (extractors.signature_stamp_rows). A pen's signature over a stamp with
print through it stays signed."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.signature import check_signature
from extractors.signature_stamp_rows import rows_through_stamps

DPI = 150.0
SCALE = DPI / 72
UNIT = 10.5 * SCALE  # pixels per text-line height
FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"
CENTRE, OUTER, INNER = (420, 200), 4.3 * UNIT, 2.9 * UNIT


def _area(pen: bool = False) -> tuple[Image.Image, tuple]:
    """A stamp (two rings, grey) over two printed lines; the boxes (points) of the words OCR read:
    only those beside the stamp."""
    image = Image.new("L", (820, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, int(UNIT))
    boxes = []
    for y, words in ((160, ("Pour", "le", "Maire,", "Première", "adjointe", "déléguée")),
                     (215, ("Madame", "Anne-Sophie", "LEGALLOIS-BERTRAND"))):
        x = 150
        for word in words:
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, fill=30, font=font)
            if box[2] < CENTRE[0] - OUTER:  # under the stamp, OCR lost it
                boxes.append(tuple(v / SCALE for v in box))
            x = box[2] + int(0.3 * UNIT)
    cx, cy = CENTRE
    for radius, width in ((OUTER, 3), (INNER, 2)):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=110, width=width)
    if pen:  # a signature's loops over the stamp, above and below the lines
        draw.line([(300, 330), (340, 80), (380, 340), (430, 70), (470, 345), (520, 90), (600, 300)], fill=20, width=3)
    return image, tuple(boxes)


def test_a_plain_stamp_over_print_is_no_signature():
    image, boxes = _area()
    check = check_signature(image, (0, 0, 820 / SCALE, 400 / SCALE), DPI, printed=boxes, text_height=10.5)
    assert check.signed is not True, check


def test_a_pen_over_the_stamp_and_its_print_stays_signed():
    image, boxes = _area(pen=True)
    check = check_signature(image, (0, 0, 820 / SCALE, 400 / SCALE), DPI, printed=boxes, text_height=10.5)
    assert check.signed is True, check


def test_a_printed_line_is_carried_across_the_stamps_inside_only():
    ring = (100, 100, 300, 300)  # radius 100 px
    rows = rows_through_stamps([(10, 190, 60, 210), (10, 20, 60, 40), (10, 296, 60, 316)], [ring], 20.0)
    assert rows == [(110, 190, 291, 210)]  # the line through the centre; those above and below pass by


# bench/signstudy seeds read unsigned: a 1-bit scan (14) and, --unsigned, a 150 dpi scan (72) whose
# stamp lies over the block's name and quality, once read "signed"
@pytest.mark.parametrize("seed, signed", [(14, None), (72, False)])
def test_an_unsigned_letter_with_a_stamp_over_its_block_is_not_read_signed(tmp_path, seed, signed):
    from bench.signstudy import check_seed, make_file

    path, kind, info, signed = make_file(seed, tmp_path, None, signed)
    assert not signed and info["stamp"]
    result = check_seed(seed, path, kind, tmp_path / "pages")
    assert result is not None and result.signed is not True, result
