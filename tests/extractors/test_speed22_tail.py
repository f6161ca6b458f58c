"""The lines the last batches' first readings missed are read by one Tesseract process started
as the first of those batches ends, not after the last: the other core reads them meanwhile."""

from __future__ import annotations

import threading

from extractors import pages
from tests.engines import ScriptedEngine
from tests.extractors.test_ocr import drawn_page


class _SlowSecondBatch(ScriptedEngine):
    """Reads the first line only (the others are missed). Of two batches read at once, the one
    that comes second waits for the second reading to begin, and says whether it did."""

    def __init__(self):
        super().__init__("Commune de Vitré porteuse du projet territorial")
        self.lock = threading.Lock()
        self.batches = 0
        self.begun = threading.Event()
        self.seen: list[bool] = []
        self.listings: list[int] = []

    def words_each(self, images):
        with self.lock:
            self.batches += 1
            second = self.batches == 2
        if second:
            self.seen.append(self.begun.wait(5))
        return super().words_each(images)

    def sparse_words_each(self, images):
        read = []
        for _ in images:  # a sheet handed: Tesseract reads it while later batches end
            self.begun.set()
            read.append([])
        self.listings.append(len(read))
        return read


def _pages():
    lines = ["Commune de Vitré porteuse du projet territorial", "Le Maire, Jean Dupont, signe ici",
             "Préfecture de la Drôme, service urbanisme"]
    return [(n, drawn_page(lines, (1400, 500), 34, 40, 30, 120), 200.0) for n in (1, 2, 3, 4)]


def test_the_last_batches_missed_lines_are_read_as_each_batch_ends():
    engine = _SlowSecondBatch()
    read = pages.ocr_pages(iter(_pages()), engine, workers=2, total=4)
    assert engine.seen == [True]  # the second reading began before the other batch ended
    assert engine.listings == [4]  # still one process for the four pages' missed lines
    alone = pages.ocr_pages(iter(_pages()), ScriptedEngine(engine.text), workers=1)
    assert read == alone


def test_a_batchs_pages_have_their_missed_lines_cut_out_side_by_side(monkeypatch):
    """Tesseract hands a batch's words all at once: its pages are finished on two threads."""
    from extractors.ocr import page as page_module

    together = threading.Barrier(2)
    met: list[bool] = []
    real = page_module.missed_sheet

    def missed_sheet(words, image):
        try:
            together.wait(5)
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)
        return real(words, image)

    monkeypatch.setattr(page_module, "missed_sheet", missed_sheet)
    engine = ScriptedEngine("Commune de Vitré porteuse du projet territorial")
    read = pages.ocr_pages(iter(_pages()[:2]), engine, workers=1, total=2)
    assert met == [True, True]
    monkeypatch.setattr(page_module, "missed_sheet", real)
    assert read == pages.ocr_pages(iter(_pages()[:2]), ScriptedEngine(engine.text), workers=2)
