"""Bring a database to the latest schema with Alembic (SQLite and PostgreSQL alike)."""

from __future__ import annotations

import functools
import json
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


def upgrade(engine: Engine, record: bool = True) -> None:
    """Run every pending migration on `engine`; Alembic is loaded only when one is pending
    (it costs a quarter of a second at every start of every command). A new SQLite database
    gets the recorded schema instead (`record`, see `created_from_record`)."""
    head = head_revision()
    if head is not None and (current_revision(engine) == head or record and created_from_record(engine)):
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
            return current_revision_on(connection)
    except DBAPIError:  # no table yet: a new database
        return None


def current_revision_on(connection) -> str | None:
    """`current_revision` on an open connection (raises DBAPIError without alembic_version)."""
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


# A new SQLite database (a first start, every test's) made from the schema the migrations make,
# recorded: the same tables, indexes and revision, without loading Alembic (a third of the start).
SQLITE_SCHEMA = Path(__file__).with_name("sqlite_schema.json")


def sqlite_schema(connection) -> dict:
    """What the migrations made of an SQLite database: its revision and every statement that
    created its tables and indexes, in their order (sqlite_master keeps them as they were given)."""
    rows = connection.execute(text("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"))
    return {"revision": current_revision_on(connection), "statements": [sql for (sql,) in rows]}


def created_from_record(engine: Engine) -> bool:
    """Whether `engine`'s database, a new SQLite one, was given the recorded schema: only when
    it holds nothing yet and the record is of the migrations' head (else Alembic runs them)."""
    if engine.dialect.name != "sqlite" or not SQLITE_SCHEMA.exists():
        return False
    record = json.loads(SQLITE_SCHEMA.read_text(encoding="utf-8"))
    if record["revision"] != head_revision():
        return False
    with engine.begin() as connection:
        if connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar():
            return False  # not new: Alembic knows what to do
        for statement in record["statements"]:
            connection.exec_driver_sql(statement)
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:revision)"),
                           {"revision": record["revision"]})
    return True


def write_record(path: Path = SQLITE_SCHEMA) -> dict:
    """Write the record again from a new SQLite database the migrations made (after a new migration)."""
    import tempfile

    from worker.persistence.engine import make_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/record.sqlite3")
        upgrade(engine, record=False)
        with engine.connect() as connection:
            record = sqlite_schema(connection)
        engine.dispose()
    path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return record


if __name__ == "__main__":  # python -m worker.persistence.migrate: the record written again
    print(f"{SQLITE_SCHEMA}: revision {write_record()['revision']}")
