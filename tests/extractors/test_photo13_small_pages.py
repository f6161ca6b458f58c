"""Pages of small letters (a phone photo of a whole sheet, ~100 dpi): read enlarged, rules off
and light evened out, their words boxed back on the page's own pixels; ordinary pages read as
they are."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors.ocr.engine import RawWord
from extractors.ocr.page import ocr_page
from extractors.ocr.resolution import (
    enlargement,
    evenly_lit,
    for_reading,
    honest_confidence,
    letter_height,
    words_on_page,
)

SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
ROWS = [
    ("Région", "Pays de la Loire"),
    ("Secteur d'étude", "Le centre ancien et les quais"),
    ("Intitulé de l'Atelier", "Redonner vie au centre bourg"),
    ("Nom et prénom", "Jean-Pierre Fontaine"),
    ("Fonction", "Chargé de mission urbanisme"),
    ("Téléphone", "02 40 55 18 32"),
    ("Commune", "Saint-Julien-de-Concelles"),
    ("Programme", "Petites villes de demain"),
]


def photographed_table(scale: float = 1.0, font_px: int = 13, shadow: bool = True, ruled: bool = True,
                       columns: bool = True) -> Image.Image:
    """A fiche's ruled two-column table on an A4 sheet at 100 dpi x `scale`, photographed:
    soft focus, a shadow over its answers' column, sensor noise, JPEG."""
    size = (round(827 * scale), round(1169 * scale))
    image = Image.new("L", size, 250)
    draw = ImageDraw.Draw(image)
    label, answer = (ImageFont.truetype(font, round(font_px * scale)) for font in (SANS, SERIF))
    left, mid, right, top, row = (round(v * scale) for v in (70, 300, 760, 150, 46))
    draw.text((left, top - round(50 * scale)), "SECTION 1 - LES PORTEURS DE L'ATELIER", fill=20, font=label)
    for i, (name, value) in enumerate(ROWS):
        y = top + i * row + round(8 * scale)
        draw.text((left + round(6 * scale), y), name, fill=25, font=label)
        draw.text((mid + round(6 * scale), y), value, fill=25, font=answer)
    width = max(1, round(scale)) if ruled else 0
    for i in range(len(ROWS) + 1 if ruled else 0):
        draw.line((left, top + i * row, right, top + i * row), fill=40, width=width)
    for x in (left, mid, right) if ruled and columns else ():
        draw.line((x, top, x, top + len(ROWS) * row), fill=40, width=width)
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(0.7 * scale))).astype(np.float32)
    if shadow:  # a hand's shadow falls over the right half of the sheet
        xs = np.linspace(0, 1, size[0])[None, :]
        pixels *= 1 - 0.45 * np.clip((xs - 0.45) / 0.15, 0, 1)
    pixels += np.random.default_rng(0).normal(0, 4, pixels.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=70)
    return Image.open(io.BytesIO(out.getvalue())).convert("L")


def test_letters_tell_a_small_page_from_a_scan():
    small, scan = letter_height(photographed_table()), letter_height(photographed_table(scale=3.0))
    assert small is not None and small < 13 and scan is not None and scan > 25
    assert enlargement(photographed_table()) == 2.0
    assert enlargement(photographed_table(scale=2.0)) == 1.0  # a 200 dpi fax or scan: read as it is
    assert enlargement(photographed_table(scale=3.0)) == 1.0
    assert enlargement(Image.new("L", (827, 1169), 255)) == 1.0  # a blank page: nothing to measure


def test_a_shadow_is_evened_out_without_a_grey_band_at_its_edge():
    page = np.asarray(evenly_lit(photographed_table()))
    lit, shadowed = page[60:120, 100:250], page[60:120, 700:800]  # blank paper, above the table
    assert abs(float(np.median(lit)) - float(np.median(shadowed))) < 12
    edge = page[60:120, 370:500]  # the shadow's edge
    assert float(np.percentile(edge, 5)) > 200


def test_the_answers_of_a_small_photographed_table_are_read(engine):
    page = ocr_page(photographed_table(), engine, number=1, dpi=100)
    text = " ".join(w.text for w in page.words)
    missing = [value for _, value in ROWS if value not in text]
    assert len(missing) <= 1, f"{missing} not read in {text!r}"


