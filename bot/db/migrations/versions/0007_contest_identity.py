"""The contest's one-attempt rule survives an erasure; late answers are marked.

`contest_participants.identity_hash`: a keyed hash of the platform identity, kept when the user
erases their data (the key is `[contest] identity_key`, or one generated into `app_secrets` on
first start). Existing rows still linked to a user get their hash at start-up, when the key is
known (bot/db/contest.py backfill_identities); rows anonymised before this revision have none.

Revision ID: 0007
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import UtcDateTime

revision = "0007"
# Chained after 0005: no 0006 in this branch (the lead re-chains if another revision lands).
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it): no table rebuild under the foreign keys.
    op.add_column("contest_participants", sa.Column("identity_hash", sa.String(64)))
    op.create_index("ix_contest_participants_identity_hash", "contest_participants",
                    ["identity_hash"])
    op.add_column("contest_answers", sa.Column("late", sa.Boolean, nullable=False,
                                               server_default=sa.false()))
    op.create_table(
        "app_secrets",
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("value", sa.String(200), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name="pk_app_secrets"),
    )


def downgrade() -> None:
    op.drop_table("app_secrets")
    with op.batch_alter_table("contest_answers") as batch:
        batch.drop_column("late")
    op.drop_index("ix_contest_participants_identity_hash", "contest_participants")
    with op.batch_alter_table("contest_participants") as batch:
        batch.drop_column("identity_hash")
