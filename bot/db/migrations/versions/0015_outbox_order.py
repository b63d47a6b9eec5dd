"""The outbox's index by recipient: a chat's later row waits for its earlier open one.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_outbox_user", "outbox", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_outbox_user", table_name="outbox")
