"""Issue 16: a dossier's letters have their signatures checked by `ocr_workers` children at once
(a scan's two letters on two cores, not one after the other while a core idles), with the same
checks as one child for them all; a child that fails costs only its own letters, checked again
alone. These tests check which children run and their results, never a time."""

from __future__ import annotations

import multiprocessing
import os
import threading
from dataclasses import asdict, replace
from types import SimpleNamespace

from PIL import Image, ImageDraw, ImageFont

from extractors.fields import Piece, letter_zones
from extractors.fields.courrier import read_letter
from extractors.model import PieceKind
from extractors.signature import SignatureCheck
from tests.extractors.letters import letter
from worker.core import signatures

COLL = PieceKind.COURRIER_COLLECTIVITE
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SCALE = 150 / 72


def _letters(tmp_path, count: int):
    """`count` scanned letters (their pages printed at 150 dpi, stored as blobs), every other one
    signed with pen strokes over its block; and a store that keeps what is computed."""
    pieces, zones = [], {}
    for i in range(count):
        names = ("Le Maire,", "Isabelle Le Callennec") if i % 2 else ("Le Maire,", "I. Le C.")  # read again
        reading = read_letter(COLL, "scan.png", (letter(ocr=True, signatory=names, conf=0.92 if i % 2 else 0.6),))
        page = reading.pages[0]
        image = Image.new("L", (round(595 * SCALE), round(842 * SCALE)), 255)
        draw, font = ImageDraw.Draw(image), ImageFont.truetype(FONT, round(10.5 * SCALE))
        for word in page.words:
            draw.text((word.bbox[0] * SCALE, word.bbox[1] * SCALE), word.text, fill=0, font=font)
        zone = letter_zones([Piece(COLL, "scan.png", (page,))])[0]
        if i % 2 == 0:  # a pen's loops across the block
            left, top = zone.bbox[0] * SCALE + 20, zone.bbox[1] * SCALE + 10
            draw.line([(left + 14 * k, top + (22 if k % 2 else 0)) for k in range(12)], fill=20, width=3)
        blob = f"letter{i}"
        image.save(tmp_path / blob, format="PNG", dpi=(150, 150))
        pieces.append(Piece(COLL, f"lettre{i}.png", (page,), blob=blob, blob_kind="image"))
        zones[i] = zone
    return pieces, zones


def _ctx(tmp_path, workers: int, saved: dict):
    store = SimpleNamespace(computed=saved.get, save_computed=lambda key, kind, value: saved.update({key: value}),
                            blobs=SimpleNamespace(path=lambda blob: tmp_path / blob))
    limits = SimpleNamespace(max_image_pixels=10**8, parse_timeout=60.0, parse_memory_mb=1024)
    return SimpleNamespace(store=store, settings=SimpleNamespace(limits=limits, ocr_workers=workers))


def test_letters_checked_by_two_children_at_once_as_by_one(tmp_path, monkeypatch):
    pieces, zones = _letters(tmp_path, 3)
    started = []
    real = signatures.Limited
    monkeypatch.setattr(signatures, "Limited", lambda *a, **k: started.append(len(a[1])) or real(*a, **k))
    one = signatures.check_signatures(pieces, zones, _ctx(tmp_path, 1, {}))
    assert not started  # one child for them all, as before
    saved: dict = {}
    two = signatures.check_signatures(pieces, zones, _ctx(tmp_path, 2, saved))
    assert started == [2, 1]  # letters 0 and 2 in one child, letter 1 in the other
    assert {i: asdict(c) for i, c in two.items()} == {i: asdict(c) for i, c in one.items()}
    assert sorted(two) == [0, 1, 2] and len(saved) == 3
    assert two[0].block_text and not two[1].block_text  # letter 0's block read again on its dark ink
    # checked again, the cache answers: no child
    started.clear()
    assert signatures.check_signatures(pieces, zones, _ctx(tmp_path, 2, saved)) == two and not started


_BARRIER = multiprocessing.get_context("fork").Barrier(2)  # shared memory: the sandboxes write no file


def _meets_the_other(letters, max_pixels):
    """In a child: waits for the other child at the barrier (a bound that only children run one
    after the other reach)."""
    try:
        _BARRIER.wait(timeout=30)
    except threading.BrokenBarrierError:
        return [SignatureCheck(None, 0.0, None, detail="alone") for _ in letters]
    return [SignatureCheck(True, 0.9, None, detail="met") for _ in letters]


def test_the_children_run_at_the_same_time_and_fields_are_read_meanwhile(tmp_path, monkeypatch):
    pieces, zones = _letters(tmp_path, 2)
    monkeypatch.setattr(signatures, "signatures_of", _meets_the_other)
    forked = []
    checks = signatures.check_signatures(pieces, zones, _ctx(tmp_path, 2, {}), forked=lambda: forked.append(1))
    assert [checks[i].detail for i in (0, 1)] == ["met", "met"] and forked == [1]


def _dies_on_the_first_letter(letters, max_pixels):
    if any(zone.bbox[3] == 900.0 for _, _, _, zone in letters):
        os._exit(3)  # a crash of the child: no result sent
    return [SignatureCheck(True, 0.9, None, detail="shared") for _ in letters]


def test_a_failed_child_costs_only_its_own_letters_checked_again_alone(tmp_path, monkeypatch):
    pieces, zones = _letters(tmp_path, 3)
    zones = {i: replace(zone, bbox=(*zone.bbox[:3], 900.0 + i)) for i, zone in zones.items()}
    monkeypatch.setattr(signatures, "signatures_of", _dies_on_the_first_letter)
    alone = []
    monkeypatch.setattr(signatures, "_alone", lambda args, limits, timeout: alone.append(args[3].bbox[3]) or
                        SignatureCheck(False, 0.8, None, detail="alone"))
    saved: dict = {}
    checks = signatures.check_signatures(pieces, zones, _ctx(tmp_path, 2, saved))
    assert alone == [900.0, 902.0]  # the failed child's letters, each alone
    assert [checks[i].detail for i in range(3)] == ["alone", "shared", "alone"] and len(saved) == 3
