"""Subscriptions, scheduled items, the broadcast outbox and the leader lease.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import BigId, UtcDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("user_id", BigId, nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_subscriptions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_subscriptions_user_id_users"),
    )
    op.create_table(
        "scheduled_items",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("due_at", UtcDateTime(), nullable=False),
        sa.Column("audience", sa.String(80), nullable=False),
        sa.Column("text", sa.String()),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("note", sa.String(200)),
        sa.Column("creator_channel", sa.String(16)),
        sa.Column("creator_external_id", sa.String(64)),
        sa.Column("progress_ref", sa.String(64)),
        sa.Column("total", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("fired_at", UtcDateTime()),
        sa.Column("finished_at", UtcDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_scheduled_items"),
        sa.UniqueConstraint("key", name="uq_scheduled_items_key"),
    )
    op.create_index("ix_scheduled_items_status_due", "scheduled_items", ["status", "due_at"])
    op.create_table(
        "outbox",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("item_id", BigId, nullable=False),
        sa.Column("user_id", BigId, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(200)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("not_before", UtcDateTime()),
        sa.Column("claimed_by", sa.String(96)),
        sa.Column("claimed_at", UtcDateTime()),
        sa.Column("sent_at", UtcDateTime()),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("item_id", "user_id", name="uq_outbox_item_user"),
        sa.ForeignKeyConstraint(["item_id"], ["scheduled_items.id"], ondelete="CASCADE",
                                name="fk_outbox_item_id_scheduled_items"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_outbox_user_id_users"),
    )
    op.create_index("ix_outbox_claim", "outbox", ["channel", "status", "id"])
    op.create_index("ix_outbox_item_status", "outbox", ["item_id", "status"])
    op.create_table(
        "leases",
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(96), nullable=False),
        sa.Column("until", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_leases"),
    )


def downgrade() -> None:
    op.drop_table("leases")
    op.drop_table("outbox")
    op.drop_table("scheduled_items")
    op.drop_table("subscriptions")
