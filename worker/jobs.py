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
    if job is not None and done_since(store, dossier_id, job.enqueued_at):
        # A job run again after a Redis restart or a registry clean-up: its work is already in.
        log.info("%s déjà évalué depuis la mise en file de %s", dossier_id, job.id)
        return dossier_id
    with store.session() as s:  # when this reading began: later intake needs another job
        s.add(Event(dossier_id=dossier_id, kind="processing_started",
                    data={"job": job.id if job is not None else None}))
    try:
        pipeline.process_dossier(dossier_id, store=store, settings=settings, engine=engine, cog=cog)
    except Exception as exc:
        if job is None or not job.retries_left:  # the last try: the dossier says it failed
            mark_failed(store, dossier_id, exc)
        raise
    return dossier_id


def read_dossier_job(dossier_id: str) -> str:
    """Read every piece of a dossier (OCR included) into the cache; the assessment job waits for it."""
    from worker import pipeline

    store, engine, _, settings = _context()
    if store.merged_into(dossier_id) != dossier_id:  # joined meanwhile: read with its host
        return dossier_id
    store.set_status(dossier_id, "processing")  # the lease: a reader that dies is found by the sweeper
    count = pipeline.read_pieces(dossier_id, store=store, settings=settings, engine=engine)
    with store.session() as s:  # the assessment may start: the sweeper's clue if Redis lost its job
        s.add(Event(dossier_id=dossier_id, kind="pieces_read", data={"files": count}))
    return dossier_id


def done_since(store: Store, dossier_id: str, when: datetime | None) -> bool:
    """Whether a processing that began after `when` (a job's enqueue time) was completed.

    Began, not ended: files received while a job was reading were not seen by it.
    """
    if when is None:
        return False
    with store.session() as s:
        events = s.execute(select(Event.kind, Event.at).where(
            Event.dossier_id == dossier_id, Event.kind.in_(("processing_started", "assessed")))
            .order_by(Event.at, Event.id)).all()
    began = None
    for kind, at in events:
        if kind == "processing_started" and began is None and naive_utc(at) > naive_utc(when):
            began = at
        elif kind == "assessed" and began is not None:
            return True
    return False


def mark_failed(store: Store, dossier_id: str, exc: BaseException) -> None:
    """Record a permanent failure on the dossier, for reviewers and operators."""
    with store.session() as s:
        dossier = s.get(Dossier, dossier_id)
        if dossier is not None:
            dossier.status = "failed"
            s.add(Event(dossier_id=dossier_id, kind="failed",
                        data={"error": f"{type(exc).__name__}: {exc}"[:500]}))


def stale_dossiers(store: Store, settings: Settings, *, grace: float = 60.0) -> list[tuple[str, str]]:
    """(id, status) of what is left to do: dossiers received but never processed, "processing"
    past the lease (a dead worker), "read" ones (read, but no assessment began since: Redis
    lost the waiting job, or was away to release it), and "deferred" ones (their queuing
    failed after a new message joined them: see `defer`) not assessed since."""
    now = datetime.now(timezone.utc)
    received_before = (now - timedelta(seconds=grace)).replace(tzinfo=None)
    leased_before = (now - timedelta(seconds=settings.lease_seconds)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.execute(select(Dossier.id, Dossier.status, Dossier.updated_at).where(
            or_(Dossier.status == "received", Dossier.status == "processing"))).all()
        deferred = dict(s.execute(select(Event.dossier_id, func.max(Event.at))
                                  .where(Event.kind == "queue_deferred").group_by(Event.dossier_id)).all())
        assessed = _latest(s, "assessed", list(deferred))
        processing = [dossier_id for dossier_id, status, _ in rows if status == "processing"]
        read = _latest(s, "pieces_read", processing)
        begun = _latest(s, "processing_started", list(read))
    stale = [(dossier_id, status) for dossier_id, status, updated in rows
             if naive_utc(updated) < (received_before if status == "received" else leased_before)]
    listed = {dossier_id for dossier_id, _ in stale}
    stale += [(dossier_id, "read") for dossier_id, at in read.items()
              if dossier_id not in listed and naive_utc(at) < received_before
              and naive_utc(begun.get(dossier_id)) < naive_utc(at)]
    listed |= {dossier_id for dossier_id, _ in stale}
    stale += [(dossier_id, "deferred") for dossier_id, at in deferred.items()
              if dossier_id not in listed and naive_utc(at) < received_before
              and naive_utc(assessed.get(dossier_id)) < naive_utc(at)]
    return stale


def _latest(s, kind: str, dossier_ids: list[str]) -> dict:
    """When each of these dossiers last had an event of this kind."""
    if not dossier_ids:
        return {}
    return dict(s.execute(select(Event.dossier_id, func.max(Event.at))
                          .where(Event.kind == kind, Event.dossier_id.in_(dossier_ids))
                          .group_by(Event.dossier_id)).all())


def defer(store: Store, dossier_id: str, exc: BaseException) -> None:
    """Queuing failed (Redis away): say so on the dossier, for the sweeper to queue it later.

    A new dossier is "received" anyway; this also covers a message joining a processed one.
    """
    with store.session() as s:
        s.add(Event(dossier_id=dossier_id, kind="queue_deferred",
                    data={"error": f"{type(exc).__name__}: {exc}"[:500]}))


def sweep(store: Store, settings: Settings, *, grace: float = 60.0) -> list[str]:
    """Queue again whatever the database says is left to do; returns the dossiers queued."""
    from worker.queue import enqueue_assessment, enqueue_processing

    queued = []
    for dossier_id, status in stale_dossiers(store, settings, grace=grace):
        if status == "read":
            enqueue_assessment(settings, dossier_id)
        else:  # a job of a dead worker still looks alive in Redis: a "processing" one gets new jobs
            enqueue_processing(settings, dossier_id, force=status == "processing")
        queued.append(dossier_id)
    return queued


def preload(*, worker: bool = True) -> None:
    """Load in the worker, before it forks one process per job, what every job needs: the
    pipeline's modules, the COG, the OCR engine and spaCy's model (seconds each job would
    otherwise pay again)."""
    from extractors.fields import nlp
    from extractors.ocr import TesseractEngine
    from schemas.cog import Cog
    from worker import pipeline  # noqa: F401

    nlp.available()

    settings = Settings.from_env(os.environ)
    _LOADED.update(settings=settings, cog=Cog.load(), worker=worker,
                   engine=TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout))


def _context():
    if "cog" not in _LOADED:
        preload(worker=False)
    if _LOADED.get("pid") != os.getpid():  # database connections never cross a fork
        _LOADED.update(store=Store(_LOADED["settings"], upgrade=not _LOADED["worker"]), pid=os.getpid())
    return _LOADED["store"], _LOADED["engine"], _LOADED["cog"], _LOADED["settings"]



def noop_job() -> None:
    """No work: bench/queue.py measures the queue's own cost per job with it."""
