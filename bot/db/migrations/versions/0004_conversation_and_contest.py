"""Conversation state (multi-step flows) and the Công dân học tập contest.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.db.models import BigId, UtcDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversation_state",
        sa.Column("user_id", BigId, nullable=False),
        sa.Column("flow", sa.String(32), nullable=False),
        sa.Column("step", sa.String(32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_conversation_state"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_conversation_state_user_id_users"),
    )
    op.create_table(
        "contest_participants",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        # SET NULL: a citizen who deletes their data leaves an anonymous result behind.
        sa.Column("user_id", BigId),
        sa.Column("full_name", sa.String(100)),
        sa.Column("district", sa.String(64), nullable=False),
        sa.Column("unit", sa.String(128)),
        sa.Column("phone", sa.String(20)),
        sa.Column("consented_at", UtcDateTime(), nullable=False),
        sa.Column("registered_at", UtcDateTime(), nullable=False),
        sa.Column("voided", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("void_reason", sa.String(200)),
        sa.PrimaryKeyConstraint("id", name="pk_contest_participants"),
        sa.UniqueConstraint("user_id", name="uq_contest_participants_user_id"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL",
                                name="fk_contest_participants_user_id_users"),
    )
    op.create_table(
        "contest_attempts",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("participant_id", BigId, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("current", sa.Integer, nullable=False, server_default="0"),
        sa.Column("question_started_at", UtcDateTime(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("finished_at", UtcDateTime()),
        sa.Column("score", sa.Integer, nullable=False, server_default="0"),
        sa.Column("total_ms", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name="pk_contest_attempts"),
        sa.UniqueConstraint("participant_id", "number", name="uq_contest_attempts_number"),
        sa.ForeignKeyConstraint(["participant_id"], ["contest_participants.id"],
                                ondelete="CASCADE",
                                name="fk_contest_attempts_participant_id_contest_participants"),
    )
    op.create_index("ix_contest_attempts_finished", "contest_attempts",
                    ["finished_at", "score", "total_ms"])
    op.create_table(
        "contest_answers",
        sa.Column("attempt_id", BigId, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("question_id", sa.String(64), nullable=False),
        sa.Column("chosen", sa.Integer),
        sa.Column("correct", sa.Boolean, nullable=False),
        sa.Column("elapsed_ms", sa.Integer, nullable=False),
        sa.Column("answered_at", UtcDateTime(), nullable=False),
        # One answer per question of an attempt: a double tap or a replayed press counts once.
        sa.PrimaryKeyConstraint("attempt_id", "position", name="pk_contest_answers"),
        sa.ForeignKeyConstraint(["attempt_id"], ["contest_attempts.id"], ondelete="CASCADE",
                                name="fk_contest_answers_attempt_id_contest_attempts"),
    )


def downgrade() -> None:
    op.drop_table("contest_answers")
    op.drop_table("contest_attempts")
    op.drop_table("contest_participants")
    op.drop_table("conversation_state")
