"""RQ entry points: tiny, JSON arguments, failures escape so that RQ retries them."""

from __future__ import annotations

import gc
import logging
import os
from datetime import datetime, timedelta, timezone
from typing import NamedTuple

from sqlalchemy import func, or_, select

from worker.db import Dossier, Event
from worker.settings import Settings
from worker.store import Store, naive_utc

log = logging.getLogger(__name__)

_LOADED: dict = {}  # per worker process: the OCR engine, the COG and the store, loaded once


def intake_job(sha256: str, name: str, source: str) -> str | None:
    """Take a stored message into its dossier, then queue the dossier's other stages (idempotent:
    the same message again changes nothing)."""
    from worker.queue import enqueue_processing
    from worker.smtp import take_in

    store, _, _, settings = _context()
    dossier_id = take_in(store, settings, sha256, name, source)
    if dossier_id is not None:
        try:
            enqueue_processing(settings, dossier_id)
        except Exception as exc:  # Redis lost after the intake: the sweeper queues the dossier
            defer(store, dossier_id, exc)
            raise
    return dossier_id


def read_job(dossier_id: str) -> str:
    """Read every piece of a dossier (OCR included) into the cache; understanding waits for it."""
    from rq import get_current_job

    from worker import pipeline

    store, engine, _, settings = _context()
    if store.merged_into(dossier_id) != dossier_id:  # joined meanwhile: read with its host
        return dossier_id
    job = get_current_job()
    if job is not None and done_since(store, dossier_id, job.created_at):
        return dossier_id  # queued twice: the other chain did it all (see understand_job)
    store.set_status(dossier_id, "processing")  # the lease: a reader that dies is found by the sweeper
    count = pipeline.read_pieces(dossier_id, store=store, settings=settings, engine=engine)
    with store.session() as s:  # understanding may start: the sweeper's clue if Redis lost its job
        s.add(Event(dossier_id=dossier_id, kind="pieces_read", data={"files": count}))
    return dossier_id


def understand_job(dossier_id: str) -> str:
    """Split, classify and extract the pieces of a dossier (idempotent: twice changes nothing)."""
    from rq import get_current_job

    from worker import pipeline

    store, engine, cog, settings = _context()
    job = get_current_job()
    if store.merged_into(dossier_id) != dossier_id:
        return dossier_id
    # Created, not enqueued: a waiting stage is enqueued when the one before it ends.
    if job is not None and done_since(store, dossier_id, job.created_at):
        # A job run again after a Redis restart, or queued twice: its work is already in.
        log.info("%s déjà analysé depuis la création de %s", dossier_id, job.id)
        return dossier_id
    with store.session() as s:  # when this understanding began: later intake needs another job
        s.add(Event(dossier_id=dossier_id, kind="processing_started",
                    data={"job": job.id if job is not None else None}))
    _or_failed(store, dossier_id, job, pipeline.understand_dossier, dossier_id, store=store,
               settings=settings, engine=engine, cog=cog)
    return dossier_id


def assess_job(dossier_id: str) -> str:
    """Assess the dossier as understood, then join it to an open dossier of its collectivité
    (idempotent: a dossier assessed since its last understanding is left as it is)."""
    from rq import get_current_job

    from worker import pipeline

    store, engine, cog, settings = _context()
    job = get_current_job()
    if store.merged_into(dossier_id) != dossier_id:
        return dossier_id
    with store.session() as s:
        latest = _latest(s, "understood", [dossier_id]).get(dossier_id)
        assessed = _latest(s, "assessed", [dossier_id]).get(dossier_id)
    if latest is None or (assessed is not None and naive_utc(assessed) >= naive_utc(latest)):
        log.info("%s : rien de nouveau à évaluer", dossier_id)
        return dossier_id
    return _or_failed(store, dossier_id, job, pipeline.assess_dossier, dossier_id, store=store,
                      settings=settings, engine=engine, cog=cog)


def _or_failed(store: Store, dossier_id: str, job, function, /, *args, **kwargs):
    """Run a stage; on its last try, a failure is recorded on the dossier (RQ still sees it)."""
    try:
        return function(*args, **kwargs)
    except Exception as exc:
        if job is None or not job.retries_left:
            mark_failed(store, dossier_id, exc)
        raise


