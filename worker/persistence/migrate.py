"""Bring a database to the latest schema with Alembic (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """A programmatic Alembic config: no alembic.ini to find at run time."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Run every pending migration on `engine`; Alembic is loaded only when one is pending
    (it costs a quarter of a second at every start of every command)."""
    if head_revision() is not None and current_revision(engine) == head_revision():
        return
    from alembic import command

    config = alembic_config(str(engine.url))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@functools.cache
def head_revision() -> str | None:
    """The last revision of migrations/versions, read from the files' `revision = '…'` and
    `down_revision = '…'` lines; None unless they form one line of descent."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revisions.update(re.findall(r"^revision = ['\"]([\w-]+)['\"]$", source, flags=re.M))
        parents.update(re.findall(r"^down_revision = ['\"]([\w-]+)['\"]$", source, flags=re.M))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None when it has none yet, or several)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DBAPIError:  # no table yet: a new database
        return None
    return rows[0] if len(rows) == 1 else None
