"""A curled sheet's bowed rows are made straight before OCR; flat pages are left alone.

Pages are drawn straight, bent by a known displacement, then uncurled: rows come out
level, and points of the uncurled image map back through to_page onto the bent one.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.dewarp import evenly_lit, uncurled_sheet
from extractors.geometry import curl_grid, to_page
from extractors.model import PageText
from extractors.ocr.page import ocr_page
from extractors.signature import upright
from tests.extractors.test_perspective import DPI, FONT, PAGE, ROWS, form_table, photo

RULES = [190 + i * 62 for i in range(len(ROWS) + 1)]  # the table's horizontal rules (pixels)
SEPARATORS = [1150, 1350, 1550]  # rules with no text near them, where straightness is measured
PROSE = ("Les services de l'État accompagneront la collectivité tout au long de la démarche "
         "et en assureront le pilotage local, avec les partenaires du territoire concerné.")


def form_page() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """A form's table (rules between rows, labels and answers), and where each answer's last word was drawn.

    One column rule: Tesseract reads the text of fully boxed cells poorly, bent or not.
    """
    return form_table(RULES + SEPARATORS, (RULES[0], RULES[-1]))


def letter_page() -> Image.Image:
    """Only text lines: a letter's paragraphs, no rule anywhere."""
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 24)
    words, lines, line = PROSE.split(), [], ""
    for word in words * 6:
        if draw.textlength(line + " " + word, font=font) > 1040:
            lines.append(line)
            line = word
        else:
            line = (line + " " + word).strip()
    for i, text in enumerate(lines[:22]):
        draw.text((100, 300 + i * 48), text, fill=0, font=font)
    return image


