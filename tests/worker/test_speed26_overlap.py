"""Issue 16: the work after a scan's pages are read keeps both cores busy.

- the fields are read on a thread of their own while the letters' signature child runs (the
  fiche's need no signature), and wait for the signatures only where they read them;
- in the signature child, each next signatory block is cut out while Tesseract's library reads
  the one before (`made_ahead`).
The same values as before: these tests check the order of the work and its results, never a time.
"""

from __future__ import annotations

import threading

import pytest

from extractors.errors import ErrorCode, GuichetError
from extractors.ocr import engine as engine_module
from extractors.ocr.engine import TesseractEngine, made_ahead
from tests.extractors.test_ocr import drawn_page
from worker.core import pipeline
from worker.core.sandbox import run_limited

WAIT = 30.0  # a bound that only a broken overlap reaches (no timing is measured)


def _child_waits(path: str) -> str:
    # the parent's `forked` runs while the child is alive: the child waits for its mark
    import os
    import time

    for _ in range(3000):
        if os.path.exists(path):
            return "seen"
        time.sleep(0.01)
    return "not seen"


def test_run_limited_calls_forked_while_the_child_runs(tmp_path):
    mark = tmp_path / "mark"
    seen_from = []

    def forked():
        seen_from.append(threading.current_thread().name)
        mark.write_text("x")  # the parent's work meanwhile

    assert run_limited(_child_waits, str(mark), timeout=60, memory_mb=512, forked=forked) == "seen"
    assert seen_from == [threading.main_thread().name]


def test_made_ahead_makes_the_next_item_while_the_caller_holds_this_one():
    second_made = threading.Event()
    made_on = []

    def items():
        made_on.append(threading.current_thread().name)
        yield 1
        made_on.append(threading.current_thread().name)
        second_made.set()
        yield 2

    got = []
    for item in made_ahead(items()):
        if item == 1:  # the second is made meanwhile, not when asked for
            assert second_made.wait(WAIT)
        got.append(item)
    assert got == [1, 2]
    assert all(name != threading.current_thread().name for name in made_on)


def test_made_ahead_raises_where_the_failing_item_would_have_come():
    def items():
        yield 1
        raise GuichetError(ErrorCode.PAGE_UNREADABLE)

    got = []
    with pytest.raises(GuichetError):
        for item in made_ahead(items()):
            got.append(item)
    assert got == [1]


def test_a_stopped_listing_leaves_the_item_made_meanwhile_done_and_the_rest_to_its_owner(monkeypatch):
    """The caller of a listing that fails goes on iterating its images (the signature child
    checks every letter): the image made ahead is made once, and nothing is left running."""
    from extractors.ocr import in_process

    if not in_process.available():
        pytest.skip("Tesseract's library is not loadable here")
    made = []

    def images():
        for i in range(4):
            made.append(i)
            yield drawn_page([f"Ligne {i}"], (400, 120), 30, 20, 20, 40)

    source = images()

    def failing(self, image, config):
        raise GuichetError(ErrorCode.OCR_FAILED, "x")

    monkeypatch.setattr(TesseractEngine, "_words", failing)
    with pytest.raises(GuichetError):
        TesseractEngine().blocks_words_streamed(source, 4)
    rest = list(source)  # no "generator already executing": the thread made its item and stopped
    assert made == [0, 1, 2, 3] and len(rest) == 2


def test_blocks_streamed_ahead_read_the_same_words_as_each_alone():
    blocks = [drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90),
              drawn_page(["Pour le Préfet et par délégation,", "La sous-préfète"], (900, 260), 30, 30, 50, 80),
              drawn_page(["Le Président,", "Marie Curie"], (700, 260), 34, 40, 40, 90)]
    tesseract = TesseractEngine()
    alone = [tesseract.block_words(block) for block in blocks]
    assert tesseract.blocks_words_streamed(iter(blocks), len(blocks)) == alone
    assert any(w.text == "Dupont" for w in alone[0])


def test_made_ahead_is_used_only_in_process(monkeypatch):
    """The command's path streams its images to one Tesseract process, as before."""
    monkeypatch.setattr(engine_module.in_process, "available", lambda: False)
    used = []
    monkeypatch.setattr(engine_module, "made_ahead", lambda items: used.append(1) or iter(items))
    block = drawn_page(["Le Maire,"], (500, 160), 34, 40, 40, 60)
    TesseractEngine().blocks_words_streamed(iter([block, block]), 2)
    assert not used


# The fields beside the signatures ---------------------------------------------------------

