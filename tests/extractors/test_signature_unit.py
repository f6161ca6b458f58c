"""The signature check's unit, a line of text's height: on a photo whose OCR boxed many words over
two lines, the page's median word height is twice the text's, and a signature measured in it
looks half its size. The words by the signature whose box fits their ink give the height."""

from __future__ import annotations

import pytest

from extractors.fields.courrier import read_letter
from extractors.images import image_pages
from extractors.model import PieceKind
from extractors.ocr.engine import TesseractEngine
from extractors.ocr.page import ocr_page
from extractors.signature_unit import ink_fitted_height
from tests.extractors.signatures_drawn import Variant, drawn_letter


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """A letter ending scanned at 150 dpi, OCR'd: its page, zone and image."""
    path = tmp_path_factory.mktemp("unit") / "scan.png"
    drawn_letter(Variant(150, "beside", "blue", width=1, seed=4)).save(path, dpi=(150, 150))
    image, dpi = next(image_pages(path.read_bytes(), max_pixels=10**8, max_pages=1))
    page = ocr_page(image, TesseractEngine(), number=1, dpi=dpi)
    zone = read_letter(PieceKind.COURRIER_COLLECTIVITE, path.name, (page,)).zone
    assert zone is not None
    return image.convert("L"), dpi, zone


def test_a_page_height_twice_the_fitted_words_is_taken_down_to_theirs(scanned):
    image, dpi, zone = scanned
    fitted = ink_fitted_height(image, zone.bbox, dpi, zone.printed, 2 * zone.text_height)
    assert fitted == pytest.approx(zone.text_height, rel=0.2)


def test_boxes_that_fit_their_ink_keep_the_pages_height(scanned):
    image, dpi, zone = scanned
    assert ink_fitted_height(image, zone.bbox, dpi, zone.printed, zone.text_height) == zone.text_height


def test_words_all_boxed_alike_twice_their_ink_give_their_inks_height(scanned):
    """A photo's OCR boxed every word by the signature twice as tall as its ink: none fits, all
    alike; the words' ink says the text's height."""
    image, dpi, zone = scanned
    tall = tuple((b[0], b[1], b[2], b[3] + (b[3] - b[1])) for b in zone.printed)
    fitted = ink_fitted_height(image, zone.bbox, dpi, tall, 2 * zone.text_height)
    assert fitted == pytest.approx(zone.text_height, rel=0.2)


def test_words_boxed_unevenly_taller_than_their_ink_leave_the_pages_height(scanned):
    """Boxes taller than their ink each by its own share: no one ratio says the text's height."""
    image, dpi, zone = scanned
    shares = (0.3, 0.7, 1.2, 1.8)
    tall = tuple((b[0], b[1], b[2], b[3] + shares[i % 4] * (b[3] - b[1])) for i, b in enumerate(zone.printed))
    assert ink_fitted_height(image, zone.bbox, dpi, tall, 2 * zone.text_height) == 2 * zone.text_height


def _photo_ending(seed: int | None):
    """A photo's letter ending at 72 px per inch, text 13 px high, a thin light-blue signature
    beside the name (the generator's pen); the words' boxes as OCR gives them, tight."""
    import io
    import random

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from samples.unseen.maker.signatures import signature_png

    image = Image.new("RGB", (600, 420), (236, 232, 222))
    draw, font = ImageDraw.Draw(image), ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", 13)
    boxes = []
    for x, y, text in ((60, 40, "Veuillez agréer, Madame, Monsieur, l'assurance de ma considération distinguée."),
                       (60, 70, "Passa, le 29 juillet 2026"), (90, 110, "Maire de Passa"),
                       (60, 220, "Marc-Antoine VALLET")):
        for word in text.split():
            box = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, fill=(30, 30, 30), font=font)
            boxes.append(box)
            x = box[2] + 4
    if seed is not None:
        signature = signature_png(random.Random(seed), "light_blue", 120, 45)
        image.paste(signature, (280, 195), signature)
    buffer = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(0.9)).save(buffer, "JPEG", quality=70, dpi=(72, 72))
    return buffer.getvalue(), tuple(tuple(float(v) for v in b) for b in boxes)


@pytest.mark.parametrize("seed, signed", [(3, True), (4, True), (9, True), (None, False)])
def test_a_thin_signature_on_a_photo_whose_page_height_doubled_is_still_seen(tmp_path, seed, signed):
    from extractors.fields.courrier_zone import SignatureZone
    from extractors.model import PageText, Word
    from worker.core.signatures import ink_check

    data, boxes = _photo_ending(seed)
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    page = PageText(1, 600.0, 420.0, tuple(Word("mot", b, 0.95, i) for i, b in enumerate(boxes)), ocr=True,
                    confidence=0.9)
    # the page's median word height 28: its other words boxed over two lines
    zone = SignatureZone(0, (0.0, 60.0, 600.0, 400.0), boxes, text_height=28.0, read_block=False)
    check, _ = ink_check(str(path), "image", page, zone, 10**8)
    assert check.signed is signed


@pytest.mark.parametrize("seed, signed", [(3, True), (4, True), (9, True), (None, False)])
def test_a_thin_signature_on_a_photo_whose_every_word_is_boxed_twice_its_ink_is_seen(tmp_path, seed, signed):
    """Every word of the area boxed twice its ink's height, the page's median word height with
    them: measured in the words' ink height, the light pen's pieces are strokes; unsigned stays so."""
    from extractors.fields.courrier_zone import SignatureZone
    from extractors.model import PageText, Word
    from worker.core.signatures import ink_check

    data, boxes = _photo_ending(seed)
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    tall = tuple((b[0], b[1], b[2], b[3] + (b[3] - b[1])) for b in boxes)
    page = PageText(1, 600.0, 420.0, tuple(Word("mot", b, 0.95, i) for i, b in enumerate(tall)), ocr=True,
                    confidence=0.9)
    zone = SignatureZone(0, (0.0, 60.0, 600.0, 400.0), tall, text_height=28.0, read_block=False)
    check, _ = ink_check(str(path), "image", page, zone, 10**8)
    assert check.signed is signed
