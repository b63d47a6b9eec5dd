"""Organizer traffic is marked when it is written, so the report counts citizens only.

`message_log.organizer`: the message came from an organizer; `users.organizer`: the user was an
organizer when first seen. Both follow [organizers] at that moment: a later change of the list
does not rewrite past figures. Rows written before this revision count as citizens' (see
docs/deployment.md, "Organizer traffic in the report", to mark them).

Revision ID: 0008
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
# Chained after 0007 (the contest identity).
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("message_log", "users"):
        op.add_column(table, sa.Column("organizer", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))


def downgrade() -> None:
    for table in ("message_log", "users"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("organizer")
