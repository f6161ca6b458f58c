"""RQ entry points: tiny, JSON arguments, failures escape so that RQ retries them."""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, or_, select

from worker.db import Dossier, Event
from worker.settings import Settings
from worker.store import Store, naive_utc

log = logging.getLogger(__name__)

_LOADED: dict = {}  # per worker process: the OCR engine, the COG and the store, loaded once


def process_dossier_job(dossier_id: str) -> str:
    """Read, understand and assess one dossier (idempotent: running it twice changes nothing)."""
    from rq import get_current_job

    from worker import pipeline

    store, engine, cog, settings = _context()
    job = get_current_job()
    if job is not None and assessed_since(store, dossier_id, job.enqueued_at):
        # A job run again after a Redis restart or a registry clean-up: its work is already in.
        log.info("%s déjà évalué depuis la mise en file de %s", dossier_id, job.id)
        return dossier_id
    try:
        pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    except Exception as exc:
        if job is None or not job.retries_left:  # the last try: the dossier says it failed
            mark_failed(store, dossier_id, exc)
        raise
    return dossier_id


def assessed_since(store: Store, dossier_id: str, when: datetime | None) -> bool:
    """Whether the dossier was assessed after `when` (a job's enqueue time)."""
    if when is None:
        return False
    with store.session() as s:
        last = s.scalar(select(func.max(Event.at)).where(Event.dossier_id == dossier_id,
                                                         Event.kind == "assessed"))
    return last is not None and naive_utc(last) > naive_utc(when)


def mark_failed(store: Store, dossier_id: str, exc: BaseException) -> None:
    """Record a permanent failure on the dossier, for reviewers and operators."""
    with store.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is not None:
            dossier.status = "failed"
            s.add(Event(dossier_id=dossier_id, kind="failed",
                        data={"error": f"{type(exc).__name__}: {exc}"[:500]}))


def stale_dossiers(store: Store, settings: Settings, *, grace: float = 60.0) -> list[tuple[str, str]]:
    """(id, status) of dossiers received but never processed, or "processing" past the lease (a dead worker)."""
    now = datetime.now(timezone.utc)
    received_before = (now - timedelta(seconds=grace)).replace(tzinfo=None)
    leased_before = (now - timedelta(seconds=settings.lease_seconds)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.execute(select(Dossier.id, Dossier.status, Dossier.updated_at).where(
            or_(Dossier.status == "received", Dossier.status == "processing"))).all()
    return [(dossier_id, status) for dossier_id, status, updated in rows
            if naive_utc(updated) < (received_before if status == "received" else leased_before)]


def sweep(store: Store, settings: Settings, *, grace: float = 60.0) -> list[str]:
    """Queue again whatever the database says is left to do; returns the dossiers queued."""
    from worker.queue import enqueue_processing

    queued = []
    for dossier_id, status in stale_dossiers(store, settings, grace=grace):
        # A job of a dead worker still looks alive in Redis: a "processing" one gets a new job.
        enqueue_processing(settings, dossier_id, force=status == "processing")
        queued.append(dossier_id)
    return queued


def preload(*, worker: bool = True) -> None:
    """Load the COG and the OCR engine in the worker before it forks one process per job."""
    from extractors.ocr import TesseractEngine
    from schemas.cog import Cog

    settings = Settings.from_env(os.environ)
    _LOADED.update(settings=settings, cog=Cog.load(), worker=worker,
                   engine=TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout))


def _context():
    if "cog" not in _LOADED:
        preload(worker=False)
    if _LOADED.get("pid") != os.getpid():  # database connections never cross a fork
        _LOADED.update(store=Store(_LOADED["settings"], upgrade=not _LOADED["worker"]), pid=os.getpid())
    return _LOADED["store"], _LOADED["engine"], _LOADED["cog"], _LOADED["settings"]

