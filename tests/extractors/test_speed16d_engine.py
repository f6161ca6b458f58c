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


def test_tesseract_reads_while_the_next_page_is_made(engine, monkeypatch):
    """A batch's Tesseract starts at its first page and is handed each next page once made:
    a page's preparation overlaps the reading of the one before (wall time), same words. The
    command's path, taken where Tesseract's library cannot be called in process."""
    import subprocess
    from collections.abc import Sequence

    from extractors.ocr import engine as engine_module, in_process

    monkeypatch.setattr(in_process, "available", lambda: False)
    from tests.extractors.test_ocr import drawn_page

    images = [drawn_page(["Commune de Vitré", "Le Maire, Jean Dupont"], (1200, 300), 40, 40, 40, 100),
              drawn_page(["Préfecture de la Drôme"], (1200, 200), 40, 40, 60, 100)]
    events: list[str] = []

    class Made(Sequence):  # makes each image when asked, as extractors.ocr.page prepares pages
        def __len__(self):
            return len(images)

        def __getitem__(self, index):
            events.append(f"made {index}")
            return images[index]

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            events.append("tesseract started")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(engine_module.subprocess, "Popen", Recorded)
    monkeypatch.setattr("pytesseract.pytesseract.subprocess.Popen", Recorded)
    read = engine.words_each(Made())
    assert events.index("tesseract started") < events.index("made 1")
    assert read == [engine.words(image) for image in images]
    assert "Drôme" in [w.text for w in read[1]]


def test_a_batch_that_fails_reports_the_codes_of_one_reading():
    from extractors.errors import ErrorCode, GuichetError
    from tests.extractors.test_ocr import drawn_page

    images = [drawn_page(["Commune de Vitré"], (800, 200), 40, 40, 40, 100)] * 2
    for engine, code in ((TesseractEngine(timeout=0.001), ErrorCode.OCR_TIMEOUT),
                         (TesseractEngine("zzz"), ErrorCode.OCR_FAILED)):
        try:
            engine.words_each(images)
        except GuichetError as exc:
            assert exc.code is code
        else:
            raise AssertionError("no error")
