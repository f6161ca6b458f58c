"""The reading's progress (worker.core.progress) follows the events the stage jobs record, on real RQ
workers serving one stage each; something received starts it over; a failure ends it."""

from __future__ import annotations

from tests.worker.test_queue import DIGITAL, _intake, _serve
from worker.core import dispatch
from worker.core.progress import reading_progress
from worker.core.queue import enqueue_processing
from worker.instruction import review
from worker.persistence.store import Store


def _done(store: Store, dossier_id: str) -> list[str]:
    return [s.key for s in reading_progress(store, dossier_id).stages if s.done]


def test_the_stages_move_with_the_jobs_and_start_over_when_pieces_arrive(queued):
    settings, env = queued
    store = Store(settings)
    dossier_id = _intake(DIGITAL, store, settings)
    enqueue_processing(settings, dossier_id)
    progress = reading_progress(store, dossier_id)
    assert progress.pending and progress.current.key == "lu" and _done(store, dossier_id) == ["recu"]
    _serve(settings, env, "read")
    assert reading_progress(store, dossier_id).current.key == "compris"
    _serve(settings, env, "understand")
    assert _done(store, dossier_id) == ["recu", "lu", "compris"]
    assert reading_progress(store, dossier_id).as_dict()["current"] == "evalue"
    _serve(settings, env, "assess")
    progress = reading_progress(store, dossier_id)
    assert not progress.pending and progress.assessed and progress.current is None

    review.note_upload(store, dossier_id, "instructeur@example.gouv.fr", ["Courrier_prefet.pdf"])
    progress = reading_progress(store, dossier_id)
    assert progress.pending and progress.current.key == "lu" and progress.status == "processed"
    dispatch.record_failure(store, dossier_id, RuntimeError("disque plein"), source="queue")
    progress = reading_progress(store, dossier_id)
    assert progress.failed and not progress.pending and not progress.assessed
    assert reading_progress(store, "D-inconnu") is None
