"""Issue 16: a dossier's letters' signature checks are cached in one transaction, not one each
(each commit is a disk sync with SQLite's synchronous=FULL, kept as it is)."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy import event
from sqlalchemy.orm import Session

from extractors.fields import Piece, SignatureZone
from extractors.model import PageText, PieceKind
from extractors.signature import SignatureCheck
from worker.persistence import cache


def _write_commits(store) -> list[int]:
    """Counts (in a one-item list) the transactions of `store` that wrote something."""
    wrote, count = set(), [0]

    @event.listens_for(store.engine, "before_cursor_execute")
    def _statement(conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("SELECT", "PRAGMA", "SET", "SHOW")):
            wrote.add(id(conn.connection.dbapi_connection))

    @event.listens_for(store.engine, "commit")
    def _commit(conn):
        key = id(conn.connection.dbapi_connection)
        if key in wrote:
            wrote.discard(key)
            count[0] += 1
    return count


def _letters(tmp_path, store, count: int):
    page = PageText(1, 595.0, 842.0, (), ocr=True, confidence=0.9)
    pieces = [Piece(PieceKind.COURRIER_COLLECTIVITE, f"lettre{i}.pdf", (page,), blob=f"blob{i}", blob_kind="pdf")
              for i in range(count)]
    zones = {i: SignatureZone(0, (300.0, 600.0, 550.0, 760.0 + i)) for i in range(count)}
    limits = SimpleNamespace(max_image_pixels=10**8, parse_timeout=60.0, parse_memory_mb=512)
    return pieces, zones, SimpleNamespace(store=store, settings=SimpleNamespace(limits=limits, ocr_workers=2))


def test_the_letters_signature_checks_are_saved_in_one_transaction(tmp_path, store, monkeypatch):
    from worker.core import signatures

    class FakeChild:  # a child's checks, one per letter
        def __init__(self, function, letters, *args, **kwargs):
            self.letters = letters

        def result(self):
            return [SignatureCheck(True, 0.9, None, block_text=(zone.bbox[3],)) for _, _, _, zone in self.letters]

    monkeypatch.setattr(signatures, "Limited", FakeChild)
    pieces, zones, ctx = _letters(tmp_path, store, 3)
    commits = _write_commits(store)
    checks = signatures.check_signatures(pieces, zones, ctx)
    assert commits[0] == 1  # was 3: one per letter
    monkeypatch.setattr(signatures, "Limited", None)  # reprocessing: every check read from the cache
    assert signatures.check_signatures(pieces, zones, ctx) == checks
    assert commits[0] == 1


def test_a_key_saved_meanwhile_by_another_worker_keeps_its_value_and_the_others_are_saved(store, monkeypatch):
    store.save_computed(cache.SIGNATURE, {"b": {"first": True}})
    # the other worker's row appears after this one looked: the batch's insert fails on it
    real_get = Session.get
    monkeypatch.setattr(Session, "get", lambda s, entity, key, **kw: None if key == "b" else real_get(s, entity, key, **kw))
    store.save_computed(cache.SIGNATURE, {"a": {"n": 1}, "b": {"first": False}, "c": {"n": 3}})
    monkeypatch.setattr(Session, "get", real_get)
    assert [store.computed(k) for k in "abc"] == [{"n": 1}, {"first": True}, {"n": 3}]