class _Recording:
    """An engine that reads one word, boxed where the image read has it, and keeps the image's size."""

    def __init__(self):
        self.sizes: list[tuple[int, int]] = []

    def words(self, image):
        self.sizes.append(image.size)
        f = image.width / 827
        box = (round(300 * f), round(160 * f), round(120 * f), round(14 * f))
        return [RawWord("Loire", *box, 0.93, (1, 1, 1))] * 1 + [
            RawWord(t, round((70 + 60 * i) * f), round(100 * f), round(50 * f), round(13 * f), 0.9, (1, 1, 2))
            for i, t in enumerate(("Section", "porteurs", "atelier", "fiche", "candidature"))]

    def words_each(self, images):
        return [self.words(image) for image in images]

    def sparse_words(self, image):
        return []

    def sparse_words_each(self, images):
        return [[] for _ in images]

    def orientation(self, image):
        return 0, 0.0


def test_an_enlarged_reading_is_boxed_on_the_page_as_received():
    engine = _Recording()
    page = ocr_page(photographed_table(shadow=False), engine, number=1, dpi=100)
    assert engine.sizes[0] == (1654, 2338)  # read twice as large
    assert (page.width, page.height) == pytest.approx((827 * 0.72, 1169 * 0.72))
    loire = next(w for w in page.words if w.text == "Loire")
    assert loire.bbox == pytest.approx((300 * 0.72, 160 * 0.72, 420 * 0.72, 174 * 0.72), abs=0.01)


def test_words_mapped_back_keep_their_text_and_line():
    word = RawWord("Pellerin", 401, 203, 160, 27, 0.8, (2, 1, 3))
    assert words_on_page([word], 2.0) == [RawWord("Pellerin", 200, 102, 80, 13, 0.8, (2, 1, 3))]
    assert words_on_page([word], 1.0) == [word]


def test_an_elided_word_read_apart_on_a_small_page_is_joined_to_its_word():
    line = (1, 1, 1)
    words = [RawWord("communes", 100, 50, 180, 30, 0.9, line), RawWord("de", 292, 50, 40, 30, 0.9, line),
             RawWord("l'", 344, 48, 14, 32, 0.8, line), RawWord("Est", 372, 50, 60, 30, 0.95, line),
             RawWord("d'", 450, 50, 14, 30, 0.9, line), RawWord("2026", 470, 50, 70, 30, 0.9, line)]
    joined = words_on_page(words, 2.0)
    assert [w.text for w in joined] == ["communes", "de", "l'Est", "d'", "2026"]
    est = joined[2]
    assert (est.left, est.top, est.width, est.height, est.conf) == (172, 24, 44, 16, 0.8)
    # another line's word, or one far off, is no elided word's own
    apart = [RawWord("l'", 344, 48, 14, 32, 0.8, line), RawWord("Est", 372, 50, 60, 30, 0.95, (1, 1, 2)),
             RawWord("d'", 450, 50, 14, 30, 0.9, line), RawWord("étude", 600, 50, 90, 30, 0.9, line)]
    assert [w.text for w in words_on_page(apart, 2.0)] == ["l'", "Est", "d'", "étude"]


def test_an_elided_word_is_joined_on_a_page_read_at_its_size_too():
    line = (1, 1, 1)
    words = [RawWord("l'", 344, 48, 14, 32, 0.8, line), RawWord("Est", 372, 50, 60, 30, 0.95, line)]
    assert [w.text for w in words_on_page(words, 1.0)] == ["l'Est"]


def test_a_word_read_enlarged_is_trusted_as_the_few_pixels_it_came_from():
    line = (1, 1, 1)
    words = [RawWord("+233", 10, 10, 40, 12, 0.77, line), RawWord("Craon", 60, 10, 50, 12, 0.96, line),
             RawWord("☒", 120, 10, 12, 12, 1.0, line)]
    assert [w.conf for w in honest_confidence(words, 2.0)] == [0.593, 0.922, 1.0]
    assert honest_confidence(words, 1.0) == words



def test_only_a_small_page_s_table_is_read_enlarged():
    """A letter photographed whole has small letters too, but no table: read as it is, so that
    its signatory block's words are as sure as before (see resolution.for_reading)."""
    assert for_reading(photographed_table(), flat=True)[1] == 2.0
    letter = photographed_table(ruled=False)
    assert enlargement(letter) == 2.0
    assert for_reading(letter, flat=True) == (letter, 1.0)
    lined = photographed_table(columns=False)  # a letter's lines across (a footer's, a sheet's edges)
    assert for_reading(lined, flat=False) == (lined, 1.0)


def test_a_300_dpi_page_pays_no_measure(monkeypatch):
    """Issue 16: an ordinary scan is no slower; its letters are not even measured."""
    import extractors.ocr.resolution as resolution

    def measured(gray):
        raise AssertionError("a 300 dpi page's letters measured")

    monkeypatch.setattr(resolution, "letter_height", measured)
    assert resolution.enlargement(Image.new("L", (2480, 3508), 255)) == 1.0
