"""sessions and tokens that can be ended: app_user.session_version, api_token.expires_at and read_only

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot alter a table in place, PostgreSQL simply adds the columns.
    with op.batch_alter_table('app_user') as batch:
        batch.add_column(sa.Column('session_version', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('api_token') as batch:
        batch.add_column(sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('read_only', sa.Boolean(), nullable=False, server_default=sa.false()))
    # A deactivated account's tokens used to come back with the account: revoke them now.
    op.execute(sa.text("UPDATE api_token SET revoked = :yes WHERE user_id IN "
                       "(SELECT id FROM app_user WHERE active = :no)").bindparams(yes=True, no=False))
    # Tokens made before had no end: they get the default lifetime from today (90 days).
    expires = datetime.now(timezone.utc) + timedelta(days=90)
    op.execute(sa.text("UPDATE api_token SET expires_at = :expires WHERE expires_at IS NULL")
               .bindparams(sa.bindparam("expires", expires, type_=sa.DateTime(timezone=True))))


def downgrade() -> None:
    with op.batch_alter_table('api_token') as batch:
        batch.drop_column('read_only')
        batch.drop_column('expires_at')
    with op.batch_alter_table('app_user') as batch:
        batch.drop_column('session_version')
