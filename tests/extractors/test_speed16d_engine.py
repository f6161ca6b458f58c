"""The engine asks Tesseract its version once, in the process that forks the sandboxes."""

from __future__ import annotations

import pytesseract

from extractors.ocr.engine import TesseractEngine


def test_the_version_is_known_before_any_reading(monkeypatch):
    asked = pytesseract.pytesseract.get_tesseract_version
    monkeypatch.setattr(asked, "_result", asked)  # nothing asked yet in this process
    TesseractEngine()
    assert asked._result is not asked  # a child forked now reads without `tesseract --version`

    def no_process(*args, **kwargs):
        raise AssertionError("tesseract --version started again")

    monkeypatch.setattr(pytesseract.pytesseract.subprocess, "check_output", no_process)
    assert pytesseract.get_tesseract_version(cached=True) == asked._result


def test_a_missing_tesseract_is_reported_at_the_first_reading(monkeypatch):
    asked = pytesseract.pytesseract.get_tesseract_version
    monkeypatch.setattr(asked, "_result", asked)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    TesseractEngine()  # no error here: the first reading reports it, as before


def test_the_engine_still_reads():
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (900, 200), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 48)
    ImageDraw.Draw(image).text((40, 60), "Commune de Vitré", fill=0, font=font)
    assert "Vitré" in [word.text for word in TesseractEngine().words(image)]
