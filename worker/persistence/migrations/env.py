"""Alembic environment: runs the migrations on the connection or URL it is given."""

from __future__ import annotations

import logging

from alembic import context
from sqlalchemy import create_engine

import worker.persistence.accounts  # noqa: F401  (its tables join Base.metadata)
from worker.persistence.db import Base

log = logging.getLogger(__name__)
config = context.config


def run_migrations() -> None:
    """Online migrations; batch mode so ALTERs work on SQLite too."""
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
