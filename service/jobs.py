"""Reading dossiers off the request: on the RQ queue when Redis is configured, else in a thread."""

from __future__ import annotations

import logging
import threading

from worker import review
from worker.settings import Settings
from worker.store import Store

log = logging.getLogger(__name__)

_LOCK = threading.Lock()  # in-process: one dossier read at a time (OCR already uses every core)


def schedule_processing(store: Store, settings: Settings, dossier_id: str) -> None:
    """Queue the reading of a dossier; returns at once."""
    if settings.redis_url:
        from worker.queue import enqueue_processing

        try:
            enqueue_processing(settings, dossier_id)
        except Exception as exc:  # Redis away: the sweeper queues the dossier once it is back
            log.warning("mise en file impossible pour %s", dossier_id, exc_info=True)
            from worker.jobs import defer

            defer(store, dossier_id, exc)
        return
    thread = threading.Thread(target=_run, args=(store, settings, dossier_id), daemon=True,
                              name=f"process-{dossier_id}")
    thread.start()


def _run(store: Store, settings: Settings, dossier_id: str) -> None:
    with _LOCK:
        try:
            review.process_now(store, settings, dossier_id)
        except Exception:  # a background thread has nobody to report to but the log
            log.exception("processing %s failed", dossier_id)
            store.set_status(dossier_id, "failed")
