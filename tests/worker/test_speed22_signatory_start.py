"""The Tesseract process that reads the letters' signatory blocks again is started before their
pages are rendered and checked: it loads its model meanwhile, on the other core."""

from __future__ import annotations

import subprocess

from extractors.fields.courrier import SignatureZone
from extractors.model import PageText
from extractors.signature import SignatureCheck
from tests.extractors.test_ocr import drawn_page


def test_the_signatory_blocks_tesseract_starts_before_the_pages_are_checked(monkeypatch):
    """The command's path, taken where Tesseract's library cannot be called in process (in
    process, no model is loaded by a process start)."""
    from extractors.ocr import in_process
    from worker.core import signatures

    monkeypatch.setattr(in_process, "available", lambda: False)

    blocks = [drawn_page(["Le Maire,", "Jean-Pierre Dupont"], (700, 260), 34, 40, 40, 90),
              drawn_page(["Pour le Préfet et par délégation,", "La sous-préfète"], (900, 260), 30, 30, 50, 80)]
    events = []
    real_popen = subprocess.Popen

    def popen(*args, **kwargs):
        events.append("tesseract")
        return real_popen(*args, **kwargs)

    def fake_ink(path, kind, page, zone, max_pixels):
        events.append("checked")
        return SignatureCheck(True, 0.9, None), blocks[int(zone.bbox[3]) - 760]

    expected = signatures.block_lines(blocks)  # one listing of the crops made beforehand
    monkeypatch.setattr(signatures, "ink_check", fake_ink)
    monkeypatch.setattr(subprocess, "Popen", popen)
    page = PageText(1, 595.0, 842.0, (), ocr=True, confidence=0.9)
    letters = [("x", "pdf", page, SignatureZone(0, (300.0, 600.0, 550.0, 760.0 + i))) for i in range(2)]
    found = signatures.signatures_of(letters, 10**8)
    assert events == ["tesseract", "checked", "checked"]
    assert [check.block_text for check in found] == expected
    assert expected[0] == ("Le Maire,", "Jean-Pierre Dupont")
