"""OCR with real Tesseract: skew and orientation are undone, boxes land where the words are."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.ocr.engine import TesseractEngine
from extractors.ocr.inverted_bands import reversed_bands_inverted
from extractors.ocr.orientation import ascender_balance, estimate_skew, upright_by_letters
from extractors.ocr.page import ocr_page
from extractors.ocr.second_reading import with_missed_text
from extractors.pages import ocr_pages
from tests.extractors.letters import photographed_signatory_block

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
LINES = [
    "FICHE DE CANDIDATURE",
    "SECTION 1 - LES PORTEURS DE L'ATELIER",
    "Service de l'État pilote : DDT d'Ille-et-Vilaine",
    "Collectivité porteuse : Commune de Vitré",
    "Présentation du projet et de la problématique",
    "Revitalisation du centre-bourg et des entrées de ville",
]


def drawn_page(lines: list[str], size: tuple[int, int], font_size: int, left: int, top: int,
               step: int) -> Image.Image:
    """A white page with these lines printed black, one every `step` pixels."""
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_size)
    for i, line in enumerate(lines):
        draw.text((left, top + i * step), line, fill=0, font=font)
    return image


def page_image() -> Image.Image:
    """A white A5-like page with six lines of French text, 200 dpi."""
    return drawn_page(LINES, (1400, 1000), 34, 90, 120, 120)


def _box(page, text):
    matches = [w for w in page.words if w.text == text]
    assert matches, f"{text!r} not read in {page.text!r}"
    return page.to_page(matches[0].bbox)


def _close(a, b, tolerance=4.0):
    return all(abs(x - y) <= tolerance for x, y in zip(a, b))


@pytest.fixture(scope="module")
def upright(engine):
    return ocr_page(page_image(), engine, number=1, dpi=DPI)


def test_upright_page_is_read_with_boxes_in_points(upright):
    assert "CANDIDATURE" in upright.text and "Vitré" in upright.text
    assert upright.rotation == 0 and upright.ocr
    assert upright.width == pytest.approx(1400 * 72 / DPI)
    x0, top, x1, bottom = _box(upright, "Vitré")
    assert 0 < x0 < x1 < upright.width and 0 < top < bottom < upright.height
    assert upright.confidence > 0.8


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_page_is_read_upright_and_boxes_map_back(engine, upright, turn):
    turned = page_image().rotate(turn, expand=True)  # PIL turns counter-clockwise
    page = ocr_page(turned, engine, number=1, dpi=DPI)
    assert "CANDIDATURE" in page.text
    assert page.rotation == (360 - turn) % 360
    w, h = upright.width, upright.height
    x0, top, x1, bottom = _box(upright, "Vitré")
    expected = {
        90: (top, w - x1, bottom, w - x0),
        180: (w - x1, h - bottom, w - x0, h - top),
        270: (h - bottom, x0, h - top, x1),
    }[turn]
    assert _close(_box(page, "Vitré"), expected), (_box(page, "Vitré"), expected)


def test_skew_is_measured_and_removed(engine, upright):
    angle = 2.0
    skewed = page_image().rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert estimate_skew(skewed) == pytest.approx(angle, abs=0.3)
    page = ocr_page(skewed, engine, number=1, dpi=DPI)
    assert "Vitré" in page.text and "CANDIDATURE" in page.text
    # Where the word's centre went when the page was skewed (about the page centre, CCW).
    x0, top, x1, bottom = _box(upright, "Vitré")
    cx, cy = (x0 + x1) / 2 - upright.width / 2, (top + bottom) / 2 - upright.height / 2
    theta = math.radians(angle)
    ex = cx * math.cos(theta) + cy * math.sin(theta) + page.width / 2
    ey = -cx * math.sin(theta) + cy * math.cos(theta) + page.height / 2
    bx0, btop, bx1, bbottom = _box(page, "Vitré")
    assert abs((bx0 + bx1) / 2 - ex) < 4 and abs((btop + bbottom) / 2 - ey) < 4


def test_blank_page_has_no_skew_and_no_words(engine):
    blank = Image.new("L", (800, 1000), 255)
    assert estimate_skew(blank) == 0.0
    assert ocr_page(blank, engine, number=3, dpi=DPI).words == ()


class CountingEngine(TesseractEngine):
    """Real Tesseract, counting the sparse second readings and the pixels they cost."""

    def __init__(self):
        super().__init__()
        self.sparse_pixels: list[int] = []

    def sparse_words(self, image):
        self.sparse_pixels.append(image.width * image.height)
        return super().sparse_words(image)


def test_a_signatory_block_the_layout_dropped_is_read_again():
    image, _ = photographed_signatory_block(px_per_point=1.8)
    engine = CountingEngine()
    first = engine.words(image)
    quality = next(w for w in first if w.text.startswith("Maire"))
    # What Tesseract's layout does to such a block on a photo: drop it, signature, stamp and all.
    dropped = [w for w in first if w.top < quality.top - quality.height]
    assert not any("Vernhet" in w.text for w in dropped)
    words = with_missed_text(dropped, image, engine)
    added = {w.text: w for w in words if w not in dropped}
    assert {"Le", "Maire,", "Henri", "Vernhet"} <= set(added), sorted(added)
    # Nothing made up from the stamp's ring or the signature's loops.
    assert set(added) <= {"Le", "Maire,", "Henri", "Vernhet"}, sorted(added)
    # Boxes on the page image, and the words of one printed line on one line.
    henri, vernhet = added["Henri"], added["Vernhet"]
    assert henri.line == vernhet.line != added["Le"].line
    assert abs(henri.left - 345 * 1.8) < 12 and abs(henri.top - 264 * 1.8) < 12
    # One small extra reading, not a second page.
    assert len(engine.sparse_pixels) == 1 and engine.sparse_pixels[0] < 0.25 * image.width * image.height


class BlockDroppingEngine(CountingEngine):
    """Tesseract as its layout treats a signatory block on a photo: the block's words dropped."""

    def __init__(self):
        super().__init__()
        self.batches: list[int] = []

    def words(self, image):
        first = super().words(image)
        quality = next((w for w in first if w.text.startswith("Maire")), None)
        return first if quality is None else [w for w in first if w.top < quality.top - quality.height]

    def sparse_words_each(self, images):
        self.batches.append(len(images))
        return super().sparse_words_each(images)


