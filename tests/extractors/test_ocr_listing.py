"""Several signatory blocks read by one Tesseract process, and the letters of a dossier checked in
one child: the same readings as one call and one child each, fewer process starts."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from extractors import pages
from extractors.errors import ErrorCode, GuichetError
from extractors.fields import Piece
from extractors.fields.courrier import SignatureZone
from extractors.model import PageText, PieceKind
from extractors.ocr import in_process
from extractors.ocr.engine import TesseractEngine
from extractors.pages import MAX_BATCH, batch_size, ocr_pages
from extractors.signature import SignatureCheck
from tests.extractors.test_ocr import drawn_page


def test_images_of_one_listing_read_as_each_alone(engine):
    blocks = [drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90),
              drawn_page(["Pour le Préfet et par délégation,", "La sous-préfète"], (900, 260), 30, 30, 50, 80),
              drawn_page([""], (300, 120), 30, 10, 10, 10)]  # nothing to read
    assert engine.blocks_words(blocks) == [engine.block_words(b) for b in blocks]
    assert [w.text for w in engine.blocks_words(blocks)[0]] == ["Le", "Maire,", "Jean-Pierre", "Dupont"]


def _dossier(tmp_path, letters: int):
    page = PageText(1, 595.0, 842.0, (), ocr=True, confidence=0.9)
    pieces = [Piece(PieceKind.COURRIER_COLLECTIVITE, f"lettre{i}.pdf", (page,), blob=f"blob{i}", blob_kind="pdf")
              for i in range(letters)]
    zones = {i: SignatureZone(0, (300.0, 600.0, 550.0, 760.0 + i)) for i in range(letters)}
    saved = {}
    store = SimpleNamespace(computed=lambda key: None, save_computed=lambda kind, values: saved.update(values),
                            blobs=SimpleNamespace(path=lambda blob: tmp_path / blob))
    limits = SimpleNamespace(max_image_pixels=10**8, parse_timeout=60.0, parse_memory_mb=512)
    return pieces, zones, SimpleNamespace(store=store, settings=SimpleNamespace(limits=limits, ocr_workers=2)), saved


class _FakeChild:
    """signatures.Limited's stand-in: records the letters each child was given; a child given
    the letter of bottom 761 fails (its time out)."""

    def __init__(self, calls, function, letters, *args, **kwargs):
        self.letters = letters
        calls.append([zone.bbox[3] for _, _, _, zone in letters])

    def result(self):
        if any(zone.bbox[3] == 761.0 for _, _, _, zone in self.letters):
            raise GuichetError(ErrorCode.PARSE_TIMEOUT, "60 s")
        return [SignatureCheck(True, 0.9, None, block_text=(zone.bbox[3],)) for _, _, _, zone in self.letters]


def test_a_dossiers_letters_are_shared_among_one_child_a_core(tmp_path, monkeypatch):
    from worker.core import signatures

    calls = []
    monkeypatch.setattr(signatures, "Limited", lambda *a, **k: _FakeChild(calls, *a, **k))
    monkeypatch.setattr(signatures, "run_limited", None)  # no letter checked alone
    pieces, zones, ctx, saved = _dossier(tmp_path, 4)
    zones[1] = SignatureZone(0, (300.0, 600.0, 550.0, 765.0))  # no child fails
    checks = signatures.check_signatures(pieces, zones, ctx)
    assert calls == [[760.0, 762.0], [765.0, 763.0]]  # two cores: two children, letters dealt in turn
    assert {i: c.block_text for i, c in checks.items()} == {0: (760.0,), 1: (765.0,), 2: (762.0,), 3: (763.0,)}
    assert len(saved) == 4
    calls.clear()
    ctx.settings.ocr_workers = 1
    signatures.check_signatures(pieces, zones, ctx)
    assert calls == [[760.0, 765.0, 762.0, 763.0]]


def test_when_a_child_fails_each_of_its_letters_is_checked_alone(tmp_path, monkeypatch):
    """A page that kills its child (time, memory) costs only its own letter's verdict."""
    from worker.core import signatures

    calls, alone = [], []

    def fake_alone(function, *args, **kwargs):
        alone.append(args[3].bbox[3])
        if args[3].bbox[3] == 761.0:
            raise GuichetError(ErrorCode.PARSE_TIMEOUT, "60 s")
        return SignatureCheck(True, 0.9, None)

    monkeypatch.setattr(signatures, "Limited", lambda *a, **k: _FakeChild(calls, *a, **k))
    monkeypatch.setattr(signatures, "run_limited", fake_alone)
    pieces, zones, ctx, saved = _dossier(tmp_path, 4)
    checks = signatures.check_signatures(pieces, zones, ctx)
    assert calls == [[760.0, 762.0], [761.0, 763.0]]
    assert alone == [761.0, 763.0]  # the failed child's letters only
    assert sorted(checks) == [0, 2, 3] and len(saved) == 3


