"""RQ entry points: tiny, JSON arguments, failures escape so that RQ retries them."""

from __future__ import annotations

import gc
import logging
import os
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import func, or_, select

from worker.events import EventKind
from worker.persistence.db import Dossier, Event
from worker.persistence.store import Store, naive_utc
from worker.settings import Settings

if TYPE_CHECKING:
    from worker.core.context import Context

log = logging.getLogger(__name__)

_LOADED: dict = {}  # per worker process: the context (OCR engine, COG, store), made once


def intake_job(sha256: str, name: str, source: str) -> str | None:
    """Take a stored message into its dossier, then queue the dossier's other stages (idempotent:
    the same message again changes nothing)."""
    from worker.core import dispatch
    from worker.entry.smtp import take_in

    ctx = _context()
    dossier_id = take_in(ctx.store, ctx.settings, sha256, name, source)
    if dossier_id is not None:  # Redis lost after the intake: deferred for the sweeper, and retried
        dispatch.queue(ctx, dossier_id, strict=True)
    return dossier_id


def read_job(dossier_id: str) -> str:
    """Read every piece of a dossier (OCR included) into the cache; understanding waits for it."""
    return _stage_job("read", dossier_id)


def understand_job(dossier_id: str) -> str:
    """Split, classify and extract the pieces of a dossier (idempotent: twice changes nothing)."""
    return _stage_job("understand", dossier_id)


def assess_job(dossier_id: str) -> str:
    """Assess the dossier as understood, then join it to an open dossier of its collectivité,
    whose stages are then queued (idempotent: a dossier assessed since its last understanding
    is left as it is)."""
    ctx = _context()
    if ctx.store.merged_into(dossier_id) != dossier_id:
        return dossier_id
    with ctx.store.session() as s:
        latest = _latest(s, EventKind.UNDERSTOOD, [dossier_id]).get(dossier_id)
        assessed = _latest(s, EventKind.ASSESSED, [dossier_id]).get(dossier_id)
    if latest is None or (assessed is not None and naive_utc(assessed) >= naive_utc(latest)):
        log.info("%s : rien de nouveau à évaluer", dossier_id)
        return dossier_id
    kept = _stage_job("assess", dossier_id)
    if kept != dossier_id:  # joined: the kept dossier is read again, on the queues
        from worker.core import dispatch

        dispatch.queue(ctx, kept)  # Redis away: deferred, for the sweeper
    return kept


def _stage_job(name: str, dossier_id: str) -> str:
    """One stage of the pipeline as a job: skipped for a dossier joined into another or whose
    understanding was completed since this job was queued; on its last try, a failure is
    recorded on the dossier (RQ still sees it). Returns the dossier to go on with."""
    from rq import get_current_job

    from worker.core import dispatch, pipeline

    ctx, job = _context(), get_current_job()
    if ctx.store.merged_into(dossier_id) != dossier_id:  # joined meanwhile: done with its host
        return dossier_id
    # Created, not enqueued: a waiting stage is enqueued when the one before it ends.
    if name != "assess" and job is not None and done_since(ctx.store, dossier_id, job.created_at):
        # A job run again after a Redis restart, or queued twice: its work is already in.
        log.info("%s déjà analysé depuis la création de %s", dossier_id, job.id)
        return dossier_id
    try:
        return pipeline.run_stage(pipeline.stage(name), dossier_id, ctx,
                                  job=job.id if job is not None else None) or dossier_id
    except Exception as exc:  # a reading that failed for good is understood all the same
        if name != "read" and (job is None or not job.retries_left):
            dispatch.record_failure(ctx.store, dossier_id, exc, source="queue")
        raise


