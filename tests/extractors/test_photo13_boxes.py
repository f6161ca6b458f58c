"""Check boxes of a small photographed page: an empty box whose side touches a table's faint rule
is read empty (its window, found inside the larger shape of rule and box, may sit a pixel off)."""

from __future__ import annotations

import email
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from extractors.checkboxes import find_boxes
from extractors.ocr.page import prepared_page

TUNE_PHOTO = Path(__file__).parents[2] / "samples/unseen/tune/07_saint-andre_official_photo_eml/input/candidature1.eml"


def photographed_programmes() -> Image.Image:
    """The fiche's programme boxes on a generated phone photo (tune 07, 959 x 1302 px), levelled
    as OCR reads it: "Action cœur de ville"'s empty box touches the faint rule above it."""
    message = email.message_from_bytes(TUNE_PHOTO.read_bytes())
    part = next(p for p in message.walk() if p.get_filename() == "IMG_20260922_135846.jpg")
    photo = Image.open(io.BytesIO(part.get_payload(decode=True))).convert("L")
    return prepared_page(photo, number=1, dpi=72).level.crop((280, 470, 480, 650))


def test_an_empty_box_touching_a_rule_on_a_photo_is_read_empty():
    boxes = sorted(find_boxes(photographed_programmes(), 16), key=lambda b: b.top)
    # Gestion des risques (ticked), Autre (préciser), then the programmes: Action cœur de ville,
    # Petites villes de demain, Villages d'avenir, Territoires d'industrie (ticked), Aucun
    assert [b.ticked for b in boxes] == [True, False, False, False, False, True, False], boxes


def small_column_of_boxes(ticked: tuple[bool, ...] = (False, False, False, False)) -> Image.Image:
    """Boxes of 12 px (a 100 dpi sheet) one under the other in a table cell; the first box's
    top side lies on the faint rule that closes the row above."""
    image = Image.new("L", (260, 140), 250)
    draw = ImageDraw.Draw(image)
    draw.line((0, 13, 259, 13), fill=205, width=2)  # the row's rule, faint on a photo
    draw.line((8, 0, 8, 139), fill=205, width=2)  # the cell's left rule
    for i, tick in enumerate(ticked):
        top = 14 + 28 * i
        draw.rectangle((30, top, 41, top + 11), outline=60, width=1)
        if tick:
            draw.rectangle((32, top + 2, 39, top + 9), fill=30)
        draw.text((50, top), "Action coeur de ville", fill=40)
    return image.filter(ImageFilter.GaussianBlur(0.8))


def test_a_ticked_box_on_a_faint_rule_stays_ticked():
    boxes = sorted(find_boxes(small_column_of_boxes((True, False, True, False)), 16), key=lambda b: b.top)
    assert [b.ticked for b in boxes] == [True, False, True, False], boxes
