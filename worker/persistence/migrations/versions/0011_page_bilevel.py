"""page.bilevel: whether an OCR'd page's image held black and white only (a fax, a scan to 1 bit);
NULL when not known (a text layer, a page read before the column)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place, PostgreSQL simply adds the column.
    with op.batch_alter_table('page') as batch:
        batch.add_column(sa.Column('bilevel', sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('page') as batch:
        batch.drop_column('bilevel')
