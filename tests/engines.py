"""OCR engines for tests, implementing extractors.ocr.engine.OcrEngine: one that reads scripted words, one that crashes.

Inject them where the pipeline takes its engine (`engine=` of the pipeline's functions, or
`extractors.pages.read_file`). The real engine with impossible settings gives the real OCR codes:
`TesseractEngine(timeout=0.001)` is OCR_TIMEOUT, `TesseractEngine("zzz")` (no such language) OCR_FAILED.
"""

from __future__ import annotations

from PIL import Image

from extractors.ocr.engine import RawWord


class ScriptedEngine:
    """Reads the same words on every image, on one line from the top-left, at confidence 0.96."""

    def __init__(self, text: str):
        self.text = text
        self.calls = 0

    def words(self, image: Image.Image) -> list[RawWord]:
        self.calls += 1
        words, left = [], 40
        for word in self.text.split():
            width = 18 * len(word)
            words.append(RawWord(word, left, 40, width, 30, 0.96, (1, 1, 1)))
            left += width + 15
        return words

    def words_each(self, images: list[Image.Image]) -> list[list[RawWord]]:
        return [self.words(image) for image in images]

    def sparse_words(self, image: Image.Image) -> list[RawWord]:
        return []

    def sparse_words_each(self, images: list[Image.Image]) -> list[list[RawWord]]:
        return [[] for _ in images]

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        return 0, 0.0


class CrashingEngine:
    """An engine with a bug: every call raises `error` (by default a RuntimeError), never a GuichetError."""

    def __init__(self, error: Exception | None = None):
        self.error = error or RuntimeError("moteur OCR en panne")

    def words(self, image: Image.Image) -> list[RawWord]:
        raise self.error

    def words_each(self, images: list[Image.Image]) -> list[list[RawWord]]:
        raise self.error

    def sparse_words(self, image: Image.Image) -> list[RawWord]:
        raise self.error

    def sparse_words_each(self, images: list[Image.Image]) -> list[list[RawWord]]:
        raise self.error

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        raise self.error
