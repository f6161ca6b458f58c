"""Tesseract read in this process through its library (issue 16): the command's words, without
the command's start (~0.07 s of CPU a call) nor its fresh process's cost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.errors import ErrorCode, GuichetError
from extractors.ocr import in_process
from extractors.ocr.engine import TesseractEngine
from tests.extractors.test_ocr import LINES, drawn_page

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not in_process.available(), reason="libtesseract not found")


def _pages():
    return [drawn_page(LINES, (1400, 1000), 34, 90, 120, 120),
            drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90),
            drawn_page([""], (300, 120), 30, 10, 10, 10)]  # nothing to read


def _by_command(monkeypatch, read):
    with monkeypatch.context() as patched:
        patched.setattr(in_process, "available", lambda: False)
        return read()


def test_words_read_in_process_are_the_commands(engine, monkeypatch):
    pages = _pages()
    for read in (lambda: [engine.words(p) for p in pages], lambda: [engine.sparse_words(p) for p in pages],
                 lambda: engine.blocks_words(pages), lambda: engine.words_each(pages),
                 lambda: engine.sparse_words_each(pages)):
        assert read() == _by_command(monkeypatch, read)
    assert "Vitré" in [w.text for w in engine.words(pages[0])]


def test_no_process_is_started_to_read(engine, monkeypatch):
    pages = _pages()
    engine.words(pages[1])  # this thread's API loaded

    def no_start(*args, **kwargs):
        raise AssertionError("a Tesseract process was started")

    monkeypatch.setattr(subprocess, "Popen", no_start)
    assert [w.text for w in engine.block_words(pages[1])] == ["Le", "Maire,", "Jean-Pierre", "Dupont"]
    assert len(engine.words_each(pages)) == 3


def test_a_reading_past_its_deadline_is_a_timeout():
    engine = TesseractEngine("fra", timeout=0.001)
    with pytest.raises(GuichetError) as caught:
        engine.words(drawn_page(LINES * 6, (2400, 3400), 34, 90, 120, 50))
    assert caught.value.code is ErrorCode.OCR_TIMEOUT


def test_an_unknown_language_fails_as_the_command_does():
    with pytest.raises(GuichetError) as caught:
        TesseractEngine("xx_nonexistent", timeout=30).words(_pages()[1])
    assert caught.value.code is ErrorCode.OCR_FAILED



FORKED_AFTER_A_READING = """
import os
from extractors.ocr import in_process
from tests.extractors.test_ocr import drawn_page
from worker.core.sandbox import run_limited
page = drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90)
def read():
    return "Dupont" in in_process.tsv_of(page, "fra", 6, 30)
assert read()  # the library loaded and used here, with no thread limit set beforehand
print(run_limited(read, timeout=30, memory_mb=2048))
"""


def test_a_child_forked_after_a_reading_in_this_process_reads_too():
    """The library loaded without OMP_THREAD_LIMIT (a test, a script) started OpenMP's pool in
    this process; a sandbox forked from it then hung at its first reading (PARSE_TIMEOUT)."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    done = subprocess.run([sys.executable, "-c", FORKED_AFTER_A_READING], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "True", done.stderr[-2000:]
