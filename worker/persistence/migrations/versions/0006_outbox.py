"""outbox: every mail Guichet sends, with its fixed Message-ID and its sending state

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'outbox',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('dedupe_key', sa.String(length=200), nullable=True),
        sa.Column('message_id', sa.String(length=500), nullable=False),
        sa.Column('in_reply_to', sa.String(length=500), nullable=True),
        sa.Column('reference_ids', sa.JSON(), nullable=False),
        sa.Column('recipients', sa.JSON(), nullable=False),
        sa.Column('subject', sa.Text(), nullable=False),
        sa.Column('body_text', sa.Text(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name='fk_outbox_dossier_id_dossier'),
        sa.PrimaryKeyConstraint('id', name='pk_outbox'),
        sa.UniqueConstraint('dedupe_key', name='uq_outbox_dedupe_key'),
        sa.UniqueConstraint('message_id', name='uq_outbox_message_id'),
    )
    op.create_index('ix_outbox_dossier_id', 'outbox', ['dossier_id'])
    op.create_index('ix_outbox_status', 'outbox', ['status'])


def downgrade() -> None:
    op.drop_index('ix_outbox_status', table_name='outbox')
    op.drop_index('ix_outbox_dossier_id', table_name='outbox')
    op.drop_table('outbox')
