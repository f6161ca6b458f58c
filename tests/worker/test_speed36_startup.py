"""Start-up (issue 16): `guichet process` on an empty folder loads neither the PostgreSQL dialect
on SQLite, nor tqdm without a terminal, nor the mail parser; the partial index of the readings
to check stays partial on both databases."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import Index
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.schema import CreateIndex

from tests.test_cli_startup import imported_by

NOT_AT_START = ("tqdm", "sqlalchemy.dialects.postgresql", "extractors.mail", "alembic", "flask", "spacy",
                "marshmallow", "mailbox")


def test_an_empty_folder_loads_only_what_it_uses(tmp_path):
    (tmp_path / "empty").mkdir()
    args = ("process", "--quiet", "--out", str(tmp_path / "out"), str(tmp_path / "empty"))
    for _ in range(2):  # a new database (its recorded schema), then the same one
        modules = imported_by(*args, data_dir=tmp_path / "var")
    assert "worker.persistence.db" in modules and "sqlalchemy.dialects.sqlite" in modules
    assert [name for name in modules if name.split(".")[0] in NOT_AT_START or name in NOT_AT_START] == []


def test_process_help_loads_none_of_them(tmp_path):
    modules = imported_by("process", "--help", data_dir=tmp_path / "var")
    assert [name for name in modules if name.split(".")[0] in NOT_AT_START or name in NOT_AT_START] == []


def test_the_needs_review_index_is_partial_on_both_databases():
    from worker.persistence.db import FieldRow

    index = next(i for i in FieldRow.__table__.indexes if i.name == "ix_field_needs_review")
    for dialect in (postgresql.dialect(), sqlite.dialect()):
        assert str(CreateIndex(index).compile(dialect=dialect)) == (
            "CREATE INDEX ix_field_needs_review ON field (dossier_id) WHERE status = 'needs_review'")
    assert str(index.dialect_kwargs["postgresql_where"]) == "status = 'needs_review'"
    assert str(index.dialect_kwargs["sqlite_where"]) == "status = 'needs_review'"
    plain = Index("plain", "dossier_id", postgresql_where=index.where, sqlite_where=index.where)
    for name in ("postgresql", "sqlite"):  # the options as a plain Index's, defaults included
        assert dict(index.dialect_options[name]) == dict(plain.dialect_options[name])


def test_the_model_loads_without_the_postgresql_dialect():
    probe = ("import sys; import worker.persistence.db; "
             "print('sqlalchemy.dialects.postgresql' in sys.modules, 'extractors.mail' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["False", "False"]


def test_the_mail_parser_keeps_its_subject_key_length():
    from extractors import mail, model

    assert mail.SUBJECT_KEY_CHARS == model.SUBJECT_KEY_CHARS == 400
    assert len(mail.thread_subject("Re: " + "x" * 900)) == 400


def _schema(path) -> list:
    """sqlite_master, each statement's lines sorted: Alembic's batch mode lists a rebuilt table's
    constraints in an order that changes from run to run (a set), the same table all the same."""
    import sqlite3

    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return sorted((t, n if not n.startswith("sqlite_autoindex_") else "auto", tb,
                   sorted(line.strip(" ,") for line in (sql or "").splitlines())) for t, n, tb, sql in rows)


def test_a_new_sqlite_database_gets_the_migrations_schema_without_alembic(tmp_path):
    """The recorded schema (worker/persistence/sqlite_schema.json) is what the migrations make:
    after a new migration, write it again: python -m worker.persistence.migrate."""
    from worker.persistence import migrate
    from worker.persistence.engine import make_engine

    migrated, recorded = make_engine(f"sqlite:///{tmp_path}/a.sqlite3"), make_engine(f"sqlite:///{tmp_path}/b.sqlite3")
    migrate.upgrade(migrated, record=False)
    assert migrate.created_from_record(recorded)
    assert _schema(tmp_path / "a.sqlite3") == _schema(tmp_path / "b.sqlite3")
    assert migrate.current_revision(recorded) == migrate.head_revision() == migrate.current_revision(migrated)
    assert not migrate.created_from_record(migrated)  # a database with tables is Alembic's
    probe = ("import sys; from worker.persistence import migrate; from worker.persistence.engine import make_engine; "
             f"migrate.upgrade(make_engine('sqlite:///{tmp_path}/c.sqlite3')); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split() == ["False"]
    assert _schema(tmp_path / "c.sqlite3") == _schema(tmp_path / "a.sqlite3")


def test_a_stale_record_leaves_the_database_to_alembic(tmp_path, monkeypatch):
    from worker.persistence import migrate
    from worker.persistence.engine import make_engine

    monkeypatch.setattr(migrate, "head_revision", lambda: "9999")
    assert not migrate.created_from_record(make_engine(f"sqlite:///{tmp_path}/a.sqlite3"))
