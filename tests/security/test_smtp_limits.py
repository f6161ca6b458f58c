"""Issue 12, medium 10: the SMTP receiver took any recipient, from anyone, without a connection
cap, and its banner named the library's version. Replayed with a real smtplib client against
the real receiver."""

from __future__ import annotations

import smtplib
import socket
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import func, select

from tests.worker.test_smtp import RCPT, SENDER, free_port, mail, start  # noqa: F401  (fixture)
from worker.entry.smtp import SenderRate, SmtpConfig
from worker.persistence.db import Original

ROOT = Path(__file__).resolve().parents[2]


def originals(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Original))


def test_an_unknown_recipient_is_550_and_nothing_is_stored(start, store):
    receiver = start()

    with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) as smtp:
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            smtp.sendmail(SENDER, ["postmaster@evil.example"], mail("<other@evil.example>"))
        code, text = refused.value.recipients["postmaster@evil.example"]
        assert (code, text[:5]) == (550, b"5.1.1")
        # The configured address is still taken, whatever its case.
        assert smtp.sendmail(SENDER, [RCPT.upper()], mail("<ok@ddt35.fr>")) == {}
    receiver.wait_idle()
    assert originals(store) == 1


def test_no_recipient_configured_refuses_everything(start, store):
    receiver = start(recipients=frozenset())

    with pytest.raises(smtplib.SMTPRecipientsRefused):
        with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) as smtp:
            smtp.sendmail(SENDER, [RCPT], mail("<none@ddt35.fr>"))
    assert originals(store) == 0


def wait_for_open_connections(receiver, n: int) -> None:
    """The server counts a closed connection once its loop has seen it close: wait for that."""
    deadline = time.monotonic() + 10
    while receiver.controller.slots.open != n:
        assert time.monotonic() < deadline, receiver.controller.slots.open
        time.sleep(0.02)


def test_connections_beyond_the_cap_get_421(start, store):
    receiver = start(max_connections=2)
    wait_for_open_connections(receiver, 0)  # the controller's own start-up probe has closed
    held = [smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) for _ in range(2)]
    try:
        with pytest.raises(smtplib.SMTPConnectError) as refused:
            smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30)
        assert refused.value.smtp_code == 421

        held.pop().quit()  # a slot is freed: the next connection is served
        wait_for_open_connections(receiver, 1)
        with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) as smtp:
            assert smtp.sendmail(SENDER, [RCPT], mail("<slot@ddt35.fr>")) == {}
    finally:
        for smtp in held:
            smtp.quit()
    receiver.wait_idle()
    assert originals(store) == 1


def test_a_sender_over_its_budget_gets_451_others_do_not(start, store):
    receiver = start(sender_max_messages=2)

    with smtplib.SMTP(receiver.config.host, receiver.config.port, timeout=30) as smtp:
        for n in range(2):
            smtp.sendmail(SENDER, [RCPT], mail(f"<flood{n}@ddt35.fr>", f"Candidature {n}"))
        with pytest.raises(smtplib.SMTPSenderRefused) as refused:
            smtp.sendmail(SENDER.upper(), [RCPT], mail("<flood2@ddt35.fr>", "Candidature 2"))
        assert refused.value.smtp_code == 451
        smtp.sendmail("ddt@morbihan.gouv.fr", [RCPT], mail("<other@ddt56.fr>", "Candidature 56"))
    receiver.wait_idle()
    assert originals(store) == 3


def test_the_sender_window_slides():
    now = [0.0]
    rate = SenderRate(2, 60.0, clock=lambda: now[0])
    assert [rate.allow("a@x.fr") for _ in range(3)] == [True, True, False]
    now[0] = 61.0
    assert rate.allow("A@x.fr")


def test_the_banner_does_not_name_the_library(start):
    receiver = start()
    with socket.create_connection((receiver.config.host, receiver.config.port), timeout=30) as conn:
        banner = conn.recv(512).decode()
    assert banner.startswith("220 ")
    assert "Python" not in banner and "aiosmtpd" not in banner.lower()
    assert not any(ch.isdigit() for ch in banner[4:])


def test_defaults_listen_on_loopback_and_refuse_unknown_recipients():
    config = SmtpConfig.from_env({"GUICHET_SMTP_RECIPIENTS": " Atelier@Exemple.gouv.fr , b@c.fr,"})
    assert config.host == "127.0.0.1"
    assert config.recipients == {"atelier@exemple.gouv.fr", "b@c.fr"}
    assert SmtpConfig.from_env({}).recipients == frozenset()


def test_the_command_will_not_start_without_recipients(tmp_path):
    from click.testing import CliRunner

    from guichet_cli import main

    result = CliRunner().invoke(main, ["smtp", "--port", str(free_port())],
                                env={"GUICHET_SMTP_RECIPIENTS": "", "GUICHET_DATA_DIR": str(tmp_path)})
    assert result.exit_code != 0 and "GUICHET_SMTP_RECIPIENTS" in result.output


def test_compose_publishes_smtp_on_loopback_only():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    for port in compose["services"]["smtp"].get("ports", []):
        assert str(port).startswith("127.0.0.1:"), port


def test_compose_holds_no_password_and_redis_requires_one():
    """Low finding: compose had a hard-coded database password and a Redis without password
    (RQ runs functions by name: Redis write access is code execution in the workers)."""
    text = (ROOT / "compose.yaml").read_text()
    compose = yaml.safe_load(text)
    environment = compose["x-guichet"]["environment"]
    assert "${GUICHET_DB_PASSWORD:?" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"].startswith("redis://:${GUICHET_REDIS_PASSWORD:?")
    assert compose["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"].startswith("${GUICHET_DB_PASSWORD:?")
    redis = compose["services"]["redis"]["command"]
    assert redis[redis.index("--requirepass") + 1].startswith("${GUICHET_REDIS_PASSWORD:?")
    for service in ("redis", "postgres"):
        assert "ports" not in compose["services"][service]  # reachable from the other containers only
