"""The OCR engine: the only code that calls Tesseract, and the words it returns."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from typing import Protocol

from PIL import Image

from extractors.errors import ErrorCode, GuichetError


@dataclass(frozen=True)
class RawWord:
    """A word as an engine returns it: pixel box in the image it was given."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..1
    line: tuple[int, ...]  # block, paragraph, line (a fourth number: a line found by the second reading)


class OcrEngine(Protocol):
    """What the pipeline needs of an OCR engine."""

    def words(self, image: Image.Image) -> list[RawWord]: ...

    def orientation(self, image: Image.Image) -> tuple[int, float]: ...

    def sparse_words(self, image: Image.Image) -> list[RawWord]: ...


class TesseractEngine:
    """The only code that calls pytesseract; one Tesseract thread per call."""

    def __init__(self, lang: str = "fra", timeout: float = 120.0):
        self.lang = lang
        self.timeout = timeout
        # Tesseract's own OpenMP threads make a page several times slower on few cores;
        # pages are run in parallel instead.
        os.environ["OMP_THREAD_LIMIT"] = "1"

    def words(self, image: Image.Image) -> list[RawWord]:
        """Words with their boxes, via image_to_data on an uncompressed temporary file."""
        return self._words(image, "--psm 3")

    def sparse_words(self, image: Image.Image) -> list[RawWord]:
        """Words found anywhere, without layout analysis (psm 11): text among strokes and stamps."""
        return self._words(image, "--psm 11")

    def block_words(self, image: Image.Image) -> list[RawWord]:
        """Words of a small area read as one block of lines (psm 6): a letter's signatory block."""
        return self._words(image, "--psm 6")

    def _words(self, image: Image.Image, config: str) -> list[RawWord]:
        import pytesseract

        data = self._call(pytesseract.image_to_data, image, self.lang, config)
        words = []
        for i, text in enumerate(data["text"]):
            conf = float(data["conf"][i])
            if conf < 0 or not text.strip():
                continue
            words.append(RawWord(
                text.strip(), data["left"][i], data["top"][i], data["width"][i], data["height"][i],
                conf / 100.0, (data["block_num"][i], data["par_num"][i], data["line_num"][i]),
            ))
        return words

    def orientation(self, image: Image.Image) -> tuple[int, float]:
        """Degrees to turn the image counter-clockwise to make it upright, and a confidence."""
        import pytesseract

        try:
            osd = self._call(pytesseract.image_to_osd, image, "osd", "--psm 0")
        except GuichetError as exc:
            if exc.code is ErrorCode.OCR_TIMEOUT:
                raise
            return 0, 0.0  # too few characters to tell: leave the page as it is
        # Tesseract's "rotate" is clockwise; pages here are turned counter-clockwise.
        return (360 - int(osd.get("rotate", 0))) % 360, float(osd.get("orientation_conf", 0.0))

    def _call(self, function, image: Image.Image, lang: str, config: str):
        import pytesseract

        with tempfile.NamedTemporaryFile(suffix=".pgm") as tmp:
            image.convert("L").save(tmp.name, format="PPM")  # no compression: nearly free
            try:
                return function(tmp.name, lang=lang, config=config,
                                output_type=pytesseract.Output.DICT, timeout=self.timeout)
            except RuntimeError as exc:  # pytesseract reports its timeout this way
                if "timeout" in str(exc).lower():
                    raise GuichetError(ErrorCode.OCR_TIMEOUT) from exc
                raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc
            except pytesseract.TesseractError as exc:
                raise GuichetError(ErrorCode.OCR_FAILED, str(exc)[:200]) from exc
