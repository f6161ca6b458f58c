"""Where a request's time goes: a Server-Timing header on every response, and slow requests logged.

The database's share (statements and their time) is counted from SQLAlchemy's cursor events, so
a slow page says whether it waited on the database, on a lock, or on its own Python and template.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def install(app: Flask, engine: Engine, slow_ms: float, header: bool) -> None:
    """Time every request of `app` and the statements it sends through `engine`; the header is
    off by default, as timings tell an outsider more than they need."""

    for name, listener in (("before_cursor_execute", _statement_starts), ("after_cursor_execute", _statement_ends)):
        if not event.contains(engine, name, listener):  # one engine may serve several apps (tests)
            event.listen(engine, name, listener)

    @app.before_request
    def _request_starts():
        g.request_started = time.perf_counter()

    @app.after_request
    def _request_ends(response):
        started = g.get("request_started")
        if started is None:
            return response
        total = (time.perf_counter() - started) * 1000
        db = g.get("db_seconds", 0.0) * 1000
        statements = g.get("db_statements", 0)
        if header:
            response.headers["Server-Timing"] = f"db;dur={db:.1f};desc=\"{statements}\", app;dur={total - db:.1f}"
        if total >= slow_ms:
            log.warning("slow request: %s %s %d in %.0f ms (database %.0f ms over %d statements, rest %.0f ms)",
                        request.method, request.path, response.status_code, total, db, statements, total - db)
        return response


def _statement_starts(conn, cursor, statement, parameters, context, executemany) -> None:
    if has_request_context():
        g.setdefault("db_started", []).append(time.perf_counter())


def _statement_ends(conn, cursor, statement, parameters, context, executemany) -> None:
    if has_request_context() and g.get("db_started"):
        g.db_seconds = g.get("db_seconds", 0.0) + time.perf_counter() - g.db_started.pop()
        g.db_statements = g.get("db_statements", 0) + 1
