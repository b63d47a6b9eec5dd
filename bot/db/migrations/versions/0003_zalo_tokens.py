"""Zalo: the OA token pair and each user's numbered buttons.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UtcDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zalo_tokens",
        sa.Column("app_id", sa.String(64), nullable=False),
        sa.Column("access_token", sa.String(), nullable=False),
        sa.Column("refresh_token", sa.String(), nullable=False),
        sa.Column("expires_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", UtcDateTime()),
        sa.PrimaryKeyConstraint("app_id", name="pk_zalo_tokens"),
    )
    op.create_table(
        "zalo_choices",
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("commands", sa.String(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("external_id", name="pk_zalo_choices"),
    )


def downgrade() -> None:
    op.drop_table("zalo_choices")
    op.drop_table("zalo_tokens")
