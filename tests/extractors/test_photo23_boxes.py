"""Small check boxes of a sheet photographed whole (12 px): a tick whose stroke passes the frame by
a pixel leaves a shape one pixel wider than its box, no square: the box is looked for inside it.
The first letter of a box's label, blurred into a frame of its own, is no box."""

from __future__ import annotations

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.checkboxes import find_boxes

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def column_of_boxes(ticked: tuple[bool, ...], past: int = 2) -> Image.Image:
    """Boxes of 12 px one under the other, a label after each; a ticked box holds a ✓ whose long
    stroke ends `past` pixels past its right side (a phone photo's blur, or a hand's tick)."""
    image = Image.new("L", (300, 40 + 26 * len(ticked)), 248)
    draw = ImageDraw.Draw(image)
    for i, tick in enumerate(ticked):
        left, top = 30, 20 + 26 * i
        draw.rectangle((left, top, left + 11, top + 11), outline=70, width=1)
        if tick:
            draw.line((left + 3, top + 6, left + 5, top + 9), fill=40, width=2)
            draw.line((left + 5, top + 9, left + 11 + past, top + 3), fill=40, width=2)
        draw.text((left + 17, top), "Site ou ilot", fill=50)
    return image.filter(ImageFilter.GaussianBlur(0.7))


def test_a_small_ticked_box_whose_tick_passes_its_side_is_found_ticked():
    ticked = (False, True, False, True, False, False)
    boxes = sorted(find_boxes(column_of_boxes(ticked), 12), key=lambda b: b.top)
    assert [(b.left // 4, b.ticked) for b in boxes] == [(30 // 4, t) for t in ticked], boxes


def labelled_boxes(label: str, rows: int = 4) -> Image.Image:
    """Empty 12 px boxes, each followed closely by `label` in letters as tall as the box."""
    image = Image.new("L", (300, 40 + 26 * rows), 248)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 16)
    for i in range(rows):
        left, top = 30, 20 + 26 * i
        draw.rectangle((left, top, left + 11, top + 11), outline=70, width=1)
        draw.text((left + 15, top - 2), label, fill=50, font=font)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def test_the_first_letter_of_a_small_box_s_label_is_no_box():
    # blurred, the "S" of one row frames a window of a box's size, level with a box
    boxes = find_boxes(labelled_boxes("Site ou îlot"), 12)
    assert [b.left for b in boxes] == [29] * 4, boxes


def boxes_under_a_broken_rule() -> Image.Image:
    """A small page (a sheet photographed whole): a table's faint rule two pixels thick, its
    lower row broken into dashes as a blurred photo's thresholding leaves it, runs along the top
    of a cell's first box and touches it; two more boxes under it."""
    image = Image.new("L", (800, 1100), 248)
    draw = ImageDraw.Draw(image)
    draw.line((0, 96, 799, 96), fill=170, width=1)
    for x in range(0, 800, 43):  # the rule's lower row: dashes longer than three boxes
        draw.line((x, 97, x + 39, 97), fill=185)
    for i in range(3):
        left, top = 300, 98 + 22 * i
        draw.rectangle((left, top, left + 11, top + 11), outline=70, width=1)
        draw.text((left + 17, top), "Revitalisation du centre", fill=50)
    draw.line((280, 90, 280, 200), fill=150, width=1)  # the cell's left rule
    return image.filter(ImageFilter.GaussianBlur(0.6))


def test_a_small_box_under_a_faint_broken_rule_is_found():
    boxes = sorted(find_boxes(boxes_under_a_broken_rule(), 18), key=lambda b: b.top)
    assert [(abs(b.left - 300) <= 2, (b.top + 2) // 22) for b in boxes] == [(True, 4), (True, 5), (True, 6)], boxes
    assert not any(b.ticked for b in boxes), boxes
