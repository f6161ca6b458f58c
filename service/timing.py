"""Where a request's time goes: a Server-Timing header on every response, and slow requests logged.

The database's share (statements and their time) is counted from SQLAlchemy's cursor events, and
the wait for a pooled connection from the pool's events, so a slow page says whether it waited on
the database (and on which statement), on a free connection, or on its own Python and template.
"""

from __future__ import annotations

import logging
import re
import time

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def install(app: Flask, engine: Engine, slow_ms: float, header: bool) -> None:
    """Time every request of `app` and the statements it sends through `engine`; the header is
    off by default, as timings tell an outsider more than they need."""

    for name, listener in (("before_cursor_execute", _statement_starts), ("after_cursor_execute", _statement_ends),
                           ("engine_connect", _connected)):
        if not event.contains(engine, name, listener):  # one engine may serve several apps (tests)
            event.listen(engine, name, listener)
    _watch_checkouts(engine)

    @app.before_request
    def _request_starts():
        g.request_started = time.perf_counter()
        g.request_cpu_started = time.thread_time()

    @app.after_request
    def _request_ends(response):
        started = g.get("request_started")
        if started is None:
            return response
        total = (time.perf_counter() - started) * 1000
        db = g.get("db_seconds", 0.0) * 1000
        statements = g.get("db_statements", 0)
        if header:  # cpu: this thread's own CPU time, whatever the machine's load made it wait
            cpu = (time.thread_time() - g.get("request_cpu_started", time.thread_time())) * 1000
            response.headers["Server-Timing"] = (f"db;dur={db:.1f};desc=\"{statements}\", app;dur={total - db:.1f}, "
                                                 f"cpu;dur={cpu:.1f}")
        if total >= slow_ms:
            slowest, statement = g.get("db_slowest", (0.0, ""))
            log.warning("slow request: %s %s %d in %.0f ms (database %.0f ms over %d statements, rest %.0f ms; "
                        "%d connections taken, %.0f ms waiting for them; slowest statement %.0f ms: %s)",
                        request.method, request.path, response.status_code, total, db, statements, total - db,
                        g.get("db_checkouts", 0), g.get("db_checkout_seconds", 0.0) * 1000, slowest * 1000,
                        _shape(statement))
        return response


def _shape(statement: str) -> str:
    """A statement's first words, parameters and spaces squeezed: enough to know which it was."""
    return re.sub(r"\s+", " ", statement)[:120]


def _statement_starts(conn, cursor, statement, parameters, context, executemany) -> None:
    if has_request_context():
        g.setdefault("db_started", []).append(time.perf_counter())


def _statement_ends(conn, cursor, statement, parameters, context, executemany) -> None:
    if has_request_context() and g.get("db_started"):
        seconds = time.perf_counter() - g.db_started.pop()
        g.db_seconds = g.get("db_seconds", 0.0) + seconds
        g.db_statements = g.get("db_statements", 0) + 1
        if seconds > g.get("db_slowest", (0.0, ""))[0]:
            g.db_slowest = (seconds, statement)


def _connected(connection) -> None:
    if has_request_context():
        g.db_checkouts = g.get("db_checkouts", 0) + 1


def _watch_checkouts(engine: Engine) -> None:
    """Time spent waiting for a pooled connection (all connections busy): the pool has no event
    before the wait, so its getter is wrapped once per engine."""
    pool = engine.pool
    if getattr(pool, "_guichet_timed", False) or not hasattr(pool, "_do_get"):
        return
    original = pool._do_get

    def timed_get():
        if not has_request_context():
            return original()
        started = time.perf_counter()
        try:
            return original()
        finally:
            g.db_checkout_seconds = g.get("db_checkout_seconds", 0.0) + time.perf_counter() - started

    pool._do_get = timed_get
    pool._guichet_timed = True
