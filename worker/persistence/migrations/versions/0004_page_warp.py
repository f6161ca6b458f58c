"""page.warp: how a photographed sheet was warped flat before OCR (corners and size, JSON)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place, PostgreSQL simply adds the column.
    with op.batch_alter_table('page') as batch:
        batch.add_column(sa.Column('warp', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('page') as batch:
        batch.drop_column('warp')
