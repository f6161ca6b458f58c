"""Word boxes Tesseract gets wrong on photos: too short or one pixel tall. The second reading
must not read such a word a second time. Real Tesseract; only the first reading's
boxes are spoilt, as Tesseract spoils them on photos."""

from __future__ import annotations

from dataclasses import replace

from PIL import Image, ImageDraw, ImageFont

from extractors.ocr.engine import TesseractEngine
from extractors.ocr.second_reading import with_missed_text

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DPI = 200
LINES = [
    "SECTION 1 - LES PORTEURS DU PROJET",
    "Référent technique : Stéphane Pelletier",
    "Partenaires associés : CAUE, agence d'urbanisme",
    "Intitulé : Revitalisation du centre-ville de Blauzac",
]


def page() -> Image.Image:
    image = Image.new("L", (1500, 700), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 34)
    for i, line in enumerate(LINES):
        draw.text((90, 100 + i * 120), line, fill=0, font=font)
    return image


def _texts(words) -> list[str]:
    return [w.text for w in words]


def test_a_word_boxed_short_is_not_read_again_as_its_own_tail():
    image = page()
    engine = TesseractEngine()
    first = engine.words(image)
    assert "Stéphane" in _texts(first)
    # "Stéphane" boxed up to "Stéph": its last letters' ink is left uncovered
    short = [replace(w, width=int(w.width * 0.4)) if w.text == "Stéphane" else w for w in first]
    words = with_missed_text(short, image, engine)
    line = [w.text for w in sorted(words, key=lambda w: w.left) if abs(w.top - 220) < 30]
    assert line.count("Stéphane") == 1 and "Pelletier" in line
    assert not [t for t in line if t != "Stéphane" and "Stéphane".endswith(t.strip(".,")) and len(t) >= 2], line


def test_a_word_boxed_one_pixel_tall_is_not_read_twice():
    image = page()
    engine = TesseractEngine()
    first = engine.words(image)
    assert "d'urbanisme" in _texts(first)
    flat = [replace(w, top=w.top - 2, height=1) if w.text == "d'urbanisme" else w for w in first]
    words = with_missed_text(flat, image, engine)
    assert _texts(words).count("d'urbanisme") == 1, _texts(words)


def test_an_unsure_first_reading_is_still_read_again_and_replaced():
    image = page()
    engine = TesseractEngine()
    first = engine.words(image)
    # a fax's "“’Pelletier" read at no confidence: the second reading is there to replace it
    unsure = [replace(w, conf=0.0, width=int(w.width * 0.6)) if w.text == "Pelletier" else w for w in first]
    words = with_missed_text(unsure, image, engine)
    assert any(w.text == "Pelletier" and w.conf >= 0.6 for w in words), [(w.text, w.conf) for w in words]
