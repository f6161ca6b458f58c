"""Request timing: the database's share in a Server-Timing header (when asked) and slow requests logged."""

from __future__ import annotations

import logging
import re

from service import create_app
from service.config import WebSettings
from tests.service.conftest import login


def _app(app, settings, **options):
    """Another app on the fixture's store (its accounts), with other web settings."""
    web = WebSettings(secret_key="cle-de-test-" + "x" * 40, page_cache_dir=settings.data_dir / "cache", **options)
    other = create_app(settings, web, store=app.extensions["guichet"].store)
    other.config["TESTING"] = True
    return other


def test_server_timing_counts_the_queue_pages_statements(app, data):
    settings, _ = data
    client = _app(app, settings, server_timing=True).test_client()
    login(client, "instructeur")
    header = client.get("/").headers["Server-Timing"]
    found = re.fullmatch(r'db;dur=([\d.]+);desc="(\d+)", app;dur=([\d.]+), cpu;dur=([\d.]+)', header)
    assert found, header
    assert int(found.group(2)) >= 3  # the count, the page of lines, the counts per state at the least
    assert float(found.group(1)) > 0
    assert 0 < float(found.group(4)) <= float(found.group(1)) + float(found.group(3)) + 1  # the thread's CPU, within its time


def test_no_timing_header_by_default(app):
    client = app.test_client()
    login(client, "instructeur")
    assert "Server-Timing" not in client.get("/").headers


def test_a_slow_request_is_logged_with_its_database_share(app, data, caplog):
    settings, _ = data
    client = _app(app, settings, slow_ms=0).test_client()
    login(client, "instructeur")
    with caplog.at_level(logging.WARNING, logger="service.timing"):
        client.get("/?departement=26")
    lines = [r.getMessage() for r in caplog.records if r.name == "service.timing" and " GET / " in r.getMessage()]
    assert lines and re.search(r"database \d+ ms over [1-9]\d* statements", lines[-1]), lines
