"""Citizens say where they live: `users.district` (the quận/huyện, as content names it).

Set by /quan or by a contest registration when none was chosen; the schedule shows that
district's events and its reminders reach them (audiences "home:NAME", "home-except:A|B"), for
which `scheduled_items.audience` grows to 255 characters.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("district", sa.String(64)))
    # SQLite does not enforce a VARCHAR's length (and a rebuild would run under the foreign
    # keys): only PostgreSQL needs the wider column.
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("scheduled_items", "audience", type_=sa.String(255),
                        existing_type=sa.String(80), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("scheduled_items", "audience", type_=sa.String(80),
                        existing_type=sa.String(255), existing_nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.drop_column("district")
