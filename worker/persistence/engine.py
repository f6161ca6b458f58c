"""The database engine a process uses: a pooled PostgreSQL, or SQLite tuned for durability."""

from __future__ import annotations

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

# Connections a process keeps open: at least as many as the web server's threads (`guichet serve
# --threads`, 16 by default). Beyond the pool, a connection is opened for one transaction and closed
# at its end: under load, the requests that fall there paid a new server process each.
POOL_SIZE = 32
POOL_OVERFLOW = 8


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL, full sync and foreign keys."""
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    engine = create_engine(url, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection, _record) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")  # a committed row survives a power cut
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine
