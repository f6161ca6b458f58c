"""team features: labels on dossiers, private annotations, archiving, saved views of the queue;
outbox rows without a dossier (the instructeurs' daily digest)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'dossier_label',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.String(length=32), nullable=False),
        sa.Column('label', sa.String(length=60), nullable=False),
        sa.Column('created_by', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name='fk_dossier_label_dossier_id_dossier'),
        sa.PrimaryKeyConstraint('id', name='pk_dossier_label'),
        sa.UniqueConstraint('dossier_id', 'label', name='uq_dossier_label_dossier_label'),
    )
    op.create_index('ix_dossier_label_label', 'dossier_label', ['label'])
    op.create_table(
        'annotation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('dossier_id', sa.String(length=32), nullable=False),
        sa.Column('author', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['dossier_id'], ['dossier.id'], name='fk_annotation_dossier_id_dossier'),
        sa.PrimaryKeyConstraint('id', name='pk_annotation'),
    )
    op.create_index('ix_annotation_dossier_id', 'annotation', ['dossier_id'])
    op.create_table(
        'saved_view',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('owner', sa.String(length=320), nullable=False),
        sa.Column('name', sa.String(length=80), nullable=False),
        sa.Column('query', sa.String(length=1000), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_saved_view'),
        sa.UniqueConstraint('owner', 'name', name='uq_saved_view_owner_name'),
    )
    with op.batch_alter_table('queue_entry') as batch:
        batch.add_column(sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True))
        batch.create_index('ix_queue_entry_archived_at', ['archived_at'])
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('dossier_id', existing_type=sa.String(length=32), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE dossier_id IS NULL")
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('dossier_id', existing_type=sa.String(length=32), nullable=False)
    with op.batch_alter_table('queue_entry') as batch:
        batch.drop_index('ix_queue_entry_archived_at')
        batch.drop_column('archived_at')
    op.drop_table('saved_view')
    op.drop_index('ix_annotation_dossier_id', table_name='annotation')
    op.drop_table('annotation')
    op.drop_index('ix_dossier_label_label', table_name='dossier_label')
    op.drop_table('dossier_label')
