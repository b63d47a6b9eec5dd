"""Citizens' questions the bot could not answer (or asked back about, or was asked to pass on),
kept for the organizers, with the organizers' answer.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import BigId, UtcDateTime

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizen_questions",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("user_id", BigId),
        sa.Column("text", sa.String(1000), nullable=False),
        sa.Column("normalised", sa.String(1000), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("answered_at", UtcDateTime()),
        sa.Column("answered_by", sa.String(96)),
        sa.Column("answer", sa.String()),
        sa.PrimaryKeyConstraint("id", name="pk_citizen_questions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL",
                                name="fk_citizen_questions_user_id_users"),
    )
    op.create_index("ix_citizen_questions_kind_created", "citizen_questions",
                    ["kind", "created_at"])
    op.create_index("ix_citizen_questions_user_id", "citizen_questions", ["user_id"])


def downgrade() -> None:
    op.drop_table("citizen_questions")
