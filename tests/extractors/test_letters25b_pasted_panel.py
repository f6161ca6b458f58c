""""Not signed" is not asserted over a pasted signature picture: a panel of the scan's grey paper
in the signatory block, its ink too pale to be told from the panel's grain (a light pen scanned,
pasted, printed, photographed), shows something was put there. Print, shading and an empty block
are no panel."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from extractors.signature import check_signature
from extractors.signature_panel import pasted_panel
from tests.extractors.test_signature import DPI, SCALE, TEXT_HEIGHT, ZONE, blank, handwriting, printed, px


def _block(panel: int | None = None, ink: int | None = None) -> tuple[Image.Image, tuple]:
    image = blank(246)
    boxes = [printed(image, 330, 410, "Le Maire"), printed(image, 330, 482, "Patrice KERBRAT")]
    if panel is not None:
        draw = ImageDraw.Draw(image)
        draw.rectangle((*px(345, 428), *px(480, 472)), fill=panel)
    if ink is not None:
        image = handwriting(image, 380, 440, ink=ink, width=2, size=0.8)
    return image, tuple(boxes)


def _photographed(image: Image.Image) -> Image.Image:
    """Soft focus and a shadow growing toward the right edge, as a phone's photo of the sheet."""
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(1.2)), dtype=np.float32)
    shade = np.clip((np.arange(pixels.shape[1]) - pixels.shape[1] * 0.7) / (pixels.shape[1] * 0.3), 0, 1)
    return Image.fromarray((pixels * (1 - 0.35 * shade)).astype(np.uint8))


def test_a_pasted_panel_with_pale_ink_is_not_called_unsigned():
    image, boxes = _block(panel=214, ink=200)
    check = check_signature(image, ZONE, DPI, printed=boxes, text_height=TEXT_HEIGHT)
    assert check.signed is not False, check.detail


def test_a_photographed_pasted_panel_is_not_called_unsigned():
    image, boxes = _block(panel=214, ink=200)
    check = check_signature(_photographed(image), ZONE, DPI, printed=boxes, text_height=TEXT_HEIGHT)
    assert check.signed is not False, check.detail


def test_an_empty_block_stays_unsigned_even_photographed():
    image, boxes = _block()
    assert check_signature(image, ZONE, DPI, printed=boxes, text_height=TEXT_HEIGHT).signed is False
    assert check_signature(_photographed(image), ZONE, DPI, printed=boxes, text_height=TEXT_HEIGHT).signed is False


def test_rows_of_print_and_shading_are_no_panel():
    image = blank(246)
    for row in range(6):
        printed(image, 60, 300 + row * 16, "Veuillez agréer, Madame, Monsieur, l'assurance de ma considération")
    gray = np.asarray(_photographed(image))
    crop = gray[int(280 * SCALE):int(420 * SCALE), int(40 * SCALE):int(560 * SCALE)]
    assert pasted_panel(crop, TEXT_HEIGHT * SCALE) is None


def test_a_panel_is_found_by_its_edges():
    image, _ = _block(panel=214)
    gray = np.asarray(image)
    x0, y0, x1, y1 = (int(v * SCALE) for v in ZONE)
    box = pasted_panel(gray[y0:y1, x0:x1], TEXT_HEIGHT * SCALE)
    assert box is not None
    assert abs(box[1] + y0 - 428 * SCALE) <= TEXT_HEIGHT * SCALE
