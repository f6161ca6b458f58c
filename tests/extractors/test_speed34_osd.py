"""Tesseract's orientation detection in this process: the command's answer, without its start
nor the page layout it computes and throws away (speed34)."""

from __future__ import annotations

import subprocess

import pytesseract
import pytest
from PIL import Image

from extractors.ocr import in_process
from extractors.ocr.engine import TesseractEngine
from tests.extractors.test_ocr import prose_page

pytestmark = pytest.mark.skipif(not in_process.available(), reason="libtesseract not found")


def _commands(monkeypatch) -> list:
    started = []
    popen = subprocess.Popen

    def counted(*args, **kwargs):
        started.append(args[0])
        return popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counted)
    return started


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_the_orientation_is_the_commands_without_starting_it(monkeypatch, turn):
    page = prose_page().rotate(turn, expand=True)
    osd = pytesseract.image_to_osd(page, lang="osd", config="--psm 0", output_type=pytesseract.Output.DICT)
    expected = ((360 - int(osd["rotate"])) % 360, float(osd["orientation_conf"]))
    engine = TesseractEngine("fra")  # its version asked once, as it is made
    started = _commands(monkeypatch)
    assert engine.orientation(page) == expected
    assert not started
    assert expected[0] == (360 - turn) % 360  # the page found as it was turned


def test_a_page_without_letters_tells_no_orientation(monkeypatch):
    engine = TesseractEngine("fra")
    started = _commands(monkeypatch)
    assert engine.orientation(Image.new("L", (600, 800), 255)) == (0, 0.0)
    assert not started
