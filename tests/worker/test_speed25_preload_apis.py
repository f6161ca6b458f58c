"""Issue 16: a worker loads Tesseract's APIs before its jobs; the sandboxes forked for a file or
for letters' signatory blocks read with their copies instead of loading their own (~0.08 s of
CPU each, three a scanned dossier)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from extractors.ocr import in_process
from worker.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_preloads_an_api_for_each_thread_that_reads_at_once(monkeypatch):
    import gc

    from extractors.fields import given_names, nlp, plausible
    from worker.core import context
    from worker.entry import jobs

    monkeypatch.setattr(nlp, "available", lambda: False)
    monkeypatch.setattr(context, "geography", lambda: None)
    monkeypatch.setattr(context, "ocr_engine", lambda settings: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(jobs, "_LOADED", {})
    monkeypatch.setattr(given_names, "spellings", lambda: None)
    monkeypatch.setattr(plausible, "known", lambda word: True)
    loaded = []
    monkeypatch.setattr(in_process, "preload", lambda lang, count: loaded.append((lang, count)))
    monkeypatch.setenv("GUICHET_OCR_WORKERS", "2")
    jobs.preload(worker=False)  # a batch: nothing loaded before its first page
    assert loaded == []
    jobs.preload()
    settings = Settings.from_env({"GUICHET_OCR_WORKERS": "2"})
    assert loaded == [(settings.ocr_lang, 3)]
    monkeypatch.setenv("GUICHET_OCR_WORKERS", "32")  # a large machine: a few, the others loaded by their thread
    monkeypatch.setattr(jobs, "_LOADED", {})
    jobs.preload()
    assert loaded[-1] == (settings.ocr_lang, in_process.PRELOADED_READERS + 1)


FORKED_AFTER_A_PRELOAD = """
import threading
from extractors.ocr import in_process
from tests.extractors.test_ocr import drawn_page
from worker.core.sandbox import run_limited
pages = [drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90),
         drawn_page(["Commune de Vitré"], (700, 160), 34, 40, 40, 90)]
in_process.preload("fra", 2)
loads = []
loading = in_process._loaded_api
in_process._loaded_api = lambda *args: loads.append(1) or loading(*args)
def read():
    out = [None, None]
    def one(i):
        out[i] = in_process.tsv_of(pages[i], "fra", 6, 30)
    threads = [threading.Thread(target=one, args=(i,)) for i in range(2)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    return out, len(loads)
child, child_loads = run_limited(read, timeout=60, memory_mb=2048)
print(child_loads, len(loads), "Dupont" in child[0], "Vitré" in child[1])
fresh = [in_process.tsv_of(page, "fra", 6, 30) for page in pages]  # this process's APIs, unused until now
print(child == fresh)
"""


@pytest.mark.skipif(not in_process.available(), reason="libtesseract not found")
def test_a_sandbox_reads_with_the_apis_its_parent_preloaded():
    done = subprocess.run([sys.executable, "-c", FORKED_AFTER_A_PRELOAD], cwd=ROOT, capture_output=True,
                          text=True, timeout=180)
    lines = done.stdout.split("\n")
    assert lines[0] == "0 0 True True", done.stderr[-2000:]  # no API loaded, in the child nor here
    assert lines[1] == "True"  # the words a fresh API reads