def test_fields_beside_read_the_fiche_before_the_signatures_are_known(monkeypatch):
    fiche_read = threading.Event()
    calls = []

    def extract_fields(pieces, signatures, letters):
        calls.append(threading.current_thread().name)
        fiche_read.set()  # the fiche's part needs no signature
        return {"signe": signatures.get(0), "count": len(signatures) if signatures else 0}

    monkeypatch.setattr(pipeline, "extract_fields", extract_fields)
    beside = pipeline.FieldsBeside([], {})
    beside.start()  # as the signature child is forked
    assert fiche_read.wait(WAIT)  # read while the signatures are not known yet
    assert beside.given({0: "signé"}) == {"signe": "signé", "count": 1}
    assert calls == ["fields"]


def test_fields_beside_without_a_fork_run_on_the_callers_thread(monkeypatch):
    calls = []

    def extract_fields(pieces, signatures, letters):
        calls.append(threading.current_thread().name)
        return dict(signatures)

    monkeypatch.setattr(pipeline, "extract_fields", extract_fields)
    assert pipeline.FieldsBeside([], {}).given({}) == {}
    assert calls == [threading.current_thread().name]


def test_fields_beside_raise_their_error_on_the_callers_thread(monkeypatch):
    def extract_fields(pieces, signatures, letters):
        raise ValueError("fiche")

    monkeypatch.setattr(pipeline, "extract_fields", extract_fields)
    beside = pipeline.FieldsBeside([], {})
    beside.start()
    with pytest.raises(ValueError):
        beside.given({})


def test_fields_beside_stop_when_the_signatures_fail(monkeypatch):
    waiting = threading.Event()
    ended = []

    def extract_fields(pieces, signatures, letters):
        waiting.set()
        try:
            return dict(signatures)
        finally:
            ended.append(True)

    monkeypatch.setattr(pipeline, "extract_fields", extract_fields)
    beside = pipeline.FieldsBeside([], {})
    beside.start()
    assert waiting.wait(WAIT)
    beside.abandoned(GuichetError(ErrorCode.PARSE_CRASHED, "x"))
    assert ended == [True] and not beside.thread.is_alive()


def test_a_scanned_letter_reads_its_fields_while_its_signature_is_checked(tmp_path, store, settings, engine, cog,
                                                                         monkeypatch):
    """Through the pipeline: the fields start on their thread once the signature child is forked,
    and are those read after the signature, on the caller's thread (reprocessed: cached)."""
    import datetime
    import random

    from extractors.model import Part
    from samples.unseen.maker import degrade
    from samples.unseen.maker.letters import LetterSpec, letter_pdf
    from worker.core.context import make_context
    from worker.core.intake import intake_files

    spec = LetterSpec("prefet", "Solène Perrot", "Le Sous-préfet", "Commune de Sablé-sur-Sarthe", False, "72",
                      "Sarthe", "Pays de la Loire", "Le Mans", "72300", datetime.date(2026, 3, 12), True, True,
                      "Revitaliser le centre", 3)
    image = degrade.scan(degrade.rasterise(letter_pdf(spec), 200)[0], random.Random(3))
    path = tmp_path / "courrier-prefet.png"
    image.save(path, dpi=(200, 200))
    threads, forks = [], []
    real_extract, real_check = pipeline.extract_fields, pipeline.check_signatures

    def extract_fields(*args):
        threads.append(threading.current_thread().name)
        return real_extract(*args)

    def check_signatures(pieces, zones, ctx, forked=None):
        def started():
            forks.append(True)
            forked()
        return real_check(pieces, zones, ctx, forked=started)

    monkeypatch.setattr(pipeline, "extract_fields", extract_fields)
    monkeypatch.setattr(pipeline, "check_signatures", check_signatures)
    intake = intake_files([Part(path.name, path.read_bytes())], "/test", store=store, settings=settings)
    ctx = make_context(settings, store, engine=engine, cog=cog)
    pipeline.run(intake.dossier_id, ctx)
    first = {fid: row.value for fid, row in store.fields(intake.dossier_id).items()}
    pipeline.run(intake.dossier_id, ctx)  # the signature cached: no child, the fields read here
    again = {fid: row.value for fid, row in store.fields(intake.dossier_id).items()}
    assert forks == [True]
    assert threads == ["fields", threading.current_thread().name]
    assert first == again and first.get("courrier_prefet.signe") is True


# A dossier's files read at once ----------------------------------------------------------

def _scan_png(lines: list[str]) -> bytes:
    import io

    out = io.BytesIO()
    drawn_page(lines, (1240, 900), 40, 80, 80, 70).save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


