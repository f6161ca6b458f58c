"""Issue 16: a worker loads INSEE's given names once, before it forks a process per job; a
`guichet process` batch, which runs its dossiers in one process, only when a name needs them."""

from __future__ import annotations

import gc

import pytest

from extractors.fields import given_names, nlp, plausible
from extractors.ocr import in_process
from worker.core import context
from worker.entry import jobs


@pytest.fixture()
def light(monkeypatch):
    """preload without its seconds of spaCy, geography and OCR engine (and its Tesseract APIs)."""
    monkeypatch.setattr(in_process, "preload", lambda lang, count: None)
    monkeypatch.setattr(nlp, "available", lambda: False)
    monkeypatch.setattr(context, "geography", lambda: None)
    monkeypatch.setattr(context, "ocr_engine", lambda settings: None)
    monkeypatch.setattr(gc, "freeze", lambda: None)
    monkeypatch.setattr(jobs, "_LOADED", {})
    monkeypatch.setattr(nlp, "vocabulary", lambda: frozenset({"atelier"}))
    given_names.spellings.cache_clear()
    plausible._lexicon.cache_clear()
    yield
    given_names.spellings.cache_clear()
    plausible._lexicon.cache_clear()


def test_a_worker_loads_the_given_names_and_the_lexicon_before_its_jobs(light):
    jobs.preload()
    assert given_names.spellings.cache_info().currsize == 1
    assert plausible._lexicon.cache_info().currsize == 1


def test_a_batch_loads_them_only_when_a_name_needs_them(light):
    jobs.preload(worker=False)
    assert given_names.spellings.cache_info().currsize == 0
    assert plausible._lexicon.cache_info().currsize == 0


def test_the_readers_libraries_are_imported_before_the_sandboxes_fork():
    """Each file's sandboxed reading is a child forked from the job: what the job imported, the
    child has; what it had not, every child imports again (~0.1 s of CPU)."""
    import subprocess
    import sys

    code = """
import gc, sys
from extractors.fields import nlp
from worker.core import context
from worker.entry import jobs
nlp.available = lambda: False
context.geography = lambda: None
context.ocr_engine = lambda settings: None
gc.freeze = lambda: None
libraries = ("cv2", "numpy.ma", "pdfplumber", "pypdfium2")
before = [name for name in libraries if name in sys.modules]
jobs.preload(worker=False)
print(before, [name for name in libraries if name in sys.modules])
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "[] ['cv2', 'numpy.ma', 'pdfplumber', 'pypdfium2']"
