"""`guichet smtp` answered by a real SMTP client (smtplib): durable before 250, faults as codes."""

from __future__ import annotations

import hashlib
import os
import signal
import smtplib
import socket
import subprocess
import sys
import time
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import SHARED
from worker.core.intake import intake_message
from worker.entry.mailbox import original_name
from worker.entry.smtp import Receiver, SmtpConfig
from worker.persistence.db import Dossier, Event, MessageRow, Original
from worker.persistence.store import Store
from worker.settings import Settings

FORM = (SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf").read_bytes()
SENDER, RCPT = "ddt@ille-et-vilaine.gouv.fr", "atelier@developpement-durable.gouv.fr"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mail(message_id: str, subject: str = "Candidature Vitré", *, attachment: bytes = b"") -> bytes:
    msg = EmailMessage(policy=SMTP_POLICY)  # CRLF: the bytes received are the bytes sent
    msg["From"] = SENDER
    msg["To"] = RCPT
    msg["Subject"] = subject
    msg["Date"] = "Mon, 2 Mar 2026 10:00:00 +0100"
    msg["Message-ID"] = message_id
    msg.set_content("Bonjour, voici notre candidature.")
    if attachment:
        msg.add_attachment(attachment, maintype="application", subtype="pdf", filename="fiche.pdf")
    return msg.as_bytes()


def count(store: Store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


class Recorder:
    """A stand-in for pipeline.run that marks the dossier processed, or fails."""

    def __init__(self, store: Store, error: Exception | None = None):
        self.store, self.error, self.calls = store, error, []

    def __call__(self, dossier_id: str) -> None:
        self.calls.append(dossier_id)
        if self.error:
            raise self.error
        self.store.set_status(dossier_id, "processed")


@pytest.fixture
def start(store, settings):
    """Start a receiver on a free port; every one started is stopped at the end."""
    started = []

    def _start(process=None, **config) -> Receiver:
        config.setdefault("recipients", {RCPT})
        receiver = Receiver(SmtpConfig(port=free_port(), **config), store=store, settings=settings,
                            process=process or Recorder(store))
        receiver.start()
        started.append(receiver)
        return receiver

    yield _start
    for receiver in started:
        receiver.stop()


def send(receiver: Receiver, raw: bytes, lmtp: bool = False) -> None:
    client = smtplib.LMTP if lmtp else smtplib.SMTP
    with client(receiver.config.host, receiver.config.port, timeout=30) as smtp:
        smtp.sendmail(SENDER, [RCPT], raw)


def test_250_means_the_original_is_already_durable(start, store, settings):
    receiver = start(process=lambda dossier_id: time.sleep(0.5))  # processing comes after
    raw = mail("<durable@ddt35.fr>", attachment=FORM)

    send(receiver, raw)

    with store.session() as s:  # checked at once, before the processor had any time
        original = s.scalar(select(Original))
    assert (original.source, original.sha256) == ("smtp", hashlib.sha256(raw).hexdigest())
    assert store.blobs.get(original.sha256) == raw
    receiver.wait_idle()
    [dossier_id] = _dossier_ids(store)
    assert [m.sha256 for m in store.messages(dossier_id)] == [original.sha256]


def _dossier_ids(store: Store) -> list[str]:
    with store.session() as s:
        return list(s.scalars(select(Dossier.id)).all())


def test_a_retried_message_is_one_dossier_stored_once(start, store):
    recorder = Recorder(store)
    receiver = start(process=recorder)
    raw = mail("<retry@ddt35.fr>")

    send(receiver, raw)
    send(receiver, raw)  # the sender did not see our 250 and sends again
    receiver.wait_idle()

    assert (count(store, Original), count(store, MessageRow), count(store, Dossier)) == (1, 1, 1)
    assert len(recorder.calls) == 1


def test_a_retry_is_one_dossier_and_pending_work_is_found_on_both_databases(any_settings):
    store = Store(any_settings)
    early = mail("<early@ddt29.fr>", "Candidature Morlaix")  # acknowledged before a crash
    store.record_original(early, original_name(early, "smtp"), "email", "smtp")
    receiver = Receiver(SmtpConfig(port=free_port(), recipients={RCPT}), store=store,
                        settings=any_settings,
                        process=Recorder(store))
    receiver.start()
    try:
        raw = mail("<both@ddt35.fr>")
        send(receiver, raw)
        send(receiver, raw)
        receiver.wait_idle()
    finally:
        receiver.stop()
    assert (count(store, Original), count(store, MessageRow), count(store, Dossier)) == (2, 2, 2)
    assert {store.dossier(d).status for d in _dossier_ids(store)} == {"processed"}


def test_same_message_id_with_other_bytes_is_marked_duplicate(start, store):
    receiver = start()
    send(receiver, mail("<dup@ddt35.fr>"))
    send(receiver, mail("<dup@ddt35.fr>").replace(b"Bonjour", b"Re-bonjour"))
    receiver.wait_idle()

    assert (count(store, MessageRow), count(store, Dossier)) == (1, 1)
    with store.session() as s:
        originals = s.scalars(select(Original).order_by(Original.id)).all()
    codes = [[i["code"] for i in o.issues] for o in originals]
    assert codes == [[], ["MAIL_DUPLICATE"]]


def test_a_storage_error_is_451_and_the_retry_is_stored(start, store, settings):
    receiver = start()
    raw = mail("<retry451@ddt35.fr>")
    sha256 = hashlib.sha256(raw).hexdigest()
    blocker = settings.storage_dir / sha256[:2]
    blocker.write_text("a file where the blob's folder should be")  # the blob cannot be written

    with pytest.raises(smtplib.SMTPDataError) as refused:
        send(receiver, raw)
    assert refused.value.smtp_code == 451
    assert count(store, Original) == 0

    blocker.unlink()
    send(receiver, raw)  # the sender kept the message and tries again
    receiver.wait_idle()
    assert store.blobs.get(sha256) == raw
    assert count(store, Dossier) == 1


def test_low_disk_space_is_452(start, store):
    receiver = start(min_free_mb=10**12)

    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(receiver, mail("<full@ddt35.fr>"))

    assert refused.value.recipients[RCPT][0] == 452
    assert count(store, Original) == 0


def test_a_message_over_the_size_limit_is_552(start, store):
    receiver = start(max_bytes=20_000)
    raw = mail("<big@ddt35.fr>", attachment=os.urandom(30_000))

    with pytest.raises(smtplib.SMTPSenderRefused) as announced:  # SIZE= given in MAIL FROM
        send(receiver, raw)
    assert announced.value.smtp_code == 552
    with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) as smtp:
        smtp.helo()  # plain SMTP: no SIZE, the limit is met during DATA
        smtp.mail(SENDER)
        smtp.rcpt(RCPT)
        code, _ = smtp.data(raw)
    assert code == 552
    assert count(store, Original) == 0


def test_lmtp_answers_once_stored_one_reply_per_recipient(start, store):
    receiver = start(lmtp=True, recipients={RCPT, "instruction@developpement-durable.gouv.fr"})

    send(receiver, mail("<lmtp@ddt35.fr>"), lmtp=True)
    with smtplib.LMTP(receiver.config.host, receiver.config.port, timeout=30) as lmtp:
        lmtp.ehlo_or_helo_if_needed()
        lmtp.mail(SENDER)
        lmtp.rcpt(RCPT)
        lmtp.rcpt("instruction@developpement-durable.gouv.fr")
        first = lmtp.data(mail("<lmtp2@ddt29.fr>", "Candidature Morlaix"))[0]
        replies = [first, lmtp.getreply()[0]]
    receiver.wait_idle()

    assert replies == [250, 250]
    assert count(store, Dossier) == 2


def test_a_processing_failure_is_recorded_on_the_dossier(start, store):
    receiver = start(process=Recorder(store, RuntimeError("OCR indisponible")))

    send(receiver, mail("<fails@ddt35.fr>"))
    receiver.wait_idle()

    [dossier_id] = _dossier_ids(store)
    assert store.dossier(dossier_id).status == "failed"
    with store.session() as s:
        event = s.scalar(select(Event).where(Event.kind == "failed"))
    assert event.dossier_id == dossier_id and "OCR indisponible" in event.data["error"]


def test_what_was_stored_but_not_taken_in_is_resumed_at_start(start, store):
    raw = mail("<crash@ddt35.fr>")  # acknowledged (250), then the process died
    store.record_original(raw, original_name(raw, "smtp"), "email", "smtp")

    receiver = start()
    receiver.wait_idle()

    assert count(store, MessageRow) == 1 and count(store, Dossier) == 1


def test_a_dossier_left_unprocessed_by_a_stop_is_processed_at_start(start, store, settings):

    raw = mail("<stopped@ddt35.fr>")  # taken in, then the process stopped before processing
    name = original_name(raw, "smtp")
    store.record_original(raw, name, "email", "smtp")
    intake = intake_message(raw, name, store=store, settings=settings, source="smtp")
    recorder = Recorder(store)

    start(process=recorder).wait_idle()

    assert recorder.calls == [intake.dossier_id]
    assert store.dossier(intake.dossier_id).status == "processed"


def _wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("guichet smtp did not start")


def test_the_command_receives_and_processes(tmp_path: Path):
    port = free_port()
    env = {**os.environ, "GUICHET_DATA_DIR": str(tmp_path / "var"), "GUICHET_SMTP_RECIPIENTS": RCPT}
    env.pop("DATABASE_URL", None)
    command = [str(Path(sys.executable).with_name("guichet")), "smtp", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        _wait_for_port(port, server)
        with smtplib.SMTP("127.0.0.1", port, timeout=60) as smtp:
            smtp.sendmail(SENDER, [RCPT], mail("<cli@ddt35.fr>", attachment=FORM))
        settings = Settings.from_env(env)
        store = Store(settings)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            ids = _dossier_ids(store)
            if ids and store.dossier(ids[0]).status == "processed":
                break
            time.sleep(0.5)
        assert ids and store.dossier(ids[0]).status == "processed"
    finally:
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert f"SMTP sur 127.0.0.1:{port}" in out


# With Redis: the receiver stores and acknowledges; an intake job on a worker takes the message in.

def test_with_redis_a_worker_takes_the_message_in_then_processes_its_dossier(queued):
    from tests.conftest import run_guichet
    from worker.core.queue import make_queue

    settings, env = queued
    store = Store(settings)
    recorder = Recorder(store)
    receiver = Receiver(SmtpConfig(port=free_port(), recipients={RCPT}), store=store, settings=settings,
                        process=recorder)
    receiver.start()
    try:
        raw = mail("<queued@ddt35.fr>", attachment=FORM)
        send(receiver, raw)
        send(receiver, raw)  # the sender's retry: the same intake job
    finally:
        receiver.stop()
    [job] = make_queue(settings, "intake").get_jobs()
    assert job.args == [hashlib.sha256(raw).hexdigest(), original_name(raw, "smtp"), "smtp"]
    assert count(store, Dossier) == 0 and recorder.calls == []  # nothing parsed in the receiver
    done = run_guichet("worker", "--burst", data_dir=settings.data_dir,
                       env={**env, "GUICHET_LEASE_SECONDS": "3600"}, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    [dossier_id] = _dossier_ids(store)
    assert store.dossier(dossier_id).status == "processed"
    assert [d.kind for d in store.documents(dossier_id)] == ["fiche"]
    assert (count(store, Original), count(store, MessageRow)) == (1, 1)


def test_with_redis_away_the_receiver_takes_the_message_in_itself(queued, monkeypatch):
    from dataclasses import replace

    from worker.core.context import make_context
    from worker.core.dispatch import processor
    from worker.core.queue import make_queue
    from worker.entry import jobs

    settings, _ = queued
    down = replace(settings, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    store = Store(down)
    receiver = Receiver(SmtpConfig(port=free_port(), recipients={RCPT}), store=store, settings=down,
                        process=processor(make_context(down, store)))
    receiver.start()
    try:
        send(receiver, mail("<away@ddt35.fr>", attachment=FORM))
        receiver.wait_idle()
    finally:
        receiver.stop()
    [dossier_id] = _dossier_ids(store)  # recorded as received, its processing deferred
    assert store.dossier(dossier_id).status == "received"
    assert [f.name for f in store.files(dossier_id)] == ["fiche.pdf"]
    assert jobs.sweep(store, settings, grace=0) == jobs.Swept([dossier_id], [])  # Redis is back
    assert [job.args for job in make_queue(settings, "read").get_jobs()] == [[dossier_id]]


def test_the_sweeper_queues_the_intake_of_a_message_whose_job_was_lost(queued):
    from worker.core.queue import make_queue
    from worker.entry import jobs

    settings, _ = queued
    store = Store(settings)
    raw = mail("<lost@ddt35.fr>")  # acknowledged, then Redis lost the intake job
    name = original_name(raw, "smtp")
    store.record_original(raw, name, "email", "smtp")
    store.record_original(mail("<cli@ddt35.fr>"), "cli.eml", "email", "cli")  # not the receiver's

    assert jobs.sweep(store, settings, grace=0) == jobs.Swept([], [name])
    assert jobs.sweep(store, settings, grace=0) == jobs.Swept([], [name])  # again: the same job
    [job] = make_queue(settings, "intake").get_jobs()
    assert job.args == [hashlib.sha256(raw).hexdigest(), name, "smtp"]
    assert jobs.sweep(store, settings, grace=3600) == jobs.Swept([], [])  # younger than the grace
