"""the queue's search by a trigram index on PostgreSQL (pg_trgm), when the role may create the
extension; without it the search scans the queue lines as before

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""
from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)
# The search words of every line, matched anywhere (LIKE '%word%'): twice per page searched, a scan of
# every line without it. The reasons (LIKE '% CODE %') match a tenth of the lines: a scan is as good.
INDEXES = {"ix_queue_entry_search_trgm": "search"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:
        with bind.begin_nested():  # a refusal (no pg_trgm, no right to create it) must not end the migration
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            # The schema it lives in (maybe not on our search_path, when it was there before us).
            schema = bind.execute(sa.text("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                          "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")).scalar_one()
            for name, column in INDEXES.items():
                bind.execute(sa.text(f'CREATE INDEX {name} ON queue_entry '
                                     f'USING gin ({column} "{schema}".gin_trgm_ops)'))
    except sa.exc.DBAPIError as exc:
        log.warning("pg_trgm indisponible (%s) : la recherche de la file parcourt ses lignes", exc.orig)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")  # the extension stays: others may use it
