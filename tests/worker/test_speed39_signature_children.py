"""Issue 16: a dossier's letters are checked by one sandboxed child a core, at once, not one
after another in a single child: the tail of a dossier with several letters is shorter."""

from __future__ import annotations

import os
import time
from types import SimpleNamespace

from extractors.fields import Piece, SignatureZone
from extractors.model import PageText, PieceKind
from extractors.signature import SignatureCheck


def _slow_ink(path, kind, page, zone, max_pixels):
    """In the child: a check that takes 0.4 s and says where and when it ran."""
    began = time.time()
    time.sleep(0.4)
    return SignatureCheck(True, 0.9, None, detail=f"{os.getpid()} {began} {time.time()}"), None


def test_two_letters_are_checked_at_once_in_two_sandboxed_children(store, settings, monkeypatch):
    from worker.core import signatures

    monkeypatch.setattr(signatures, "ink_check", _slow_ink)  # the fork copies it into each child
    page = PageText(1, 595.0, 842.0, (), ocr=True, confidence=0.9)
    pieces = [Piece(PieceKind.COURRIER_COLLECTIVITE, f"lettre{i}.pdf", (page,), blob=f"blob{i}", blob_kind="pdf")
              for i in range(2)]
    zones = {i: SignatureZone(0, (300.0, 600.0, 550.0, 760.0 + i)) for i in range(2)}
    assert settings.ocr_workers == 2
    checks = signatures.check_signatures(pieces, zones, SimpleNamespace(store=store, settings=settings))
    (pid0, begin0, end0), (pid1, begin1, end1) = [
        (int(p), float(b), float(e)) for p, b, e in (checks[i].detail.split() for i in range(2))]
    assert os.getpid() not in (pid0, pid1) and pid0 != pid1  # two children
    assert begin1 < end0 and begin0 < end1  # at the same time (one child: one after the other)
