"""worker.instruction.review on SQLite and PostgreSQL: corrections survive reprocessing, decisions, the queue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from extractors.vocabulary import FIELD_IDS
from worker.instruction import review, review_queue
from worker.instruction.review_queue import QueueQuery
from worker.persistence.db import MessageRow, utcnow
from worker.persistence.store import Store

VERDICT = {"complete": False, "pieces": {"fiche": True, "courrier_collectivite": True, "courrier_prefet": False},
           "reasons": [{"code": "COURRIER_PREFET_ABSENT", "detail": None, "message": "absent"},
                       {"code": "VERIFICATION_REQUISE", "detail": "courrier_collectivite.signe", "message": "à vérifier"}]}


def make_dossier(store: Store, dossier_id: str, nom: str, departement: str, verdict: dict = VERDICT) -> None:
    """A processed dossier written the way the pipeline writes one."""
    store.ensure_dossier(dossier_id)
    fields = {fid: {"value": None, "confidence": 0.0, "source": None, "status": "missing"} for fid in FIELD_IDS}
    fields["s1.collectivite.nom"] = {"value": nom, "confidence": 0.9, "source": None, "status": "extracted"}
    fields["s2.departement"] = {"value": departement, "confidence": 0.9, "source": None, "status": "extracted"}
    fields["courrier_collectivite.signe"] = {"value": None, "confidence": 0.3, "source": None, "status": "needs_review"}
    store.save_results(dossier_id, [], fields, verdict)


def test_a_correction_is_recorded_and_survives_reprocessing(any_settings):
    store = Store(any_settings)
    make_dossier(store, "D-1", "Commune de Vitré", "35")
    change = review.correct_field(store, "D-1", "courrier_collectivite.signe", True, "signature visible", "a@x.fr")
    assert change == {"field": "courrier_collectivite.signe", "old": None, "new": True, "reason": "signature visible"}
    row = store.fields("D-1")["courrier_collectivite.signe"]
    assert (row.value, row.status, row.corrected_by) == (True, "corrected", "a@x.fr")
    reasons = store.dossier("D-1").completeness["reasons"]  # assessed again by the rules: no piece here
    assert [r["code"] for r in reasons] == ["FICHE_ABSENTE", "COURRIER_COLLECTIVITE_ABSENT", "COURRIER_PREFET_ABSENT"]
    make_dossier(store, "D-1", "Commune de Vitré", "35")  # reprocessing
    assert store.fields("D-1")["courrier_collectivite.signe"].value is True
    [event] = review.history(store, "D-1")
    assert (event.kind, event.actor, event.data["new"]) == ("field_corrected", "a@x.fr", True)


def test_the_queue_filters_sorts_counts_and_searches(any_settings):
    store = Store(any_settings)
    make_dossier(store, "D-a", "Commune de Vitré", "35")
    make_dossier(store, "D-b", "Ville de Guingamp", "22")
    make_dossier(store, "D-c", "Commune de Corte", "2B", {**VERDICT, "complete": True, "reasons": []})
    assert review_queue.list_queue(store, QueueQuery()).total == 3
    assert [e.dossier_id for e in review_queue.list_queue(store, QueueQuery(departement="22")).rows] == ["D-b"]
    assert [e.dossier_id for e in review_queue.list_queue(store, QueueQuery(text="vitre")).rows] == ["D-a"]
    assert [e.dossier_id for e in review_queue.list_queue(store, QueueQuery(complete=True)).rows] == ["D-c"]
    assert {e.dossier_id for e in review_queue.list_queue(store, QueueQuery(reason="COURRIER_PREFET_ABSENT")).rows} \
        == {"D-a", "D-b"}
    ordered = review_queue.list_queue(store, QueueQuery(sort="collectivite", descending=False)).rows
    assert [e.collectivite for e in ordered] == ["Commune de Corte", "Commune de Vitré", "Ville de Guingamp"]
    review.take(store, "D-b", "i@x.fr")
    page = review_queue.list_queue(store, QueueQuery(state="suivi"))
    assert [e.dossier_id for e in page.rows] == ["D-b"] and page.counts == {"nouveau": 2, "suivi": 1}
    assert review_queue.list_queue(store, QueueQuery(text="100%_")).total == 0  # LIKE wildcards are literal


def test_a_request_for_documents_waits_until_the_thread_answers(any_settings):
    store = Store(any_settings)
    make_dossier(store, "D-w", "Commune de Vitré", "35")
    export = {"id": "D-w", "fields": {"s1.collectivite.nom": {"value": "Commune de Vitré"}},
              "completeness": store.dossier("D-w").completeness, "triage": {}}
    text = review.request_text(export)
    assert "préfet" in text and "Commune de Vitré" in text and "D-w" in text
    review.decide(store, "D-w", "a_completer", "pièces manquantes", "i@x.fr", text)
    assert review.queue_entry(store, "D-w").state == "en_attente"
    later = utcnow() + timedelta(seconds=1)
    store.add_message("D-w", MessageRow(message_id="<r@x>", sha256="0" * 64, file_name="r.eml", sender="m@x.fr",
                                        subject="RE: candidature", received_at=later, date=later))
    make_dossier(store, "D-w", "Commune de Vitré", "35")  # the answer is read
    assert review.queue_entry(store, "D-w").state == "reponse_recue"
    assert store.dossier("D-w").triage["decision"] == "a_completer"


def test_a_verdict_override_lifts_a_reason_in_the_queue_only(any_settings):
    store = Store(any_settings)
    make_dossier(store, "D-v", "Commune de Vitré", "35")
    review.override_verdict(store, "D-v", "COURRIER_PREFET_ABSENT", None, "reçu par courrier postal", "i@x.fr")
    assert review.queue_entry(store, "D-v").complete is False
    # The write assessed the dossier again by the rules (it has no piece): lift what they give.
    others = [r for r in store.dossier("D-v").completeness["reasons"] if r["code"] != "COURRIER_PREFET_ABSENT"]
    assert [r["code"] for r in others] == ["FICHE_ABSENTE", "COURRIER_COLLECTIVITE_ABSENT"]
    for reason in others:
        review.override_verdict(store, "D-v", reason["code"], reason["detail"], "reçu par courrier postal", "i@x.fr")
    assert review.queue_entry(store, "D-v").complete is True
    assert store.dossier("D-v").completeness["complete"] is False  # the rules' verdict is unchanged
    assert [o["code"] for o in store.dossier("D-v").triage["overrides"]] == [
        "COURRIER_PREFET_ABSENT", "FICHE_ABSENTE", "COURRIER_COLLECTIVITE_ABSENT"]


def _checkouts(store: Store) -> list[int]:
    """Counts the connections taken from the pool from now on."""
    from sqlalchemy import event

    taken = [0]
    event.listen(store.engine, "checkout", lambda *_: taken.__setitem__(0, taken[0] + 1))
    return taken


def test_shared_reads_take_one_connection_and_refuse_writes(any_settings):
    store = Store(any_settings)
    make_dossier(store, "D-1", "Commune de Vitré", "35")
    taken = _checkouts(store)
    with store.shared_reads():
        assert store.dossier("D-1").id == "D-1"
        assert store.fields("D-1")["s2.departement"].value == "35"
        assert store.files("D-1") == [] and store.messages("D-1") == []
    assert taken[0] == 1
    with store.shared_reads(), pytest.raises(RuntimeError, match="shared_reads"):
        store.add_event("D-1", "field_corrected", {"field": "s2.departement"})
    assert review.history(store, "D-1", ("field_corrected",)) == []  # refused, and nothing half-written
    store.add_event("D-1", "field_corrected", {"field": "s2.departement"})  # its own transaction again
    assert len(review.history(store, "D-1", ("field_corrected",))) == 1


def test_the_dossier_page_reads_on_a_few_connections(app, ids):
    from tests.service.conftest import login

    client, store = app.test_client(), app.extensions["guichet"].store
    login(client, "instructeur")
    dossier = ids["01_pdf_numeriques"]
    client.get(f"/dossiers/{dossier}")  # its queue line refreshed once
    taken = _checkouts(store)
    page = client.get(f"/dossiers/{dossier}")
    assert page.status_code == 200 and dossier in page.text
    assert taken[0] <= 4, taken[0]  # a connection a query before: some twenty-five


def test_pages_are_shown_from_a_reading_made_before_an_upgrade(any_settings):
    from extractors.model import READER_VERSION, PageText, ReadResult

    store = Store(any_settings)
    page = PageText(number=1, width=595.0, height=842.0, words=(), ocr=True, confidence=0.9)
    store.save_reading("ab" * 32, READER_VERSION - 1, ReadResult(pages=(page,)), (), 0.1)
    [shown] = review.file_pages(store, "ab" * 32)  # not read again yet: its pages are there all the same
    assert (shown.number, shown.width, shown.height) == (1, 595.0, 842.0)
