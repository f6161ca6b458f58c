"""A page's check boxes are looked for while Tesseract reads the lines its first reading missed,
and used once those lines are in unless they change the words' median height."""

from __future__ import annotations

import threading

from extractors import pages
from extractors.ocr import checkbox_words
from extractors.ocr.engine import RawWord
from tests.engines import ScriptedEngine
from tests.extractors.test_ocr import drawn_page


class _WaitingForBoxes(ScriptedEngine):
    """Reads the first line only (the others are missed); its second reading waits a while for
    the check boxes to be looked for meanwhile, and says whether they were."""

    def __init__(self, looked: threading.Event):
        super().__init__("Commune de Vitré porteuse du projet territorial")
        self.looked = looked
        self.seen: list[bool] = []

    def sparse_words(self, image):
        self.seen.append(self.looked.wait(10))
        return []

    def sparse_words_each(self, images):
        return [self.sparse_words(image) for image in images]


def _pages():
    lines = ["Commune de Vitré porteuse du projet territorial", "Le Maire, Jean Dupont, signe ici",
             "Préfecture de la Drôme, service urbanisme"]
    return [(n, drawn_page(lines, (1400, 500), 34, 40, 30, 120), 200.0) for n in (1, 2)]


def test_check_boxes_are_looked_for_while_the_missed_lines_are_read(monkeypatch):
    looked = threading.Event()
    calls = []
    real = checkbox_words.find_boxes

    def find_boxes(image, height):
        calls.append(height)
        looked.set()
        return real(image, height)

    monkeypatch.setattr(checkbox_words, "find_boxes", find_boxes)
    engine = _WaitingForBoxes(looked)
    read = pages.ocr_pages(iter(_pages()), engine, workers=2, total=2)
    assert engine.seen and all(engine.seen)  # looked for before the second reading ended
    assert len(calls) == 2  # once a page: the missed lines left the words' height as it was
    alone = pages.ocr_pages(iter(_pages()), ScriptedEngine(engine.text), workers=1)
    assert read == alone


def test_boxes_looked_for_at_another_height_are_looked_for_again(monkeypatch):
    calls = []
    monkeypatch.setattr(checkbox_words, "find_boxes", lambda image, height: calls.append(height) or [])
    words = [RawWord("Commune", 10, 10, 90, 30, 0.9, (1, 1, 1)), RawWord("Vitré", 110, 10, 60, 30, 0.9, (1, 1, 1))]
    checkbox_words.with_checkboxes(words, None, found=(30, []))
    assert calls == []  # the words' height: the boxes found before are theirs
    checkbox_words.with_checkboxes(words, None, found=(24, []))
    assert calls == [30]


def test_pages_are_read_with_opencv_on_one_thread():
    """Pages are prepared on threads of their own: OpenCV's pool would only add its threads'
    wake-ups and spins on cores Tesseract already uses."""
    import cv2

    before = cv2.getNumThreads()
    try:
        cv2.setNumThreads(2)
        pages.ocr_pages(iter(_pages()[:1]), ScriptedEngine("Commune de Vitré"), workers=1)
        assert cv2.getNumThreads() == 1
    finally:
        cv2.setNumThreads(before)
