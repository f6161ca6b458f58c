"""Issue 16: a page's check boxes are looked for on a thread of their own while its missed
lines are cut out (after a dossier's last page, the other core was idle through both, one
after the other). The same pages as before."""

from __future__ import annotations

import threading

from extractors import pages
from extractors.ocr import checkbox_words, page as page_module
from extractors.ocr.page import ocr_page
from tests.extractors.test_ocr import drawn_page

WAIT = 20.0  # a bound only a missing overlap reaches (no time is measured)

LINES = ["Commune de Vitré porteuse du projet territorial", "Le Maire, Jean Dupont, signe ici",
         "Préfecture de la Drôme, service urbanisme"]


def _pages():
    return [(n, drawn_page(LINES, (1400, 500), 34, 40, 30, 120), 200.0) for n in (1, 2)]


def test_check_boxes_are_looked_for_while_the_missed_lines_are_cut_out(monkeypatch, engine):
    looked = threading.Event()
    real_find, real_missed = checkbox_words.find_boxes, page_module.missed_sheet
    seen: list[bool] = []

    def find_boxes(image, height):
        looked.set()
        return real_find(image, height)

    def missed_sheet(words, read):
        seen.append(looked.wait(WAIT))  # the boxes looked for meanwhile, not after
        looked.clear()
        return real_missed(words, read)

    monkeypatch.setattr(checkbox_words, "find_boxes", find_boxes)
    monkeypatch.setattr(page_module, "missed_sheet", missed_sheet)
    read = pages.ocr_pages(iter(_pages()[:1]), engine, workers=1)
    assert seen == [True]
    monkeypatch.undo()
    assert read == pages.ocr_pages(iter(_pages()[:1]), engine, workers=1, total=1)


def test_a_page_read_alone_takes_the_boxes_looked_for_beside(monkeypatch, engine):
    calls = []
    real_find = checkbox_words.find_boxes
    monkeypatch.setattr(checkbox_words, "find_boxes", lambda image, height: calls.append(height) or real_find(image, height))
    number, image, dpi = _pages()[0]
    page = ocr_page(image, engine, number=number, dpi=dpi)
    assert len(calls) == 1  # looked for once, beside the missed lines, not again when finished
    assert "Vitré" in page.text
