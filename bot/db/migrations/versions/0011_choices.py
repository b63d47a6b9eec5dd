"""Numbered buttons for every channel that types them: `choices` keyed by (channel, external id).

`zalo_choices` (Zalo OA only, keyed by the external id alone) becomes `choices`; its rows move
over as channel 'zalo'. The Zalo Bot channel keeps its numbers there too.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UtcDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "choices",
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("commands", sa.String(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "external_id", name="pk_choices"),
    )
    op.execute("INSERT INTO choices (channel, external_id, commands, updated_at) "
               "SELECT 'zalo', external_id, commands, updated_at FROM zalo_choices")
    op.drop_table("zalo_choices")


def downgrade() -> None:
    op.create_table(
        "zalo_choices",
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("commands", sa.String(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("external_id", name="pk_zalo_choices"),
    )
    # Numbers of other channels have no place there: they are lost (users see a new menu at
    # their next message anyway).
    op.execute("INSERT INTO zalo_choices (external_id, commands, updated_at) "
               "SELECT external_id, commands, updated_at FROM choices WHERE channel = 'zalo'")
    op.drop_table("choices")
