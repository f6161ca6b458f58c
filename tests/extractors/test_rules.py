"""Table rules taken off a page before it is read: the text that sat on them is read, and
nothing else changes (reversed-video bands, letters, the page's size)."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.engine import TesseractEngine
from extractors.ocr.page import ocr_page
from extractors.rules import _bands, without_rules

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
ROWS = [("Nom et prénom de l'élu(e) référent(e)", "GUÉRIN Fatima"), ("Qualité", "Maire"),
        ("Référent technique", "Gaëtan MAILLARD"), ("Département", "34 - Hérault"), ("Région", "Occitanie")]


def table_page() -> Image.Image:
    """A scanned two-column table whose rows are so tight that each label sits on the rule below."""
    image = Image.new("L", (1700, 900), 235)  # grey paper, as scanners give it
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    top = 100
    for label, answer in ROWS:
        draw.text((110, top), label, fill=20, font=font)
        draw.text((860, top), answer, fill=20, font=font)
        top += 36  # the glyphs' descenders reach the rule
        draw.line([(100, top), (1600, top)], fill=30, width=3)
    draw.line([(100, 95), (1600, 95)], fill=30, width=3)
    for x in (100, 850, 1600):
        draw.line([(x, 95), (x, top)], fill=30, width=3)
    return image


def test_rules_are_painted_over_and_the_letters_kept():
    image = table_page()
    clean = np.asarray(without_rules(image))
    assert clean.shape == np.asarray(image).shape
    rule_row = clean[136, 300:800]  # under "Nom et prénom…", clear of any descender
    assert rule_row.mean() > 200  # paper where the rule was
    letters = np.asarray(image)[100:130, 110:600] < 128
    kept = clean[100:130, 110:600] < 128
    assert kept.sum() > 0.8 * letters.sum()


def test_a_heading_in_reversed_video_is_no_rule():
    image = Image.new("L", (2400, 400), 235)
    draw = ImageDraw.Draw(image)
    draw.rectangle([80, 100, 2320, 150], fill=25)
    draw.text((95, 104), "ANNEXE 2 – LES DYNAMIQUES D'AMÉNAGEMENT", fill=235, font=ImageFont.truetype(FONT, 36))
    assert np.array_equal(np.asarray(without_rules(image)), np.asarray(image))


def test_labels_sitting_on_rules_are_read():
    page = ocr_page(table_page(), TesseractEngine(), number=1, dpi=200)
    for label, answer in ROWS:
        assert label.split()[0] in page.text and answer.split()[0] in page.text, page.text


def test_a_lone_straight_stroke_is_no_table_rule():
    """A signature's underline crossing the signatory's name is left to the signature check."""
    image = Image.new("L", (1200, 500), 255)
    draw = ImageDraw.Draw(image)
    draw.text((300, 200), "Henri Vernhet", fill=0, font=ImageFont.truetype(FONT, 34))
    draw.line([(250, 228), (900, 228)], fill=40, width=3)
    assert np.array_equal(np.asarray(without_rules(image)), np.asarray(image))


def test_rules_are_worked_on_in_bands_of_the_rows_that_hold_them():
    used = np.zeros(100, bool)
    used[[10, 11, 12, 40, 95]] = True
    assert _bands(used, 5) == [(5, 18), (35, 46), (90, 100)]
    assert _bands(used, 15) == [(0, 56), (80, 100)]  # overlapping bands merged, clipped to the page
    assert _bands(np.zeros(10, bool), 3) == []
