"""A sheet photographed at an angle (a trapezoid on a desk) is warped flat before OCR, real Tesseract.

Lines are read whole, and word boxes map back onto the photo as received.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.geometry import to_page
from extractors.model import PageText
from extractors.ocr.page import ocr_page

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 150
# A form's table: labels on the left, answers on the right, rows close together.
ROWS = [
    ("Service de l'État pilote", "DDT de la Drôme"),
    ("Nom et prénom du référent", "Sylvie Faure"),
    ("Fonction", "Cheffe du service aménagement"),
    ("Collectivité porteuse", "Commune de Vitré"),
    ("Nature de la collectivité", "Commune rurale"),
    ("Nom et prénom de l'élu", "Paul Reynaud"),
    ("Référent technique", "Chloé Bernard"),
    ("Téléphone", "04 75 22 03 03"),
    ("Autres partenaires associés", "Parc naturel régional"),
    ("Commune concernée", "Die"),
    ("EPCI de rattachement", "Communauté de communes"),
    ("Département", "Drôme"),
]
PAGE = (1240, 1754)  # A4 at 150 dpi
# Where the page's corners land in the photo: held at an angle, turned about 8 degrees.
CORNERS = np.float32([[420, 250], [1560, 420], [1500, 2230], [140, 2050]])
PHOTO = (1800, 2400)


def form_table(rules: list[int], column: tuple[int, int]) -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """The ROWS as a form's table, horizontal `rules` at these heights and the column rule from
    `column[0]` to `column[1]` (pixels); and where each answer's last word was drawn."""
    image = Image.new("L", PAGE, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 26)
    drawn = {}
    for i, (label, answer) in enumerate(ROWS):
        top = 200 + i * 62
        draw.text((90, top), label, fill=0, font=font)
        draw.text((560, top), answer, fill=0, font=font)
        last = answer.split()[-1]
        drawn[last] = draw.textbbox((560 + draw.textlength(answer[:-len(last)], font=font), top), last, font=font)
    for y in rules:
        draw.line([(80, y), (1160, y)], fill=90, width=2)
    draw.line([(540, column[0]), (540, column[1])], fill=90, width=2)
    return image, drawn


def flat_page() -> tuple[Image.Image, dict[str, tuple[int, int, int, int]]]:
    """The page as printed, a rule above each row, and where each answer's last word was drawn (pixels)."""
    return form_table([190 + i * 62 for i in range(len(ROWS))], (190, 200 + len(ROWS) * 62))


def photo(page: Image.Image) -> tuple[Image.Image, np.ndarray]:
    """The page warped onto a dark wood-like desk, a little grey and blurred; the forward warp."""
    rng = np.random.default_rng(7)
    grain = rng.normal(0, 1, (PHOTO[1] // 8, PHOTO[0] // 8)).astype(np.float32)
    desk = cv2.resize(cv2.GaussianBlur(grain, (0, 0), 1.5), PHOTO, interpolation=cv2.INTER_CUBIC)
    desk = np.clip(85 + 25 * desk / max(1e-6, float(desk.std())), 30, 140)
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [PAGE[0], 0], PAGE, [0, PAGE[1]]]), CORNERS)
    sheet = cv2.warpPerspective(np.asarray(page, np.float32) * 0.9, matrix, PHOTO, flags=cv2.INTER_LINEAR)
    inside = cv2.warpPerspective(np.ones((PAGE[1], PAGE[0]), np.float32), matrix, PHOTO, flags=cv2.INTER_LINEAR)
    pixels = cv2.GaussianBlur(inside * sheet + (1 - inside) * desk, (3, 3), 0)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), matrix


@pytest.fixture(scope="module")
def read(engine):
    page, drawn = flat_page()
    image, matrix = photo(page)
    return ocr_page(image, engine, number=1, dpi=DPI), drawn, matrix