def done_since(store: Store, dossier_id: str, when: datetime | None) -> bool:
    """Whether an understanding that began after `when` (a job's creation) was completed.

    Began, not ended: files received while a job was reading were not seen by it.
    """
    if when is None:
        return False
    with store.session() as s:
        events = s.execute(select(Event.kind, Event.at).where(
            Event.dossier_id == dossier_id, Event.kind.in_((EventKind.PROCESSING_STARTED, EventKind.UNDERSTOOD)))
            .order_by(Event.at, Event.id)).all()
    began = None
    for kind, at in events:
        if kind == EventKind.PROCESSING_STARTED and began is None and naive_utc(at) > naive_utc(when):
            began = at
        elif kind == EventKind.UNDERSTOOD and began is not None:
            return True
    return False


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
    from worker.core.pipeline import STAGES

    first, last = STAGES[0], STAGES[-1]
    now = datetime.now(timezone.utc)
    received_before = (now - timedelta(seconds=grace)).replace(tzinfo=None)
    leased_before = (now - timedelta(seconds=settings.lease_seconds)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.execute(select(Dossier.id, Dossier.status, Dossier.updated_at).where(
            or_(Dossier.status == "received", Dossier.status == "processing"))).all()
        deferred = _latest(s, EventKind.QUEUE_DEFERRED, None)
        processing = [dossier_id for dossier_id, status, _ in rows if status == "processing"]
        kinds = {kind for stage in STAGES for kind in (stage.begun, stage.done) if kind}
        latest = {kind: _latest(s, kind, processing) for kind in kinds}
        latest[last.done] = _latest(s, last.done, [*deferred, *processing])
    stale = {dossier_id: "forced" for dossier_id, status, updated in rows
             if status == "processing" and naive_utc(updated) < leased_before}
    for dossier_id, status, updated in rows:
        if status == "received" and naive_utc(updated) < received_before:
            stale.setdefault(dossier_id, first.name)
    older = lambda at: naive_utc(at) < received_before  # noqa: E731
    when = lambda kind, dossier_id: naive_utc(latest.get(kind, {}).get(dossier_id))  # noqa: E731
    for done, following in zip(STAGES, STAGES[1:]):  # done, not begun again since, the next not begun
        for dossier_id, at in latest[done.done].items():
            if older(at) and (done.begun is None or when(done.begun, dossier_id) <= naive_utc(at)) \
                    and when(following.begun or following.done, dossier_id) < naive_utc(at):
                stale.setdefault(dossier_id, following.name)
    for dossier_id, at in deferred.items():
        if older(at) and when(last.done, dossier_id) < naive_utc(at):
            stale.setdefault(dossier_id, first.name)
    return list(stale.items())


def unread_messages(store: Store, *, grace: float = 60.0) -> list[tuple[str, str, str]]:
    """(sha256, name, source) of messages the SMTP receiver stored (and acknowledged) but that
    no intake has taken into a dossier, older than `grace`: their intake job was lost."""
    from worker.entry.smtp import SOURCE
    from worker.persistence.db import MessageRow, Original

    before = (datetime.now(timezone.utc) - timedelta(seconds=grace)).replace(tzinfo=None)
    with store.session() as s:
        rows = s.scalars(select(Original).where(Original.source == SOURCE,
                                                Original.sha256.not_in(select(MessageRow.sha256)))
                         .order_by(Original.id)).all()
    return [(r.sha256, r.name, r.source) for r in rows if not r.issues and naive_utc(r.received_at) < before]


def _latest(s, kind: EventKind, dossier_ids: list[str] | None) -> dict:
    """When each of these dossiers (None: every one) last had an event of this kind."""
    if dossier_ids is not None and not dossier_ids:
        return {}
    query = select(Event.dossier_id, func.max(Event.at)).where(Event.kind == kind)
    if dossier_ids is not None:
        query = query.where(Event.dossier_id.in_(dossier_ids))
    return dict(s.execute(query.group_by(Event.dossier_id)).all())


class Swept(NamedTuple):
    """What a sweep queued again."""

    dossiers: list[str]
    messages: list[str]  # names of the stored messages whose intake was queued again


def sweep(store: Store, settings: Settings, *, grace: float = 60.0) -> Swept:
    """Queue again whatever the database says is left to do and Redis does not hold."""
    from worker.core.queue import enqueue_intake, enqueue_processing, pending_dossiers
    from worker.mail import outbox

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
    pipeline's modules and the libraries its sandboxed readers use, the COG, the OCR engine
    and spaCy's model (seconds each job would otherwise pay again)."""
    from extractors.fields import given_names, nlp, plausible
    from extractors.ocr import in_process
    from worker.core import pipeline  # noqa: F401
    from worker.core.context import geography, ocr_engine

    nlp.available()
    # What each file's sandboxed reading imports (OpenCV, pdfplumber, PDFium: ~0.1 s of CPU),
    # imported once here rather than again in every child forked for a file or its signatures.
    import cv2  # noqa: F401
    import numpy.ma  # noqa: F401  (np.unique imports it on first use: ~12 ms in each child, reading or signatures)
    import pdfplumber  # noqa: F401
    import pypdfium2  # noqa: F401

    settings = Settings.from_env(os.environ)
    _LOADED.update(settings=settings, cog=geography(), worker=worker, engine=ocr_engine(settings))
    if worker:
        # Loaded on first use, by each job's forked process again: INSEE's given names (~0.25 s
        # of CPU, for a scanned dossier whose names are read) and the French lexicon of spaCy's
        # model that scanned answers are checked against (~0.05 s).
        given_names.spellings()
        plausible.known("atelier")
        # Tesseract's APIs (its model loaded: ~0.08 s of CPU and ~15 MB each), one for each
        # thread that reads at once in a file's sandbox (its reading workers, and the missed
        # lines read meanwhile), a few at most: every sandbox forked for a file or for letters'
        # signatory blocks reads with its copies instead of loading its own.
        in_process.preload(settings.ocr_lang, in_process.readers(settings.ocr_workers))
        # What was loaded lives as long as the worker: out of the garbage collector's sight, a
        # job's full collections neither walk it (0.2 s each) nor copy its pages after the fork.
        gc.freeze()


def _context() -> Context:
    """This process's context: the preloaded engine and COG, a store of its own (database
    connections never cross a fork)."""
    from worker.core.context import make_context

    if "cog" not in _LOADED:
        preload(worker=False)
    if _LOADED.get("pid") != os.getpid():
        _LOADED.update(ctx=make_context(_LOADED["settings"], engine=_LOADED["engine"], cog=_LOADED["cog"],
                                        upgrade=not _LOADED["worker"]), pid=os.getpid())
    return _LOADED["ctx"]


def mail_job(outbox_id: int) -> str:
    """Send one mail of the outbox (idempotent: see worker.mail.outbox); a relay that fails raises,
    for RQ to retry with backoff; the last try leaves the mail failed, visible on the dossier."""
    from rq import get_current_job

    from worker.mail import outbox

    if "settings" not in _LOADED:  # a mail needs neither OCR nor the COG
        _LOADED.update(settings=Settings.from_env(os.environ), worker=False)
    if _LOADED.get("mail_pid") != os.getpid():
        _LOADED.update(mail_store=Store(_LOADED["settings"], upgrade=False), mail_pid=os.getpid())
    job = get_current_job()
    final = job is None or not job.retries_left
    return outbox.deliver(_LOADED["mail_store"], _LOADED["settings"], outbox_id, final=final)


def noop_job() -> None:
    """No work: bench/queue.py measures the queue's own cost per job with it."""