def done_since(store: Store, dossier_id: str, when: datetime | None) -> bool:
    """Whether an understanding that began after `when` (a job's creation) was completed.

    Began, not ended: files received while a job was reading were not seen by it.
    """
    if when is None:
        return False
    with store.session() as s:
        events = s.execute(select(Event.kind, Event.at).where(
            Event.dossier_id == dossier_id, Event.kind.in_(("processing_started", "understood")))
            .order_by(Event.at, Event.id)).all()
    began = None
    for kind, at in events:
        if kind == "processing_started" and began is None and naive_utc(at) > naive_utc(when):
            began = at
        elif kind == "understood" and began is not None:
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
    """(id, stage to start from) of the dossiers left to do, by what the database says:

    - received but never processed, or whose queuing failed (`defer`) and not assessed since:
      from the reading;
    - "processing" past the lease (a dead worker): from the reading, with new jobs;
    - between two stages (read but no understanding begun since, understood but not
      assessed since) for longer than `grace`: Redis lost the next job, or was away to
      release it; from that next stage.

    The first and last kinds may still have a job waiting in Redis: `sweep` checks.
    """
    now = datetime.now(timezone.utc)
    received_before = (now - timedelta(seconds=grace)).replace(tzinfo=None)
    leased_before = (now - timedelta(seconds=settings.lease_seconds)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.execute(select(Dossier.id, Dossier.status, Dossier.updated_at).where(
            or_(Dossier.status == "received", Dossier.status == "processing"))).all()
        deferred = dict(s.execute(select(Event.dossier_id, func.max(Event.at))
                                  .where(Event.kind == "queue_deferred").group_by(Event.dossier_id)).all())
        processing = [dossier_id for dossier_id, status, _ in rows if status == "processing"]
        read = _latest(s, "pieces_read", processing)
        begun = _latest(s, "processing_started", processing)
        understood = _latest(s, "understood", processing)
        assessed = _latest(s, "assessed", [*deferred, *understood])
    stale = {dossier_id: "forced" for dossier_id, status, updated in rows
             if status == "processing" and naive_utc(updated) < leased_before}
    for dossier_id, status, updated in rows:
        if status == "received" and naive_utc(updated) < received_before:
            stale.setdefault(dossier_id, "read")
    older = lambda at: naive_utc(at) < received_before  # noqa: E731
    for dossier_id, at in read.items():
        if older(at) and naive_utc(begun.get(dossier_id)) < naive_utc(at):
            stale.setdefault(dossier_id, "understand")
    for dossier_id, at in understood.items():
        if older(at) and naive_utc(begun.get(dossier_id)) <= naive_utc(at) \
                and naive_utc(assessed.get(dossier_id)) < naive_utc(at):
            stale.setdefault(dossier_id, "assess")
    for dossier_id, at in deferred.items():
        if older(at) and naive_utc(assessed.get(dossier_id)) < naive_utc(at):
            stale.setdefault(dossier_id, "read")
    return list(stale.items())


def unread_messages(store: Store, *, grace: float = 60.0) -> list[tuple[str, str, str]]:
    """(sha256, name, source) of messages the SMTP receiver stored (and acknowledged) but that
    no intake has taken into a dossier, older than `grace`: their intake job was lost."""
    from worker.db import MessageRow, Original
    from worker.smtp import SOURCE

    before = (datetime.now(timezone.utc) - timedelta(seconds=grace)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.scalars(select(Original).where(Original.source == SOURCE,
                                                Original.sha256.not_in(select(MessageRow.sha256)))
                         .order_by(Original.id)).all()
    return [(r.sha256, r.name, r.source) for r in rows if not r.issues and naive_utc(r.received_at) < before]


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


class Swept(NamedTuple):
    """What a sweep queued again."""

    dossiers: list[str]
    messages: list[str]  # names of the stored messages whose intake was queued again


def sweep(store: Store, settings: Settings, *, grace: float = 60.0) -> Swept:
    """Queue again whatever the database says is left to do and Redis does not hold."""
    from worker import outbox
    from worker.queue import enqueue_intake, enqueue_processing, pending_dossiers

    swept = Swept([], [])
    outbox.sweep(store, settings, grace=grace)  # mails whose job was lost, or whose sender died
    for sha256, name, source in unread_messages(store, grace=grace):
        enqueue_intake(settings, sha256, name, source)  # the same job when it is only waiting
        swept.messages.append(name)
    stale = stale_dossiers(store, settings, grace=grace)
    pending = pending_dossiers(settings) if stale else set()
    for dossier_id, start in stale:
        if start == "forced":  # a job of a dead worker still looks alive in Redis: new jobs
            enqueue_processing(settings, dossier_id, force=True)
        elif dossier_id in pending:  # only waiting its turn behind others
            continue
        else:
            enqueue_processing(settings, dossier_id, force=True, start=start)
        swept.dossiers.append(dossier_id)
    return swept


def preload(*, worker: bool = True) -> None:
    """Load in the worker, before it forks one process per job, what every job needs: the
    pipeline's modules, the COG, the OCR engine and spaCy's model (seconds each job would
    otherwise pay again)."""
    from extractors.fields import nlp
    from extractors.ocr.engine import TesseractEngine
    from schemas.cog import Cog
    from worker import pipeline  # noqa: F401

    nlp.available()

    settings = Settings.from_env(os.environ)
    _LOADED.update(settings=settings, cog=Cog.load(), worker=worker,
                   engine=TesseractEngine(settings.ocr_lang, settings.limits.ocr_page_timeout))
    if worker:
        # What was loaded lives as long as the worker: out of the garbage collector's sight, a
        # job's full collections neither walk it (0.2 s each) nor copy its pages after the fork.
        gc.freeze()


def _context():
    if "cog" not in _LOADED:
        preload(worker=False)
    if _LOADED.get("pid") != os.getpid():  # database connections never cross a fork
        _LOADED.update(store=Store(_LOADED["settings"], upgrade=not _LOADED["worker"]), pid=os.getpid())
    return _LOADED["store"], _LOADED["engine"], _LOADED["cog"], _LOADED["settings"]



def mail_job(outbox_id: int) -> str:
    """Send one mail of the outbox (idempotent: see worker.outbox); a relay that fails raises,
    for RQ to retry with backoff; the last try leaves the mail failed, visible on the dossier."""
    from rq import get_current_job

    from worker import outbox

    if "settings" not in _LOADED:  # a mail needs neither OCR nor the COG
        _LOADED.update(settings=Settings.from_env(os.environ), worker=False)
    if _LOADED.get("mail_pid") != os.getpid():
        _LOADED.update(mail_store=Store(_LOADED["settings"], upgrade=False), mail_pid=os.getpid())
    job = get_current_job()
    final = job is None or not job.retries_left
    return outbox.deliver(_LOADED["mail_store"], _LOADED["settings"], outbox_id, final=final)


def noop_job() -> None:
    """No work: bench/queue.py measures the queue's own cost per job with it."""