def row_of(page, text: str) -> str:
    """The words level with `text` on the upright page, left to right: what extraction sees as its row."""
    anchor = next(w for w in page.words if w.text == text)
    centre, height = (anchor.bbox[1] + anchor.bbox[3]) / 2, anchor.bbox[3] - anchor.bbox[1]
    level = [w for w in page.words if abs((w.bbox[1] + w.bbox[3]) / 2 - centre) < 0.4 * height]
    return " ".join(w.text for w in sorted(level, key=lambda w: w.bbox[0]))


def test_a_keystoned_sheet_is_read_with_level_rows(read):
    page, _, _ = read
    assert page.warp is not None
    # Unwarped, the rows slope differently on the left and on the right, more than a
    # deskew can undo: a label is level with another row's answer, or with none.
    assert row_of(page, "porteuse") == "Collectivité porteuse Commune de Vitré", page.text
    assert row_of(page, "technique") == "Référent technique Chloé Bernard", page.text


def test_boxes_map_back_onto_the_photo(read):
    page, drawn, matrix = read
    for text in ("Vitré", "Bernard"):
        found = [w for w in page.words if w.text == text]
        assert found, f"{text!r} not read in {page.text!r}"
        x0, top, x1, bottom = page.to_page(found[0].bbox)
        # Where the word lies on the photo: its drawn box through the forward warp, in points.
        dx0, dy0, dx1, dy1 = drawn[text]
        corners = cv2.perspectiveTransform(np.float32([[[dx0, dy0], [dx1, dy0], [dx1, dy1], [dx0, dy1]]]), matrix)[0]
        want = corners.min(axis=0) * 72 / DPI, corners.max(axis=0) * 72 / DPI
        height = want[1][1] - want[0][1]
        assert abs((x0 + x1) / 2 - (want[0][0] + want[1][0]) / 2) < 0.5 * height
        assert abs((top + bottom) / 2 - (want[0][1] + want[1][1]) / 2) < 0.5 * height
        assert abs((x1 - x0) - (want[1][0] - want[0][0])) < height  # its width, not a line's
    assert page.width == pytest.approx(PHOTO[0] * 72 / DPI)  # the page as received


def test_to_page_undoes_the_warp_then_the_turn():
    corners = (100.0, 50.0, 500.0, 80.0, 520.0, 700.0, 60.0, 650.0)
    warp = corners + (440.0, 640.0)
    # The warped rectangle's corners land on the sheet's corners in the photo.
    assert to_page((0.0, 0.0, 0.0, 0.0), 600, 800, 0.0, 0, warp)[:2] == pytest.approx((100.0, 50.0))
    assert to_page((440.0, 640.0, 440.0, 640.0), 600, 800, 0.0, 0, warp)[:2] == pytest.approx((520.0, 700.0))
    # Turned by 90 degrees first: the upright image is the rectangle standing on its side.
    assert to_page((0.0, 0.0, 0.0, 0.0), 600, 800, 0.0, 90, warp)[:2] == pytest.approx((500.0, 80.0))


def test_the_warp_is_kept_by_the_store(store):
    from extractors.model import ReadResult, Word

    words = (Word("Vitré", (300.0, 200.0, 340.0, 212.0), 0.9, 0),)
    warp = (100.0, 50.0, 500.0, 80.0, 520.0, 700.0, 60.0, 650.0, 440.0, 640.0)
    warped = PageText(1, 600.0, 800.0, words, ocr=True, confidence=0.9, skew=0.4, warp=warp)
    flat = PageText(2, 600.0, 800.0, words, ocr=True, confidence=0.9)
    reading = store.save_reading("ab" * 32, 1, ReadResult((warped, flat)), (), 0.1)
    again = store.pages(reading.id)
    assert again[0].warp == warp and again[0].to_page(words[0].bbox) == warped.to_page(words[0].bbox)
    assert again[1].warp is None and again[1].to_page(words[0].bbox) == words[0].bbox