def bow(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """How far down (pixels) the curl moves a point: an arc across the sheet, deeper lower down."""
    u = 2 * x / PAGE[0] - 1
    return (14 + 10 * y / PAGE[1]) * (1 - u ** 2) + 6 * u ** 3


def bent(page: Image.Image) -> Image.Image:
    """The page as a curled sheet shows it: the point drawn at (x, y) is at (x, y + bow)."""
    h, w = page.height, page.width
    xs, ys = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    # Inverted by a few fixed-point rounds: the source row whose bent place is this one.
    source = ys.copy()
    for _ in range(5):
        source = ys - bow(xs, source)
    pixels = cv2.remap(np.asarray(page), xs, source.astype(np.float32), cv2.INTER_LINEAR,
                       borderMode=cv2.BORDER_CONSTANT, borderValue=255)
    return Image.fromarray(pixels)


def rule_rows(image: Image.Image, rule: int) -> np.ndarray:
    """Where a rule lies across the table, strip by strip."""
    return np.array([rule_at(image, rule, x) for x in range(120, 1100, 40)], dtype=np.float64)


def rule_at(image: Image.Image, rule: int, x: int) -> int:
    pixels = np.asarray(image, dtype=np.float64)
    band = slice(max(0, rule - 40), rule + 40)
    # A rule darkens every column of the strip, a letter's strokes only some.
    return band.start + int(np.argmin(np.median(pixels[band, x - 20:x + 20], axis=1)))


def wobble(rows: np.ndarray) -> float:
    """Peak to peak distance of a line's points from a straight line through them (pixels)."""
    x = np.arange(len(rows), dtype=np.float64)
    return float(np.ptp(rows - np.polyval(np.polyfit(x, rows, 1), x)))


def test_a_bent_form_comes_out_with_straight_rules():
    page, _ = form_page()
    curled = bent(page)
    flat, warp = uncurled_sheet(curled, None)
    assert warp is not None and len(warp) > 10  # the page's own corners, then the grid
    for rule in SEPARATORS:
        assert wobble(rule_rows(curled, rule + 20)) > 8  # the test bends for real
        assert wobble(rule_rows(flat, rule + 20)) <= 3, rule


def test_a_bent_letter_without_rules_comes_out_with_straight_lines():
    from extractors.dewarp import _ink, _row_traces, _text_height, _vertical_strokes

    def worst(image: Image.Image) -> float:
        """The largest RMS distance (pixels) of a long text line's centre points from a straight line."""
        ink = _ink(np.asarray(image))
        height = _text_height(ink)
        traces = _row_traces(ink, _vertical_strokes(ink, height), height)
        return max(float(np.std(ys - np.polyval(np.polyfit(xs, ys, 1), xs)))
                   for xs, ys in traces if np.ptp(xs) > 600)

    page = letter_page()
    curled = bent(page)
    flat, warp = uncurled_sheet(curled, None)
    assert warp is not None
    assert worst(curled) > 3.0
    # As straight as the lines drawn straight: letters of different heights move a line's centre.
    assert worst(flat) < max(2.0, 1.2 * worst(page))


def test_a_flat_page_is_left_untouched():
    for page in (form_page()[0], letter_page()):
        flat, warp = uncurled_sheet(page, None)
        assert flat is page and warp is None
        keystone = (1.0, 2.0, 1239.0, 0.0, 1240.0, 1754.0, 0.0, 1750.0, 1240.0, 1754.0)
        flat, warp = uncurled_sheet(page, keystone)
        assert flat is page and warp == keystone


def test_a_scan_is_evenly_lit_a_photo_is_not():
    """A scan is not looked at for a curl (a scanner presses the sheet flat); a photo is."""
    page, _ = form_page()
    assert evenly_lit(page) and evenly_lit(letter_page())
    assert evenly_lit(Image.fromarray((np.asarray(page) * 0.9).astype(np.uint8)))  # grey paper, as scanners give it
    assert not evenly_lit(photo(page)[0])  # the desk in view
    # A sheet filling the frame, lit from one side as a phone photo is.
    shade = np.linspace(0.75, 1.0, page.width)[None, :]
    assert not evenly_lit(Image.fromarray((np.asarray(page) * shade).astype(np.uint8)))


def test_a_point_of_the_uncurled_page_maps_back_onto_the_bent_one():
    page, _ = form_page()
    curled = bent(page)
    flat, warp = uncurled_sheet(curled, None)
    scale = 72.0 / DPI
    warp = tuple(v if i in (10, 11) else v * scale for i, v in enumerate(warp))  # in points, as stored
    uncurled = PageText(1, PAGE[0] * scale, PAGE[1] * scale, (), ocr=True, confidence=0.9, warp=warp)
    for rule in SEPARATORS:
        for x in (200, 640, 1080):
            # Where the rule is on the uncurled image, mapped back: where it is on the bent one.
            found = rule_at(flat, rule + 20, x)
            back = uncurled.to_page((x * scale, found * scale, x * scale, found * scale))
            want = rule + float(bow(np.array([x], float), np.array([rule], float))[0])
            assert back[0] == pytest.approx(x * scale, abs=1.0)
            assert back[1] == pytest.approx(want * scale, abs=1.5), (rule, x)  # points; a text line is 12


def test_to_page_reads_warps_without_a_grid():
    corners = (100.0, 50.0, 500.0, 80.0, 520.0, 700.0, 60.0, 650.0, 440.0, 640.0)
    assert curl_grid(corners) is None and curl_grid(None) is None
    flat_grid = corners + (2.0, 2.0) + (0.0,) * 8
    box = (120.0, 300.0, 180.0, 312.0)
    assert to_page(box, 600, 800, 0.0, 0, flat_grid) == to_page(box, 600, 800, 0.0, 0, corners)
    shifted = corners + (2.0, 2.0) + (0.0,) * 4 + (5.0,) * 4  # every node: dy = 5
    moved = to_page((0.0, 0.0, 0.0, 0.0), 600, 800, 0.0, 0, shifted)
    assert moved[:2] != pytest.approx(to_page((0.0, 0.0, 0.0, 0.0), 600, 800, 0.0, 0, corners)[:2])
    assert moved[:2] == pytest.approx(to_page((0.0, 5.0, 0.0, 5.0), 600, 800, 0.0, 0, corners)[:2])


@pytest.fixture(scope="module")
def curled_photo(engine):
    page, drawn = form_page()
    curled = bent(page)
    image, matrix = photo(curled)
    return ocr_page(image, engine, number=1, dpi=DPI), image, drawn, matrix


def test_a_curled_photo_is_read_with_level_rows_and_boxes_on_the_photo(curled_photo):
    from tests.extractors.test_perspective import row_of

    page, _, drawn, matrix = curled_photo
    assert page.warp is not None and len(page.warp) > 10
    assert row_of(page, "porteuse") == "Collectivité porteuse Commune de Vitré", page.text
    assert row_of(page, "technique") == "Référent technique Chloé Bernard", page.text
    for text in ("Vitré", "Bernard", "Reynaud"):
        found = [w for w in page.words if w.text == text]
        assert found, f"{text!r} not read in {page.text!r}"
        x0, top, x1, bottom = page.to_page(found[0].bbox)
        # Where the word lies on the photo: its drawn box bent, then through the camera's warp.
        dx0, dy0, dx1, dy1 = drawn[text]
        cx, cy = (dx0 + dx1) / 2, (dy0 + dy1) / 2
        cy += float(bow(np.array([cx]), np.array([cy]))[0])
        centre = cv2.perspectiveTransform(np.float32([[[cx, cy]]]), matrix)[0, 0] * 72 / DPI
        height = (dy1 - dy0) * 72 / DPI
        assert abs((x0 + x1) / 2 - centre[0]) < 0.5 * height, text
        assert abs((top + bottom) / 2 - centre[1]) < 0.5 * height, text


def test_the_signature_check_sees_the_page_ocr_read(curled_photo):
    from extractors.ocr.sheet import outside_paper_whitened, paper_straightened

    page, image, _, _ = curled_photo
    gray = image.convert("L")
    straight, warp = paper_straightened(gray)
    read, _ = uncurled_sheet(straight, warp)
    again = upright(outside_paper_whitened(gray), 0, 0.0, page.warp, DPI)
    assert again.size == read.size
    difference = np.abs(np.asarray(again, np.float64) - np.asarray(read, np.float64))
    assert float(np.median(difference)) < 2 and float(np.percentile(difference, 99)) < 60
