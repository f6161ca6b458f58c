"""A coloured stamp over the typed signatory block: red ink is as dark in grey as the title
under it, so the block is read again with the coloured ink taken off (real Tesseract)."""

from __future__ import annotations

import math

from PIL import Image, ImageDraw, ImageFont

from extractors.fields import Piece, letter_zones
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from tests.extractors.letters import prefet_letter

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PREFET = PieceKind.COURRIER_PREFET
RED = (175, 25, 35)  # grey ~70: darker than dark_ink's level, as a real préfecture stamp can be


def _colour_scan(tmp_path, reading, stamp) -> str:
    """The letter printed black on a 150 dpi colour scan, a round stamp of `stamp` colour over its title."""
    scale = 150 / 72
    image = Image.new("RGB", (round(595 * scale), round(842 * scale)), (250, 248, 242))
    draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, round(10.5 * scale))
    small = ImageFont.truetype(FONT, round(6 * scale))
    title = None
    for word in reading.pages[0].words:
        draw.text((word.bbox[0] * scale, word.bbox[1] * scale), word.text, fill=(20, 20, 20), font=font)
        if word.text.lower().startswith("préfet"):
            title = word.bbox
    cx, cy, r = (title[0] + 20) * scale, (title[1] + 6) * scale, 34 * scale
    for radius in (r, r - 5 * scale):
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=stamp, width=round(2.5 * scale))
    for k, letter in enumerate("PRÉFECTURE DE LA SARTHE"):
        angle = math.pi + k * (math.pi / 22)
        draw.text((cx + (r - 12) * math.cos(angle), cy + (r - 12) * math.sin(angle)), letter, fill=stamp, font=small)
    for dy in (-8, -2, 4):  # the stamp's inner lettering, across the typed title
        draw.text((cx - 40 * scale, cy + dy * scale), "RÉPUBLIQUE FRANÇAISE", fill=stamp, font=font)
    path = tmp_path / "prefet.png"
    image.save(path, dpi=(150, 150))
    return str(path)


def _block(tmp_path, stamp) -> str:
    from worker.core.signatures import block_lines, ink_check

    reading = read_letter(PREFET, "prefet.png", (prefet_letter(ocr=True, conf=0.6),))
    zone = letter_zones([Piece(PREFET, "prefet.png", reading.pages)])[0]
    _, crop = ink_check(_colour_scan(tmp_path, reading, stamp), "image", reading.pages[0], zone, 10**8)
    assert crop is not None
    return " ".join(block_lines([crop])[0])


def test_a_red_stamp_over_the_title_is_taken_off_before_the_block_is_read(tmp_path):
    assert "préfet" in _block(tmp_path, RED).lower()


def test_the_colourless_page_is_read_as_before(tmp_path):
    from worker.core.signatures import coloured_ink_whitened

    assert coloured_ink_whitened(Image.new("RGB", (40, 40), (120, 120, 120))) is None
    assert coloured_ink_whitened(Image.new("L", (40, 40), 120)) is None


DULL_VIOLET = (120, 95, 150)  # a violet stamp as a phone photo renders it: little more coloured than grey


def _warm_photo(path: str) -> str:
    """The scan as a phone photo under warm light: the paper yellowed, every ink dulled."""
    import numpy as np

    pixels = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) * np.array([0.85, 0.79, 0.68])
    Image.fromarray(pixels.clip(0, 255).astype(np.uint8)).save(path, dpi=(150, 150))
    return path


def test_a_dull_stamp_on_a_warm_photo_is_taken_off_relative_to_the_papers_tint(tmp_path):
    from worker.core.signatures import block_lines, coloured_ink_whitened, ink_check

    reading = read_letter(PREFET, "prefet.png", (prefet_letter(ocr=True, conf=0.6),))
    zone = letter_zones([Piece(PREFET, "prefet.png", reading.pages)])[0]
    path = _warm_photo(_colour_scan(tmp_path, reading, DULL_VIOLET))
    whitened = coloured_ink_whitened(Image.open(path))
    assert whitened is not None
    # the paper's yellow is no ink: the page stays paper where nothing is printed
    assert whitened.getpixel((5, 5)) < 255
    _, crop = ink_check(path, "image", reading.pages[0], zone, 10**8)
    assert crop is not None
    assert "préfet" in " ".join(block_lines([crop])[0]).lower()
