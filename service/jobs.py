"""Reading dossiers off the request (worker.core.dispatch): on the RQ queue when Redis is
configured, else in a thread."""

from __future__ import annotations

import logging
import threading

from worker.core import dispatch
from worker.core.context import make_context
from worker.persistence.store import Store
from worker.settings import Settings

log = logging.getLogger(__name__)

_LOCK = threading.Lock()  # in-process: one dossier read at a time (OCR already uses every core)


def schedule_processing(store: Store, settings: Settings, dossier_id: str) -> None:
    """Queue the reading of a dossier (Redis away: deferred for the sweeper); returns at once."""
    ctx = make_context(settings, store)
    if settings.redis_url:
        dispatch.queue(ctx, dossier_id)
        return
    thread = threading.Thread(target=_run, args=(ctx, dossier_id), daemon=True, name=f"process-{dossier_id}")
    thread.start()


def _run(ctx, dossier_id: str) -> None:
    with _LOCK:
        try:
            dispatch.run_here(ctx, dossier_id)
        except Exception as exc:  # a background thread has nobody to report to but the log
            log.exception("processing %s failed", dossier_id)
            dispatch.record_failure(ctx.store, dossier_id, exc, source="web")
