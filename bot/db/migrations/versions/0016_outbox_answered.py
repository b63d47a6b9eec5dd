"""The outbox's answered_at: a chat's interval kept across processes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UtcDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox", sa.Column("answered_at", UtcDateTime(), nullable=True))
    op.create_index("ix_outbox_answered", "outbox", ["answered_at", "user_id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_answered", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("answered_at")