def test_the_missed_lines_of_several_pages_are_read_in_one_tesseract_start():
    image, _ = photographed_signatory_block(px_per_point=1.8)
    alone = ocr_page(image, BlockDroppingEngine(), number=1, dpi=72 * 1.8)
    assert "Vernhet" in alone.text
    engine = BlockDroppingEngine()
    pages = ocr_pages(iter([(n, image, 72 * 1.8) for n in (1, 2, 3)]), engine, workers=2)
    assert engine.batches == [3] and engine.sparse_pixels == []  # one process for the three pages' missed lines
    assert [pages[n] for n in (1, 2, 3)] == [replace(alone, number=n) for n in (1, 2, 3)]


def test_a_page_read_whole_costs_no_second_reading():
    engine = CountingEngine()
    page = ocr_page(page_image(), engine, number=1, dpi=DPI)
    assert "Vitré" in page.text
    assert engine.sparse_pixels == []


def test_headings_in_reversed_video_are_read():
    image = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for i, heading in enumerate(("ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", "SECTION 4 – LES OBJECTIFS DE L'ATELIER")):
        top = 100 + 300 * i
        draw.polygon([(80, top), (1320, top - 6), (1320, top + 38), (80, top + 44)], fill=25)  # slanted: a photo
        draw.text((95, top + 4), heading, fill=235, font=font)
        draw.text((95, top + 80), "Saint-Affrique compte 7 941 habitants.", fill=0, font=font)
    page = ocr_page(image.filter(ImageFilter.GaussianBlur(1.2)), TesseractEngine(), number=1, dpi=DPI)
    assert "DYNAMIQUES DU TERRITOIRE" in page.text and "LES OBJECTIFS DE" in page.text, page.text
    assert "Saint-Affrique" in page.text


def test_a_reversed_band_becomes_dark_text_on_paper_without_a_frame():
    image = Image.new("L", (1400, 1900), 240)  # a page's proportions: a band is low on it
    draw = ImageDraw.Draw(image)
    draw.polygon([(80, 100), (1320, 94), (1320, 138), (80, 144)], fill=25)  # slanted, as on a photo
    draw.text((95, 104), "ANNEXE 1 – LES DYNAMIQUES DU TERRITOIRE", fill=235, font=ImageFont.truetype(FONT, 30))
    plain = reversed_bands_inverted(image.filter(ImageFilter.GaussianBlur(1.0)))
    pixels = np.asarray(plain)
    band = pixels[96:142, 80:1320]
    assert band.mean() > 170  # mostly paper now
    assert (band < 100).mean() > 0.05  # with dark letters on it
    # No dark outline left where the band's edge was: every row around it is mostly paper.
    for row in list(range(88, 100)) + list(range(138, 150)):
        assert (pixels[row, 90:1310] < 128).mean() < 0.3, row


PROSE = [
    "Monsieur le Préfet, la commune souhaite accueillir un atelier flash",
    "afin de réfléchir avec les habitants au devenir du centre-bourg, dont",
    "les commerces ferment les uns après les autres depuis quelques années.",
    "Le conseil municipal a délibéré le quatorze février et soutient la",
    "candidature ; la communauté de communes y est également favorable.",
    "Nous joignons à ce courrier la fiche de candidature complétée ainsi",
    "que les pièces demandées, et restons à votre disposition pour tout",
    "complément. Veuillez agréer, Monsieur le Préfet, l'expression de",
    "notre considération distinguée. Le Maire, Jean-Philippe Godefroy",
]


def prose_page() -> Image.Image:
    """A letter's paragraph, 200 dpi: lower-case print with its ascenders and descenders."""
    return drawn_page(PROSE, (1400, 1100), 30, 70, 80, 105)


def test_letters_tell_a_page_upright_from_one_upside_down():
    page = prose_page()
    assert upright_by_letters(page)
    assert not upright_by_letters(page.rotate(180))
    balance, marks = ascender_balance(page)
    turned_balance, _ = ascender_balance(page.rotate(180))
    assert marks >= 60 and balance > 0.2 and turned_balance < -0.2
    assert not upright_by_letters(Image.new("L", (1400, 1100), 255))  # nothing to tell by


class _PoorReadings(TesseractEngine):
    """Real Tesseract whose first readings come back unsure (as on a faint photo), counting OSD calls."""

    def __init__(self):
        super().__init__("fra", timeout=120)
        self.orientation_calls = 0

    def words(self, image):
        return [replace(w, conf=w.conf * 0.5) for w in super().words(image)]

    def orientation(self, image):
        self.orientation_calls += 1
        return super().orientation(image)


def test_a_poor_reading_of_an_upright_page_asks_no_orientation():
    engine = _PoorReadings()
    page = ocr_page(prose_page(), engine, number=1, dpi=DPI)
    assert engine.orientation_calls == 0 and page.rotation == 0 and "candidature" in page.text


def test_a_poor_reading_of_a_page_upside_down_still_turns_it():
    engine = _PoorReadings()
    page = ocr_page(prose_page().rotate(180), engine, number=1, dpi=DPI)
    assert engine.orientation_calls == 1 and page.rotation == 180 and "candidature" in page.text
