"""`guichet fetch-mail` against a real Dovecot of its own on loopback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import replace
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted
from sqlalchemy import func, select

from tests.conftest import SHARED, run_guichet
from worker.core import pipeline
from worker.core.context import make_context
from worker.entry.mailbox import DONE_KEYWORD, ERROR_KEYWORD, ImapConfig, fetch_once
from worker.persistence.db import Event, MessageRow, Original

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "guichet", "mot-de-passe"
FORM = (SHARED / "forms" / "fiche-de-candidature-atelier-flash.pdf").read_bytes()

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = {internal}
default_login_user = {login}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _identities() -> dict:
    """As root, Dovecot wants its own unprivileged users and refuses UID 0 for mail."""
    if os.getuid() == 0:
        return dict(internal="dovecot", login="dovenull", uid=65534, gid=65534)
    import pwd

    name = pwd.getpwuid(os.getuid()).pw_name
    return dict(internal=name, login=name, uid=os.getuid(), gid=os.getgid())


def _wait_for_port(port: int, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"dovecot stopped: {log_path.read_text() if log_path.exists() else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                if conn.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.1)
    pytest.fail("dovecot did not start")


@pytest.fixture
def dovecot():
    """A private Dovecot (IMAP, plain password, Maildir) on a free loopback port."""
    assert Path(DOVECOT).exists(), "dovecot-imapd is missing: run scripts/setup.sh"
    ids = _identities()
    root = Path(tempfile.mkdtemp(prefix="guichet-dovecot-"))
    root.chmod(0o755)  # the auth and mail processes run as Dovecot's own users
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    os.chown(root / "mail", ids["uid"], ids["gid"])
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    (root / "users").chmod(0o644)
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(CONFIG.format(root=root, port=port, **ids))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.STDOUT)
    try:
        _wait_for_port(port, process, root / "dovecot.log")
        yield ImapConfig(host="127.0.0.1", port=port, user=USER, password=PASSWORD, tls="none",
                         timeout=30)
    finally:
        process.terminate()
        process.wait(20)
        shutil.rmtree(root, ignore_errors=True)


def mail(message_id: str, subject: str, *, attach: bool = False) -> bytes:
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = "ddt@ille-et-vilaine.gouv.fr"
    msg["To"] = "atelier@developpement-durable.gouv.fr"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 2 Mar 2026 10:00:00 +0100"
    msg["Message-ID"] = message_id
    msg.set_content("Bonjour, voici notre candidature.")
    if attach:
        msg.add_attachment(FORM, maintype="application", subtype="pdf", filename="fiche.pdf")
    return msg.as_bytes()


def deliver(config: ImapConfig, *raws: bytes) -> None:
    with MailBoxUnencrypted(config.host, config.port).login(config.user, config.password) as box:
        for raw in raws:
            box.append(raw, "INBOX")


def folder_state(config: ImapConfig, folder: str) -> list[tuple[str, tuple[str, ...]]]:
    """(Message-ID, flags) of every message of a folder."""
    with MailBoxUnencrypted(config.host, config.port).login(config.user, config.password,
                                                            initial_folder=folder) as box:
        return [(m.headers["message-id"][0], m.flags) for m in box.fetch(mark_seen=False)]


def count(store, model) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_messages_are_stored_processed_then_moved(dovecot, store, settings, engine, cog):
    deliver(dovecot, mail("<a@ddt35.fr>", "Candidature Vitré", attach=True),
            mail("<b@ddt29.fr>", "Candidature Morlaix"))

    def process(dossier_id):
        pipeline.run(dossier_id, make_context(settings, store, engine=engine, cog=cog))

    report = fetch_once(dovecot, store=store, settings=settings, process=process)

    assert len(report.done) == 2 and not report.failed
    assert folder_state(dovecot, "INBOX") == []
    moved = sorted(mid for mid, _ in folder_state(dovecot, "Traité"))
    assert moved == ["<a@ddt35.fr>", "<b@ddt29.fr>"]
    assert [store.dossier(d).status for d in report.dossiers] == ["processed", "processed"]
    with store.session() as s:
        originals = s.scalars(select(Original)).all()
    assert {o.source for o in originals} == {"imap"}
    assert all(store.blobs.exists(o.sha256) for o in originals)


def test_the_same_message_twice_is_one_dossier(dovecot, store, settings):
    raw = mail("<twice@ddt35.fr>", "Candidature Vitré")
    deliver(dovecot, raw, raw)
    processed = []

    def process(dossier_id):
        processed.append(dossier_id)
        store.set_status(dossier_id, "processed")

    report = fetch_once(dovecot, store=store, settings=settings, process=process)

    assert len(report.done) == 2 and len(set(report.dossiers)) == 1
    assert processed == [report.dossiers[0]]
    assert (count(store, MessageRow), count(store, Original)) == (1, 1)
    assert folder_state(dovecot, "INBOX") == []


def test_a_message_failing_processing_stays_in_the_inbox_with_its_error(dovecot, store, settings):
    deliver(dovecot, mail("<fails@ddt35.fr>", "Candidature Vitré"))

    def broken(dossier_id):
        raise RuntimeError("OCR indisponible")

    report = fetch_once(dovecot, store=store, settings=settings, process=broken)

    assert list(report.failed.values()) == ["RuntimeError: OCR indisponible"]
    [(message_id, flags)] = folder_state(dovecot, "INBOX")
    assert message_id == "<fails@ddt35.fr>" and ERROR_KEYWORD in flags and "\\Seen" not in flags
    dossier_id = report.dossiers[0]
    assert store.dossier(dossier_id).status == "failed"
    with store.session() as s:
        event = s.scalar(select(Event).where(Event.kind == "failed"))
    assert event.dossier_id == dossier_id and "OCR indisponible" in event.data["error"]
    # the original was kept, and the failed message is not taken again on its own
    assert count(store, MessageRow) == 1
    again = fetch_once(dovecot, store=store, settings=settings, process=broken)
    assert not again.done and not again.failed
    # once repaired, an explicit retry files it away
    retried = fetch_once(dovecot, store=store, settings=settings, process=lambda d: None,
                         retry_failed=True)
    assert len(retried.done) == 1 and folder_state(dovecot, "INBOX") == []


def test_a_storage_error_leaves_the_message_untouched_for_the_next_pass(dovecot, store, settings):
    deliver(dovecot, mail("<disk@ddt35.fr>", "Candidature Vitré"))
    shutil.rmtree(settings.storage_dir)
    settings.storage_dir.write_text("not a folder")  # every blob write now fails

    report = fetch_once(dovecot, store=store, settings=settings, process=lambda d: None)

    assert len(report.failed) == 1 and not report.done
    [(_, flags)] = folder_state(dovecot, "INBOX")
    assert ERROR_KEYWORD not in flags
    settings.storage_dir.unlink()
    settings.storage_dir.mkdir()
    again = fetch_once(dovecot, store=store, settings=settings, process=lambda d: None)
    assert len(again.done) == 1


def test_without_a_done_folder_messages_are_flagged_and_not_taken_twice(dovecot, store, settings):
    config = replace(dovecot, done_folder="")
    deliver(config, mail("<flag@ddt35.fr>", "Candidature Vitré"))

    first = fetch_once(config, store=store, settings=settings, process=lambda d: None)
    second = fetch_once(config, store=store, settings=settings, process=lambda d: None)

    assert len(first.done) == 1 and not second.done
    [(_, flags)] = folder_state(config, "INBOX")
    assert DONE_KEYWORD in flags and "\\Seen" in flags


def test_the_command_fetches_once(dovecot, tmp_path):
    deliver(dovecot, mail("<cli@ddt35.fr>", "Candidature Vitré", attach=True))
    env = {"GUICHET_IMAP_HOST": dovecot.host, "GUICHET_IMAP_PORT": str(dovecot.port),
           "GUICHET_IMAP_USER": USER, "GUICHET_IMAP_PASSWORD": PASSWORD, "GUICHET_IMAP_TLS": "none"}

    done = run_guichet("fetch-mail", data_dir=tmp_path / "var", env=env, timeout=600)

    assert done.returncode == 0, done.stderr
    assert "1 message(s) traité(s), 0 en échec." in done.stdout
    assert [mid for mid, _ in folder_state(dovecot, "Traité")] == ["<cli@ddt35.fr>"]


def test_the_command_reports_an_unreachable_server(tmp_path):
    env = {"GUICHET_IMAP_HOST": "127.0.0.1", "GUICHET_IMAP_PORT": str(free_port()),
           "GUICHET_IMAP_TLS": "none"}

    done = run_guichet("fetch-mail", data_dir=tmp_path / "var", env=env, timeout=120)

    assert done.returncode == 1 and "Relève impossible" in done.stderr


def test_polling_takes_new_mail_until_stopped(dovecot, store, settings):
    import threading

    from worker.entry.mailbox import poll

    stop = threading.Event()
    poller = threading.Thread(target=poll, args=(dovecot,), daemon=True,
                              kwargs=dict(every=0.2, store=store, settings=settings,
                                          process=lambda d: None, stop=stop))
    poller.start()
    try:
        deliver(dovecot, mail("<poll@ddt35.fr>", "Candidature Vitré"))
        deadline = time.monotonic() + 30
        while folder_state(dovecot, "INBOX") and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        stop.set()
        poller.join(30)
    assert not poller.is_alive()
    assert [mid for mid, _ in folder_state(dovecot, "Traité")] == ["<poll@ddt35.fr>"]


def test_a_bad_tls_mode_is_a_usage_error(tmp_path):
    done = run_guichet("fetch-mail", data_dir=tmp_path / "var", env={"GUICHET_IMAP_TLS": "tls1.0"},
                       timeout=120)

    assert done.returncode == 2 and "GUICHET_IMAP_TLS" in done.stderr


REDIS = os.environ.get("GUICHET_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture
def redis_settings(settings):
    """Settings with the machine's Redis and a queue of this test's own."""
    import uuid

    from worker.core.queue import STAGES, make_queue

    queued = replace(settings, redis_url=REDIS, queue_name=f"test-{uuid.uuid4().hex[:8]}")
    yield queued
    for stage in STAGES:
        make_queue(queued, stage).delete(delete_jobs=True)


def _watching(dovecot, process):
    """`process`, noting what the INBOX held at the moment it was called."""
    seen = []

    def wrapped(dossier_id):
        seen.append([mid for mid, _ in folder_state(dovecot, "INBOX")])
        process(dossier_id)

    return wrapped, seen


def test_with_redis_a_message_is_filed_away_only_once_its_processing_is_queued(dovecot, store, redis_settings):
    from worker.core.context import make_context
    from worker.core.dispatch import processor
    from worker.core.queue import make_queue

    deliver(dovecot, mail("<queued@ddt35.fr>", "Candidature Vitré", attach=True))
    process, seen = _watching(dovecot, processor(make_context(redis_settings, store)))

    report = fetch_once(dovecot, store=store, settings=redis_settings, process=process)

    assert len(report.done) == 1 and not report.failed
    assert seen == [["<queued@ddt35.fr>"]]  # queued while the message was still in the INBOX
    assert [mid for mid, _ in folder_state(dovecot, "Traité")] == ["<queued@ddt35.fr>"]
    [dossier_id] = report.dossiers
    assert store.dossier(dossier_id).status == "received"  # a worker reads it, not fetch-mail
    [job] = make_queue(redis_settings, "read").get_jobs()  # the reading first; the later stages wait for it
    assert job.args == [dossier_id]


def test_with_redis_down_a_message_is_filed_away_once_recorded_for_the_sweeper(dovecot, store, redis_settings,
                                                                               engine, cog):
    from worker.core.context import make_context
    from worker.core.dispatch import processor
    from worker.core.queue import make_queue
    from worker.entry import jobs

    down = replace(redis_settings, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    first = mail("<down@ddt35.fr>", "Candidature Vitré")
    deliver(dovecot, first)
    report = fetch_once(dovecot, store=store, settings=down, process=processor(make_context(down, store)))
    assert len(report.done) == 1 and not report.failed
    [dossier_id] = report.dossiers
    assert store.dossier(dossier_id).status == "received"
    # Processed meanwhile; then a reply joins it while Redis is still away.
    pipeline.run(dossier_id, make_context(down, store, engine=engine, cog=cog))
    reply = mail("<reply@ddt35.fr>", "Re: Candidature Vitré", attach=True).replace(
        b"Message-ID:", b"In-Reply-To: <down@ddt35.fr>\r\nMessage-ID:", 1)
    deliver(dovecot, reply)
    again = fetch_once(dovecot, store=store, settings=down, process=processor(make_context(down, store)))
    assert again.dossiers == [dossier_id] and len(again.done) == 1
    assert folder_state(dovecot, "INBOX") == []
    assert store.dossier(dossier_id).status == "processed"  # the reply's fiche is not read yet
    with store.session() as s:
        deferred = s.scalars(select(Event).where(Event.kind == "queue_deferred")).all()
    assert [e.dossier_id for e in deferred] == [dossier_id, dossier_id]
    assert "ConnectionError" in deferred[0].data["error"]
    # Redis is back: the sweeper queues it, once.
    assert jobs.sweep(store, redis_settings, grace=0).dossiers == [dossier_id]
    assert [job.args for job in make_queue(redis_settings, "read").get_jobs()] == [[dossier_id]]
