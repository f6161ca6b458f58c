"""Issue 16: a scanned page's image work at less CPU, the same results: shapes labelled in 16
bits, check boxes' letter-sized shapes sifted on arrays before each is looked at, a scan shrunk
once for its skew and glanced at on that for a desk and for reversed bands."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extractors import checkboxes
from extractors.checkboxes import _has_four_sides, _inked_enough, find_boxes
from extractors.dewarp import evenly_lit
from extractors.images import components
from extractors.ocr.inverted_bands import reversed_bands_inverted
from extractors.ocr.orientation import estimate_skew, page_thumbnail
from extractors.ocr.page import prepared_page
from extractors.ocr.sheet import paper_straightened
from tests.extractors.test_ocr import FONT, LINES, drawn_page
from tests.extractors.test_perspective import form_table, photo
from tests.extractors.test_sheet_bandeau import bandeau_letter


def _form(seed: int, scale: int = 1) -> Image.Image:
    """Lines of text with check boxes before some, ticked or not, a tick sometimes past its box."""
    rng = np.random.default_rng(seed)
    page = drawn_page(LINES, (1400 * scale, 1000 * scale), 34 * scale, 140 * scale, 120 * scale, 120 * scale)
    draw = ImageDraw.Draw(page)
    side = 30 * scale
    for row in range(len(LINES)):
        top, left = (126 + 120 * row) * scale, 90 * scale
        draw.rectangle([left, top, left + side, top + side], outline=0, width=max(2, 2 * scale))
        tick = int(rng.integers(0, 3))
        if tick:
            out = side // 4 if tick == 2 else 0  # a hand's X running out of its box
            draw.line([left - out, top - out, left + side + out, top + side + out], fill=0, width=3 * scale)
            draw.line([left + side + out, top - out, left - out, top + side + out], fill=0, width=3 * scale)
    noisy = np.asarray(page).astype(np.int16) + rng.integers(-8, 8, (page.height, page.width))
    return Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8))


def test_shapes_labelled_in_16_bits_are_the_32_bit_labelling():
    rng = np.random.default_rng(5)
    for seed in range(3):
        ink = cv2.adaptiveThreshold(np.asarray(_form(seed)), 1, cv2.ADAPTIVE_THRESH_MEAN_C,
                                    cv2.THRESH_BINARY_INV, 31, 15)
        speckled = (rng.random(ink.shape) < 0.002).astype(np.uint8) | ink
        for binary in (ink, speckled):
            expected = cv2.connectedComponentsWithStats(binary, connectivity=8, ltype=cv2.CV_32S)
            found = components(binary)
            assert found[1].dtype == np.uint16  # the cheaper labelling was the one used
            assert found[0] == expected[0] > 50
            assert all(np.array_equal(a, b) for a, b in zip(found[1:], expected[1:]))


def test_more_shapes_than_16_bits_hold_are_labelled_in_32():
    dots = np.zeros((600, 600), np.uint8)
    dots[::2, ::2] = 1  # 90,000 shapes of one pixel
    count, labels, stats, _ = components(dots)
    assert count == 90_001 and labels.dtype == np.int32 and int(labels.max()) == 90_000
    assert (stats[1:, cv2.CC_STAT_AREA] == 1).all()


def test_every_shape_with_four_sides_passes_the_sifting():
    rng = np.random.default_rng(7)
    ink = (rng.random((400, 400)) < 0.35).astype(np.uint8)  # dense noise: many near-boxes
    for top, left, size in ((20, 20, 12), (100, 60, 18), (200, 300, 9), (330, 150, 25)):
        ink[top:top + size, left:left + size] = 0
        ink[top, left:left + size] = ink[top + size - 1, left:left + size] = 1
        ink[top:top + size, left] = ink[top:top + size, left + size - 1] = 1
    _, _, stats, _ = components(ink)
    shapes = stats[1:]
    kept = _inked_enough(ink, shapes)
    sided = np.array([_has_four_sides(ink[y:y + h, x:x + w]) for x, y, w, h, _ in shapes])
    assert sided.sum() >= 4 and not (sided & ~kept).any()  # a necessary test: no box lost
    # a page of text's letter-sized shapes: its boxes among them
    ink = cv2.adaptiveThreshold(np.asarray(_form(4)), 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    _, _, stats, _ = components(ink)
    w, h = stats[1:, 2], stats[1:, 3]
    letters = stats[1:][(w >= 10) & (w <= 50) & (h >= 10) & (h <= 50) & (w <= 1.33 * h) & (w >= 0.75 * h)]
    sided = np.array([_has_four_sides(ink[y:y + h, x:x + w]) for x, y, w, h, _ in letters])
    assert len(letters) > 50 and sided.any() and not (sided & ~_inked_enough(ink, letters)).any()


def test_the_boxes_found_are_those_every_shape_looked_at_finds(monkeypatch):
    for seed, scale in ((1, 1), (2, 1), (3, 2)):
        page = _form(seed, scale)
        found = find_boxes(page, 30 * scale)
        monkeypatch.setattr(checkboxes, "_inked_enough", lambda ink, shapes: np.ones(len(shapes), bool))
        expected = find_boxes(page, 30 * scale)
        monkeypatch.undo()
        assert len(expected) >= len(LINES) and found == expected


def _scan(band: bool, tilt: float) -> Image.Image:
    """An A4 page at 300 dpi, grey paper, maybe a reversed heading, turned a little, blurred."""
    image = Image.new("L", (2480, 3508), 236)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 50)
    if band:
        draw.rectangle([160, 290, 2320, 420], fill=30)
        draw.text((190, 305), "ANNEXE 1 – LES DYNAMIQUES", fill=235, font=ImageFont.truetype(FONT, 100))
    for row, line in enumerate(LINES * 4):
        draw.text((200, 500 + 110 * row), line, fill=20, font=font)
    return image.rotate(tilt, resample=Image.Resampling.BILINEAR, fillcolor=236).filter(ImageFilter.GaussianBlur(1.0))


def test_a_scan_glanced_at_for_bands_and_a_desk_comes_out_as_looked_at_whole():
    for band, tilt in ((True, 0.0), (False, 1.3), (True, -0.5)):
        page = _scan(band, tilt)
        assert evenly_lit(page)
        glance = page_thumbnail(page)
        inverted = reversed_bands_inverted(page, glance)
        assert np.array_equal(np.asarray(inverted), np.asarray(reversed_bands_inverted(page)))
        assert (inverted is page) is not band  # the band found on the glance is inverted all the same
        assert estimate_skew(page, glance) == estimate_skew(page) == pytest.approx(tilt, abs=0.21)
        straight, warp = paper_straightened(page, glance)
        assert straight is page and warp is None  # no desk
        prepared = prepared_page(page, number=1, dpi=300)
        assert np.array_equal(np.asarray(prepared.gray), np.asarray(inverted))


def test_a_sheet_on_a_desk_is_found_on_its_own_pixels_whatever_the_glance():
    table, _ = form_table([190 + 62 * i for i in range(8)], (190, 624))
    picture, _ = photo(table)
    gray = picture.convert("L")
    straight, warp = paper_straightened(gray, page_thumbnail(gray))
    expected, expected_warp = paper_straightened(gray)
    assert warp is not None and warp == expected_warp and np.array_equal(np.asarray(straight), np.asarray(expected))
    # a letterhead's dark band along one side is no desk, glanced at or not
    letter = bandeau_letter(180)
    assert paper_straightened(letter, page_thumbnail(letter)) == (letter, None) == paper_straightened(letter)


def test_ink_told_by_a_table_of_paper_brightness_is_the_products():
    from extractors.ocr.second_reading import _ink
    from extractors.ocr.sheet import paper_brightness

    rng = np.random.default_rng(3)
    pixels = np.clip(rng.normal(200, 60, (300, 400)), 0, 255).astype(np.uint8)
    pixels[:, :200] = (pixels[:, :200] * 0.6).astype(np.uint8)  # a shadow
    paper = paper_brightness(pixels).astype(np.uint16)
    expected = ((pixels.astype(np.uint16) * 255 < 185 * paper) & (pixels < 215)).astype(np.uint8)
    found = _ink(pixels, [], 20.0, (0, 0))
    assert 0.05 < expected.mean() < 0.95 and np.array_equal(found, expected)


def test_a_page_without_rules_has_none_taken_off_its_boxes():
    ink = cv2.adaptiveThreshold(np.asarray(drawn_page(LINES, (1400, 1000), 34, 90, 120, 120)), 1,
                                cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)
    assert not checkboxes._rules(ink, 40.0).any()
    ink[500, 50:1350] = 1  # a rule across
    assert checkboxes._rules(ink, 40.0)[500].sum() > 1000
