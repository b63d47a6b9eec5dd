"""Database: models, engine, repositories and Alembic migrations."""