def test_a_dossiers_files_are_read_at_once_each_as_alone(store, settings, engine, cog, monkeypatch):
    """Two scanned files: the second's child is forked before the first's is awaited, from this
    thread; each file's pages are those it reads alone (`read_stored_file`, as before)."""
    from dataclasses import replace

    from extractors.model import READER_VERSION, FileKind
    from worker.core import sandbox
    from worker.core.context import make_context
    from worker.persistence.store import Store

    files = {"a.png": _scan_png(["Fiche de candidature", "Commune de Sablé-sur-Sarthe"]),
             "b.png": _scan_png(["Le Maire,", "Jean-Pierre Dupont"])}
    events = []
    real = sandbox.Limited

    class Recorded(real):
        def __init__(self, function, path, *args, **kwargs):
            events.append(("forked", threading.current_thread().name))
            super().__init__(function, path, *args, **kwargs)

        def result(self):
            events.append(("awaited", threading.current_thread().name))
            return super().result()

    monkeypatch.setattr(pipeline, "Limited", Recorded)
    ctx = make_context(settings, store, engine=engine, cog=cog)
    listed = [(store.blobs.put(data), FileKind.IMAGE, name) for name, data in files.items()]
    pipeline.read_stored_files(listed, ctx)
    here = threading.current_thread().name
    assert events == [("forked", here), ("forked", here), ("awaited", here), ("awaited", here)]

    alone_settings = replace(settings, data_dir=settings.data_dir.parent / "alone",
                             database_url=f"sqlite:///{settings.data_dir.parent / 'alone.sqlite3'}",
                             storage_dir=settings.data_dir.parent / "alone" / "blobs")
    alone = Store(alone_settings)
    alone_ctx = make_context(alone_settings, alone, engine=engine, cog=cog)
    for name, data in files.items():
        sha256 = alone.blobs.put(data)
        by_one = pipeline.read_stored_file(sha256, FileKind.IMAGE, name, alone_ctx)
        at_once = store.reading(sha256, READER_VERSION)
        assert store.pages(at_once.id) == alone.pages(by_one.id)
    assert any("Dupont" in page.text for page in store.pages(store.reading(listed[1][0], READER_VERSION).id))
    assert len(events) == 4  # the files read alone took `run_limited`, not a started child


def test_a_file_that_fails_leaves_no_child_unawaited(store, settings, engine, cog, monkeypatch):
    from extractors.model import READER_VERSION, FileKind
    from worker.core import sandbox
    from worker.core.context import make_context

    awaited = []
    real = sandbox.Limited

    class Failing(real):
        def result(self):
            awaited.append(self)
            if len(awaited) == 1:
                super().result()
                raise KeyboardInterrupt  # not a reading's error: it stops the stage
            return super().result()

    monkeypatch.setattr(pipeline, "Limited", Failing)
    ctx = make_context(settings, store, engine=engine, cog=cog)
    listed = [(store.blobs.put(_scan_png([f"Page {i}"])), FileKind.IMAGE, f"{i}.png") for i in range(3)]
    with pytest.raises(KeyboardInterrupt):
        pipeline.read_stored_files(listed, ctx)
    # the first of the two to end is collected (and fails) once the third is forked: the one
    # running beside it and the third are awaited all the same, and their readings kept
    assert len(awaited) == 3
    assert sum(store.reading(sha, READER_VERSION) is not None for sha, _, _ in listed) == 2
    for child in awaited:  # killed once awaited; one that sent its reading ends unawaited (speed31)
        child.child.join(10)
    assert all(not child.child.is_alive() for child in awaited)


def test_understandings_loads_run_beside_the_reading_after_the_last_fork(store, settings, engine, cog, monkeypatch):
    """A cold `guichet process` loads the geography and spaCy's model while its files are read:
    on a thread started once the last file's child is forked, ended before the stage ends."""
    from extractors.model import Part
    from worker.core import sandbox
    from worker.core.context import make_context
    from worker.core.intake import intake_files

    events = []
    real = sandbox.Limited

    class Recorded(real):
        def __init__(self, *args, **kwargs):
            events.append("forked")
            super().__init__(*args, **kwargs)

    def loaded(ctx):
        events.append(("loading", threading.current_thread().name))

    monkeypatch.setattr(pipeline, "Limited", Recorded)
    monkeypatch.setattr(pipeline, "_loaded_for_understanding", loaded)
    parts = [Part(f"{i}.png", _scan_png([f"Page {i}", "Commune de Sablé-sur-Sarthe"])) for i in range(3)]
    intake = intake_files(parts, "/test", store=store, settings=settings)
    pipeline.read(intake.dossier_id, make_context(settings, store, engine=engine, cog=cog))
    assert events == ["forked", "forked", "forked", ("loading", "loading")]


def test_loading_beside_loads_the_geography_and_spacy_and_never_raises(monkeypatch):
    from types import SimpleNamespace

    from extractors.fields import nlp

    asked = []
    monkeypatch.setattr(nlp, "available", lambda: asked.append("spacy") or True)

    class Ctx:
        @property
        def cog(self):
            asked.append("cog")
            return object()

    pipeline._loaded_for_understanding(Ctx())
    assert asked == ["cog", "spacy"]
    pipeline._loaded_for_understanding(SimpleNamespace())  # no geography here: nothing raised
