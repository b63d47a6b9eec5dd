"""Alembic environment: migrations run on a connection handed over by bot.db.engine."""

from __future__ import annotations

from alembic import context

from bot.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `hoctap-bot db upgrade`: it supplies the connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
