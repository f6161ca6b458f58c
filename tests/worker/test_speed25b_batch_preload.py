"""Issue 16: a process that reads files in sandboxes (a `guichet process` batch) loads Tesseract's
APIs once, after its first reading by OCR, for the sandboxes it forks next (the next files, the
letters' signatory blocks) to read with instead of loading their own; one that reads no scan
never loads them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from extractors.model import FileKind, PageText, ReadResult
from extractors.ocr import in_process
from worker.core import pipeline
from worker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


class _Store:
    def __init__(self, tmp: Path):
        self.blobs = SimpleNamespace(path=lambda sha256: tmp / sha256)
        self.saved = []

    def reading(self, sha256, version):
        return None

    def save_reading(self, sha256, version, result, issues, elapsed, code=None):
        self.saved.append(sha256)
        return result


def _context(tmp: Path, calls: list) -> SimpleNamespace:
    engine = SimpleNamespace(preload=lambda count: calls.append(("preload", count)))
    settings = Settings.from_env({"GUICHET_OCR_WORKERS": "2", "GUICHET_DATA_DIR": str(tmp)})
    return SimpleNamespace(store=_Store(tmp), settings=settings, engine=engine)


def _page(ocr: bool) -> PageText:
    return PageText(1, 595.0, 842.0, (), ocr=ocr, confidence=90.0 if ocr else 0.0)


def test_the_apis_are_loaded_here_after_a_first_reading_by_ocr(monkeypatch, tmp_path):
    calls: list = []
    ocr = {"digital": False, "scan1": True, "scan2": True}
    monkeypatch.setattr(pipeline, "_READ_BY_OCR", set())
    monkeypatch.setattr(pipeline, "run_limited", lambda read, path, *args, **kwargs: calls.append(
        ("sandbox", Path(path).name)) or ReadResult((_page(ocr[Path(path).name]),)))
    ctx = _context(tmp_path, calls)
    for name in ("digital", "scan1", "scan2"):
        pipeline.read_stored_file(name, FileKind.PDF, name, ctx)
    # nothing before a scan was read (a digital batch loads none); then all a file's reading
    # threads read with (2 workers and the missed lines), before the next file's sandbox
    assert calls == [("sandbox", "digital"), ("sandbox", "scan1"), ("preload", 3), ("sandbox", "scan2")]
    pipeline.readers_loaded(ctx, 1)  # the letters' signatory blocks
    assert calls[-1] == ("preload", 1)


def test_a_process_that_read_no_scan_loads_no_api(monkeypatch, tmp_path):
    calls: list = []
    monkeypatch.setattr(pipeline, "_READ_BY_OCR", set())
    monkeypatch.setattr(pipeline, "run_limited", lambda *args, **kwargs: ReadResult((_page(False),)))
    ctx = _context(tmp_path, calls)
    pipeline.read_stored_file("a", FileKind.PDF, "a", ctx)
    pipeline.read_stored_file("b", FileKind.PDF, "b", ctx)
    pipeline.readers_loaded(ctx, 1)
    assert calls == []


def test_readers_are_a_few_reading_workers_and_the_missed_lines():
    assert in_process.readers(1) == 2
    assert in_process.readers(2) == 3
    assert in_process.readers(64) == in_process.PRELOADED_READERS + 1


A_BATCH_OF_TWO_SCANS = """
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from extractors import pages
from extractors.model import FileKind
from extractors.ocr import in_process
from tests.extractors.test_ocr import drawn_page
from worker.core import pipeline
from worker.core.context import ocr_engine
from worker.settings import Settings

tmp = Path(sys.argv[1])
loads = []  # this process's loads (a sandbox's own copy counts its own)
loading = in_process._loaded_api
in_process._loaded_api = lambda *args: loads.append(1) or loading(*args)
reading = pages.read_file
def read_file(*args):  # the sandbox's loads, handed back with its reading (as a table)
    before = len(loads)
    result = reading(*args)
    return replace(result, tables=(((str(len(loads) - before),),),))
pages.read_file = read_file
for name, words in (("one.png", ["Commune de Vitre", "Le Maire"]), ("two.png", ["Jean-Pierre Dupont"])):
    drawn_page(words, (900, 300), 34, 40, 40, 90).save(tmp / name, dpi=(300, 300))
settings = Settings.from_env({"GUICHET_OCR_WORKERS": "2", "GUICHET_DATA_DIR": str(tmp)})
store = SimpleNamespace(blobs=SimpleNamespace(path=lambda sha: tmp / sha), reading=lambda *a: None,
                        save_reading=lambda sha, version, result, *a: result)
ctx = SimpleNamespace(store=store, settings=settings, engine=ocr_engine(settings))
read = []
for name in ("one.png", "two.png"):
    here = len(loads)
    result = pipeline.read_stored_file(name, FileKind.IMAGE, name, ctx)
    words = " ".join(w.text for p in result.pages for w in p.words)
    read.append((len(loads) - here, int(result.tables[0][0][0]), words))
print(read[0][0], read[1][0], read[1][1], read[0][1] > 0)
print("Vitre" in read[0][2], "Dupont" in read[1][2])
"""


@pytest.mark.skipif(not in_process.available(), reason="libtesseract not found")
def test_a_batchs_second_scan_is_read_with_the_apis_its_parent_loaded(tmp_path):
    done = subprocess.run([sys.executable, "-c", A_BATCH_OF_TWO_SCANS, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    lines = done.stdout.split("\n")
    # the first file: none here, its sandbox loads its own; then three here before the second
    # file's sandbox, which loads none
    assert lines[0] == "0 3 0 True", done.stderr[-2000:]
    assert lines[1] == "True True"
