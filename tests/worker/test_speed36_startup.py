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
    imported_by(*args, data_dir=tmp_path / "var")  # the first run makes the database (Alembic)
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
