"""After intake, the one way on for every entry point (`guichet process`, fetch-mail, the SMTP
receiver, the web's upload and "relire", the intake job): queue the dossier's stages on RQ
when Redis is configured, else run them here. A queuing that fails is recorded on the dossier
(`queue_deferred`) for the sweeper to queue it once Redis is back; a processing that fails
marks the dossier failed with its error (`failed`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from worker.events import EventKind

if TYPE_CHECKING:
    from worker.core.context import Context
    from worker.persistence.store import Store
    from worker.settings import Settings

log = logging.getLogger(__name__)


def processor(ctx: Context) -> Callable[[str], None]:
    """What to do with a received dossier: queue it when Redis is configured, else run it here."""
    if ctx.settings.redis_url:
        return lambda dossier_id: queue(ctx, dossier_id)
    return lambda dossier_id: run_here(ctx, dossier_id)


def take_in(settings: Settings, sha256: str, name: str, source: str, here: Callable[[str, str], None]) -> None:
    """A stored original to take in: by an intake job when Redis is configured; here (`here`)
    without Redis or with Redis away (its dossier is then deferred or run as `processor` says)."""
    if settings.redis_url:
        from worker.core.queue import enqueue_intake

        try:
            enqueue_intake(settings, sha256, name, source)
            return
        except Exception:
            log.warning("Mise en file de %s impossible : prise en charge sur place", name, exc_info=True)
    here(sha256, name)


def run_here(ctx: Context, dossier_id: str) -> str:
    """Every stage now, in this process; the dossier holding the result (see pipeline.run)."""
    from worker.core import pipeline

    return pipeline.run(dossier_id, ctx)


def queue(ctx: Context, dossier_id: str, *, strict: bool = False, **options) -> bool:
    """Queue the dossier's stages (`options`: see queue.enqueue_processing); with Redis away the
    deferral is recorded, and raised again when `strict` (a job that RQ should retry)."""
    from worker.core.queue import enqueue_processing

    try:
        enqueue_processing(ctx.settings, dossier_id, **options)
    except Exception as exc:
        log.warning("mise en file impossible pour %s", dossier_id, exc_info=True)
        defer(ctx.store, dossier_id, exc)
        if strict:
            raise
        return False
    return True


def defer(store: Store, dossier_id: str, exc: BaseException) -> None:
    """Queuing failed (Redis away): say so on the dossier, for the sweeper to queue it later.

    A new dossier is "received" anyway; this also covers a message joining a processed one,
    or a reading asked again.
    """
    store.add_event(dossier_id, EventKind.QUEUE_DEFERRED, {"error": _error(exc, 500)})


def record_failure(store: Store, dossier_id: str, exc: BaseException, *, source: str) -> str:
    """A processing that failed for good: the dossier is failed, the error in its history
    (for reviewers and operators). Returns the error text."""
    error = _error(exc, 1000)
    store.fail(dossier_id, EventKind.FAILED, {"error": error, "source": source})
    return error


def _error(exc: BaseException, limit: int) -> str:
    return f"{type(exc).__name__}: {exc}"[:limit]
