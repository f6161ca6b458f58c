"""A page holding one or two lines (a fiche's "Fait à …" page, a letter's last page) is read."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.orientation import rotated_free
from extractors.ocr.page import ocr_page
from extractors.ocr.second_reading import with_missed_text
from tests.extractors.letters import photographed_signatory_block

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


def grey_scan_with_one_line(paper: int, angle: float) -> Image.Image:
    """A 150 dpi scan of a sheet whose paper reads grey, one line near its top, a little skewed."""
    image = Image.new("L", (1240, 1650), paper)
    ImageDraw.Draw(image).text((150, 160), "Fait à Les Aix-d'Angillon, le 23.10.2026", fill=30,
                                font=ImageFont.truetype(FONT, 30))
    return image.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=paper)


def test_a_levelled_pages_uncovered_corners_take_the_papers_grey():
    page = grey_scan_with_one_line(223, 0.0)
    turned = np.asarray(rotated_free(page, 2.0))
    assert turned[0, 0] == turned[-1, -1] == 223


def test_the_one_line_of_a_skewed_grey_scan_is_read(engine):
    """White corners beside grey paper made Tesseract's threshold take the paper for ink."""
    page = ocr_page(grey_scan_with_one_line(223, -0.8), engine, number=3, dpi=150)
    assert "Aix-d'Angillon," in page.text and "23.10.2026" in page.text, page.text


def test_a_page_whose_first_reading_found_nothing_is_read_again(engine):
    """A letter's last page: its only block (quality, signature, stamp, name) taken for a picture
    left no word to measure the text's height by; the page's own ink tells it."""
    image, _ = photographed_signatory_block(px_per_point=1.8)
    block = image.crop((0, 300, image.width, image.height))
    last_page = Image.new("L", (image.width, 1500), int(np.median(np.asarray(block))))
    last_page.paste(block, (0, 60))  # the block alone at the top of a page, as a letter's last page
    words = with_missed_text([], last_page, engine)
    assert {"Henri", "Vernhet"} <= {w.text for w in words}, [w.text for w in words]


def test_a_blank_page_is_not_read_again(engine):
    blank = Image.new("L", (900, 1200), 240)
    assert with_missed_text([], blank, engine) == []
