"""The outbox sends through a real SMTP relay (aiosmtpd): threading headers, French text, retries,
and never twice a mail whose sending was interrupted."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import update

from worker.core.intake import intake_message
from worker.mail import outbox
from worker.persistence.db import Event, OutboxRow, utcnow
from worker.persistence.store import Store
from worker.settings import MailSettings

CANDIDATE = "k.jouan@redon.fr"
OWN = "atelier@developpement-durable.gouv.fr"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class SinkHandler:
    """Keeps what it is given; `refuse` answers DATA with that code, `hang` keeps the client
    waiting for the 250 after taking the message (a cut after DATA)."""

    received: list = field(default_factory=list)
    refuse: str | None = None
    hang: float = 0.0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return self.refuse
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.content, policy=email.policy.default)))
        if self.hang:
            await asyncio.sleep(self.hang)
        return "250 OK"


@pytest.fixture
def sink():
    handler = SinkHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


@pytest.fixture
def mailing(settings, sink):
    """Settings whose relay is the sink, without waits between retries."""
    controller, _ = sink
    return replace(settings, mail=MailSettings(relay_host="127.0.0.1", relay_port=controller.port,
                                               from_address=f"Atelier des territoires <{OWN}>",
                                               bureau_name="Bureau AD1 (DGALN/DHUP)",
                                               bureau_address="Tour Séquoia\n92055 La Défense cedex",
                                               relay_timeout=5.0, retry_intervals=(0.1, 0.1)))


def candidate_mail(message_id: str = "<cand-1@mairie.redon.fr>") -> bytes:
    msg = email.message.EmailMessage(policy=email.policy.SMTP)
    msg["From"] = f"Kévin Jouan <{CANDIDATE}>"
    msg["To"] = OWN
    msg["Subject"] = "Candidature Atelier Flash – Commune de Redon"
    msg["Date"] = "Mon, 2 Mar 2026 10:00:00 +0100"
    msg["Message-ID"] = message_id
    msg.set_content("Bonjour, voici notre candidature.")
    return msg.as_bytes()


def incomplete_dossier(store: Store, settings) -> str:
    """A dossier from one message whose fiche names the collectivité and its contacts, lacking the letters."""
    dossier_id = intake_message(candidate_mail(), "m1.eml", store=store, settings=settings,
                                         source="smtp").dossier_id
    fields = {"s1.collectivite.nom": "Digne-les-Bains", "s1.collectivite.type": "commune",
              "s1.collectivite.contact_email": "urbanisme@dignelesbains.fr",
              "s1.etat.referent_email": "Julien.Hamon@alpes-de-haute-provence.gouv.fr"}
    store.save_understanding(dossier_id, [], {k: {"value": v, "confidence": 0.95, "status": "extracted",
                                                  "source": None} for k, v in fields.items()})
    store.save_verdict(dossier_id, {"complete": False, "pieces": {"fiche": True}, "reasons": [
        {"code": "COURRIER_PREFET_ABSENT", "detail": None, "message": "absent"},
        {"code": "COURRIER_COLLECTIVITE_NON_SIGNE", "detail": None, "message": "non signé"},
        {"code": "TERRITOIRE_INCOHERENT", "detail": None, "message": "Le SIREN 200040715 ne concorde pas"},
        {"code": "VERIFICATION_REQUISE", "detail": "s2.departement", "message": "score 0.41 < seuil"}]})
    return dossier_id


def wait_for(predicate, timeout: float = 20.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("condition jamais remplie")


def test_a_demande_de_complements_goes_out_threaded_to_the_thread_and_the_fiche_contacts(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "a_completer", "", "instructeur@x.fr")
    assert row.status == "draft" and not handler.received  # an instructeur checks it first
    assert row.recipients == [CANDIDATE, "urbanisme@dignelesbains.fr", "julien.hamon@alpes-de-haute-provence.gouv.fr"]
    outbox.send(store, mailing, row.id, actor="instructeur@x.fr")
    [(mail_from, rcpts, message)] = wait_for(lambda: handler.received)
    assert wait_for(lambda: outbox.get(store, row.id).status == "sent")
    assert mail_from == OWN and rcpts == row.recipients
    assert message["Message-ID"] == row.message_id
    assert message["In-Reply-To"] == "<cand-1@mairie.redon.fr>"
    assert message["References"] == "<cand-1@mairie.redon.fr>"
    assert message["Subject"] == "RE: Candidature Atelier Flash – Commune de Redon"
    body = message.get_content().replace("\r\n", "\n")
    print(message["Subject"], body, sep="\n")
    assert "la candidature de la commune de Digne-les-Bains" in body
    assert "courrier de soutien du préfet ou du sous-préfet" in body
    assert "revêtu de la signature" in body and "même collectivité et le même territoire" in body
    assert "rubrique « Département »" in body
    for internal in ("COURRIER_", "SIREN 200040715", "score", "VERIFICATION", "seuil"):
        assert internal not in body
    assert body.rstrip().endswith("Bureau AD1 (DGALN/DHUP)\nTour Séquoia\n92055 La Défense cedex")


def test_the_reply_to_a_sent_mail_joins_its_dossier_by_in_reply_to_alone(store, mailing, sink):
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "a_completer", "", "i")
    assert store.thread_dossier([row.message_id], "autre sujet", "x@ailleurs.fr") == dossier_id


def test_an_edited_mail_goes_as_edited_and_a_sent_one_can_no_longer_change(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "non_eligible", "Hors périmètre.", "i")
    assert "Motif : Hors périmètre." in row.body_text and "n'est pas éligible" in row.body_text
    outbox.edit(store, row.id, actor="i", recipients=["maire@dignelesbains.fr"], body="Texte revu.\n")
    outbox.send(store, mailing, row.id, actor="i")
    wait_for(lambda: outbox.get(store, row.id).status == "sent")
    [(_, rcpts, message)] = handler.received
    assert rcpts == ["maire@dignelesbains.fr"] and message.get_content().replace("\r\n", "\n") == "Texte revu.\n"
    with pytest.raises(outbox.NotEditable):
        outbox.edit(store, row.id, actor="i", body="encore")
    with pytest.raises(outbox.NotEditable):
        outbox.send(store, mailing, row.id, actor="i")


def test_the_accuse_de_reception_goes_once_per_dossier_and_can_be_turned_off(store, mailing, sink):
    _, handler = sink
    from worker.entry.smtp import take_in

    sha = store.record_original(candidate_mail(), "m1.eml", "email", "smtp").sha256
    dossier_id = take_in(store, mailing, sha, "m1.eml", "smtp")
    [(_, rcpts, message)] = wait_for(lambda: handler.received)
    assert rcpts == [CANDIDATE] and message["In-Reply-To"] == "<cand-1@mairie.redon.fr>"
    assert "Nous accusons réception de la candidature de votre collectivité" in message.get_content()
    assert message["Auto-Submitted"] == "auto-generated"
    second = candidate_mail("<cand-2@mairie.redon.fr>").replace(b"Subject: ", b"Subject: RE: ")
    sha2 = store.record_original(second, "m2.eml", "email", "smtp").sha256
    assert take_in(store, mailing, sha2, "m2.eml", "smtp") == dossier_id
    assert outbox.acknowledge(store, mailing, dossier_id, 1) is None  # at most one per dossier
    time.sleep(0.5)
    assert len(handler.received) == 1
    off = replace(mailing, mail=replace(mailing.mail, acknowledge=False))
    sha3 = store.record_original(candidate_mail("<other@ville.fr>").replace(b"Redon", b"Vitre"), "m3.eml",
                                 "email", "smtp").sha256
    take_in(store, off, sha3, "m3.eml", "smtp")
    assert len(outbox.rows(store, statuses=("queued", "sent"))) == 1


def test_a_relay_down_keeps_the_mail_queued_then_failed_and_a_retry_sends_it_once(store, mailing, sink):
    controller, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    down = replace(mailing, mail=replace(mailing.mail, relay_port=free_port()))  # nobody listens there
    outbox.send(store, down, row.id, actor="i")
    failed = wait_for(lambda: (r := outbox.get(store, row.id)).status == "failed" and r)
    assert failed.attempts == 3 and "ConnectionRefused" in failed.last_error  # tried, retried twice
    assert [r.id for r in outbox.rows(store, dossier_id, outbox.PROBLEMS)] == [row.id]
    outbox.retry(store, mailing, row.id, actor="operateur")
    wait_for(lambda: outbox.get(store, row.id).status == "sent")
    assert len(handler.received) == 1
    assert outbox.deliver(store, mailing, row.id) == "sent"  # a late job of the same row sends nothing
    time.sleep(0.3)
    assert len(handler.received) == 1


def test_a_refusal_with_4xx_is_retried_and_with_5xx_fails_without_sending(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="queued"))
    handler.refuse = "451 4.3.0 essayez plus tard"
    with pytest.raises(outbox.TemporaryFailure):
        outbox.deliver(store, mailing, row.id, final=False)
    assert outbox.get(store, row.id).status == "queued" and "451" in outbox.get(store, row.id).last_error
    handler.refuse = "554 5.7.1 refusé"
    assert outbox.deliver(store, mailing, row.id, final=False) == "failed"
    assert not handler.received


def test_a_cut_after_data_is_uncertain_and_never_sent_again_by_itself(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="queued"))
    handler.hang = 3.0  # the relay has the message but the 250 never comes in time
    impatient = replace(mailing, mail=replace(mailing.mail, relay_timeout=1.0))
    assert outbox.deliver(store, impatient, row.id) == "uncertain"
    handler.hang = 0.0
    assert len(handler.received) == 1
    with pytest.raises(outbox.NotEditable):
        outbox.retry(store, mailing, row.id, actor="operateur")  # not without --force
    assert outbox.deliver(store, mailing, row.id) == "uncertain"
    assert outbox.sweep(store, mailing, grace=0) == []
    time.sleep(0.3)
    assert len(handler.received) == 1
    outbox.mark_sent(store, row.id, actor="operateur")  # found in the relay's log
    assert outbox.get(store, row.id).status == "sent"


def test_a_sender_killed_while_sending_leaves_the_mail_uncertain_not_sent_twice(store, mailing, sink, tmp_path):
    """A real process is killed (SIGKILL) while the relay holds the message; the retry that
    follows (the sweeper, once the lease is over) does not send it again."""
    import os
    import signal
    import subprocess
    import sys

    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="queued"))
    handler.hang = 30.0
    script = ("import sys; from worker.mail import outbox; from worker.settings import Settings, MailSettings, Limits;"
              "from worker.persistence.store import Store; from pathlib import Path;"
              f"s = Settings(data_dir=Path({str(mailing.data_dir)!r}), database_url={mailing.database_url!r},"
              f" storage_dir=Path({str(mailing.storage_dir)!r}),"
              f" mail=MailSettings(relay_host='127.0.0.1', relay_port={mailing.mail.relay_port},"
              f" from_address={OWN!r}, relay_timeout=60));"
              f"outbox.deliver(Store(s, upgrade=False), s, {row.id})")
    child = subprocess.Popen([sys.executable, "-c", script], cwd=os.getcwd(),
                             env={**os.environ, "PYTHONPATH": os.getcwd()})
    try:
        wait_for(lambda: handler.received, timeout=60)
        assert outbox.get(store, row.id).status == "sending"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    handler.hang = 0.0
    assert outbox.deliver(store, mailing, row.id) == "sending"  # within the lease: left alone
    with store.session() as s:  # the lease is over
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id)
                  .values(claimed_at=utcnow() - outbox.CLAIM_LEASE - timedelta(seconds=1)))
    assert outbox.sweep(store, mailing, grace=0) == [row.id]
    wait_for(lambda: outbox.get(store, row.id).status == "uncertain")
    time.sleep(0.3)
    assert len(handler.received) == 1
    with store.session() as s:
        kinds = [e.kind for e in s.query(Event).filter(Event.dossier_id == dossier_id)]
    assert "mail_uncertain" in kinds and "mail_sent" not in kinds


def test_a_sender_killed_before_data_lets_the_next_one_send(store, mailing, sink):
    """Claimed ("connecting") by a sender that died before DATA: the relay never had it."""
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    stale = utcnow() - outbox.CLAIM_LEASE - timedelta(seconds=1)
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="connecting", claimed_at=stale))
    assert outbox.sweep(store, mailing, grace=0) == [row.id]
    wait_for(lambda: outbox.get(store, row.id).status == "sent")
    assert len(handler.received) == 1


def test_parse_recipients_keeps_addresses_and_names_what_is_not_one():
    parsed = outbox.parse_recipients("A <a@x.fr>; b@y.fr\nnimporte quoi, a@x.fr")
    assert parsed.valid == ["a@x.fr", "b@y.fr"] and parsed.invalid == ["nimporte quoi"]


def test_concurrent_senders_send_one_mail(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="queued"))
    results = []
    threads = [threading.Thread(target=lambda: results.append(outbox.deliver(store, mailing, row.id)))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(handler.received) == 1 and outbox.get(store, row.id).status == "sent"


def test_with_redis_a_worker_sends_the_queued_mail_once(queued, sink):
    """The RQ path: `send` queues a job on GUICHET_QUEUE-mail; `guichet worker` sends it."""
    from tests.conftest import run_guichet

    controller, handler = sink
    settings, env = queued
    settings = replace(settings, mail=MailSettings(relay_host="127.0.0.1", relay_port=controller.port,
                                                   from_address=OWN))
    env = {**env, "GUICHET_RELAY_HOST": "127.0.0.1", "GUICHET_RELAY_PORT": str(controller.port),
           "GUICHET_MAIL_FROM": OWN}
    store = Store(settings)
    dossier_id = incomplete_dossier(store, settings)
    row = outbox.draft_for_decision(store, settings, dossier_id, "eligible", "", "i")
    outbox.send(store, settings, row.id, actor="i")
    outbox.dispatch(store, settings, row.id)  # queued twice: one job waits, one mail goes
    assert not handler.received
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert outbox.get(store, row.id).status == "sent"
    assert [m["Message-ID"] for _, _, m in handler.received] == [row.message_id]


def test_failed_and_outbox_commands_show_and_retry_a_mail(store, mailing, sink):
    """`guichet failed` names the mail that failed; `guichet outbox retry` (no Redis) sends it here."""
    from tests.conftest import run_guichet

    controller, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id)
                  .values(status="failed", attempts=6, last_error="ConnectionRefusedError: [Errno 111]"))
    env = {"DATABASE_URL": mailing.database_url, "GUICHET_RELAY_HOST": "127.0.0.1",
           "GUICHET_RELAY_PORT": str(controller.port), "GUICHET_MAIL_FROM": OWN}
    listed = run_guichet("failed", data_dir=mailing.data_dir, env=env, timeout=120)
    assert "1 courriel(s) en échec ou d'envoi incertain (guichet outbox)." in listed.stdout
    assert f"#{row.id}  {dossier_id}  decision" in listed.stdout and "ConnectionRefusedError" in listed.stdout
    listing = run_guichet("outbox", "list", data_dir=mailing.data_dir, env=env, timeout=120)
    assert listing.returncode == 0 and "en échec" in listing.stdout and row.message_id in listing.stdout
    retried = run_guichet("outbox", "retry", data_dir=mailing.data_dir, env=env, timeout=120)
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert f"#{row.id} : envoyé." in retried.stdout
    assert len(handler.received) == 1 and outbox.get(store, row.id).status == "sent"
    again = run_guichet("outbox", "retry", str(row.id), data_dir=mailing.data_dir, env=env, timeout=120)
    assert again.returncode == 1 and "impossible dans l'état « envoyé »" in again.stderr
    assert len(handler.received) == 1


def test_a_process_without_redis_sends_at_start_what_a_previous_run_left_queued(store, mailing, sink):
    _, handler = sink
    dossier_id = incomplete_dossier(store, mailing)
    row = outbox.draft_for_decision(store, mailing, dossier_id, "eligible", "", "i")
    with store.session() as s:  # queued by a process that stopped before sending it
        s.execute(update(OutboxRow).where(OutboxRow.id == row.id).values(status="queued"))
    assert outbox.resume_here(store, mailing) == [row.id]
    wait_for(lambda: outbox.get(store, row.id).status == "sent")
    assert len(handler.received) == 1


def test_an_administrators_template_comes_before_guichets_own(store, mailing, tmp_path):
    folder = tmp_path / "modeles"
    folder.mkdir()
    (folder / "complements.txt").write_text(
        "Objet : Dossier {{ dossier }} à compléter\n\nBonjour,\nil manque {{ elements|length }} élément(s) "
        "au dossier {{ de_collectivite }}.\n{% include '_signature.txt' %}\n", encoding="utf-8")
    edited = replace(mailing, mail=replace(mailing.mail, templates_dir=folder))
    dossier_id = incomplete_dossier(store, edited)
    row = outbox.draft_for_decision(store, edited, dossier_id, "a_completer", "", "i")
    assert row.subject == f"Dossier {dossier_id} à compléter"
    assert row.body_text.startswith("Bonjour,\nil manque 4 élément(s) au dossier de la commune de Digne-les-Bains.")
    assert "Bureau AD1 (DGALN/DHUP)" in row.body_text  # the embedded signature, not overridden
    decision = outbox.draft_for_decision(store, edited, dossier_id, "eligible", "", "i")
    assert "est éligible" in decision.body_text  # the other texts stay Guichet's
    assert outbox.get(store, row.id).status == "cancelled"  # the later decision's mail replaces the draft
