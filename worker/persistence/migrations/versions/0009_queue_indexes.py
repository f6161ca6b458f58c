"""the readings to check found by an index: the queue's "à vérifier" counts and filter

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Partial: a few per cent of the fields, against a seq scan of all of them (10 000 dossiers,
    # 440 000 fields: 150-200 ms per statement, twice per queue page filtered on "à vérifier").
    where = sa.text("status = 'needs_review'")
    op.create_index('ix_field_needs_review', 'field', ['dossier_id'],
                    postgresql_where=where, sqlite_where=where)


def downgrade() -> None:
    op.drop_index('ix_field_needs_review', table_name='field')