def test_a_letter_whose_page_cannot_be_rendered_leaves_the_others_checked(tmp_path, monkeypatch):
    from worker.core import signatures

    def fake_ink(path, kind, page, zone, max_pixels):
        if zone.bbox[3] == 760.0:
            raise GuichetError(ErrorCode.PAGE_UNREADABLE)
        return SignatureCheck(True, 0.9, None), None

    monkeypatch.setattr(signatures, "ink_check", fake_ink)
    pieces, zones, _, _ = _dossier(tmp_path, 2)
    found = signatures.signatures_of([("x", "pdf", pieces[i].pages[0], zones[i]) for i in range(2)], 10**8)
    assert isinstance(found[0], GuichetError) and found[1].signed is True


class ListingCounter(TesseractEngine):
    """Real Tesseract, counting its processes for first readings (`words` and `words_each`)."""

    def __init__(self, fail_listing: bool = False):
        super().__init__()
        self.starts: list[int] = []
        self.fail_listing = fail_listing

    def words(self, image):
        self.starts.append(1)
        return super().words(image)

    def words_each(self, images):
        if len(images) > 1:
            self.starts.append(len(images))
            if self.fail_listing:
                raise GuichetError(ErrorCode.OCR_TIMEOUT)
        return super().words_each(images)


def _pages():
    lines = ["FICHE DE CANDIDATURE", "Collectivité porteuse : Commune de Vitré", "Le Maire, Jean Dupont"]
    return [(n, drawn_page(lines[n - 1:] + lines[:n - 1], (1400, 700), 34, 90, 120, 120), 200.0) for n in (1, 2, 3, 4)]


def test_pages_of_a_known_count_are_read_in_batches_as_one_by_one(monkeypatch):
    monkeypatch.setattr(in_process, "available", lambda: False)  # the command's path: a start a batch
    alone = ocr_pages(iter(_pages()), ListingCounter(), workers=2)
    engine = ListingCounter()
    batched = ocr_pages(iter(_pages()), engine, workers=2, total=4)
    assert batched == alone and "Vitré" in batched[2].text
    assert sorted(engine.starts) == [2, 2]  # two Tesseract processes for four pages, one a worker
    assert [batch_size(n, 2) for n in (None, 1, 2, 3, 5, 40)] == [1, 1, 1, 2, 3, MAX_BATCH]


def test_a_batch_that_fails_is_read_page_by_page(monkeypatch):
    monkeypatch.setattr(in_process, "available", lambda: False)
    alone = ocr_pages(iter(_pages()), ListingCounter(), workers=2)
    engine = ListingCounter(fail_listing=True)
    assert ocr_pages(iter(_pages()), engine, workers=2, total=4) == alone
    assert sorted(engine.starts) == [1, 1, 1, 1, 2, 2]


def test_in_process_each_page_is_a_job_of_its_own_read_as_in_batches(monkeypatch):
    """Tesseract's library pays no start a batch: pages are read one a job, the same pages."""
    engine = ListingCounter()
    if not in_process.available():
        pytest.skip("Tesseract's library is not loadable here")
    alone = ocr_pages(iter(_pages()), engine, workers=2, total=4)
    assert engine.starts == [1, 1, 1, 1]  # no listing of several pages
    assert not pages.listing_pays(engine) and pages.listing_pays(object())
    monkeypatch.setattr(pages, "listing_pays", lambda engine: True)
    batched_engine = ListingCounter()
    assert ocr_pages(iter(_pages()), batched_engine, workers=2, total=4) == alone
    assert sorted(batched_engine.starts) == [2, 2]
