"""queue lines written again: their search text now folds accents one way and holds région names

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""
from __future__ import annotations

from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A line older than its dossier is rebuilt the next time the queue is read.
    op.execute("UPDATE queue_entry SET synced_at = '2000-01-01 00:00:00+00:00'")


def downgrade() -> None:
    pass  # the lines rebuilt are as good for the previous version
