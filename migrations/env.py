"""Alembic environment: migrates the engine handed over by `bot.db.engine.upgrade`, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from bot.db.engine import make_engine
from bot.db.models import Base
from bot.settings import Settings

config = context.config
target_metadata = Base.metadata


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if isinstance(engine, Engine):
        return engine
    return make_engine(Settings().database_url)


def run_migrations_online() -> None:
    """Run migrations on a live connection (SQLite needs batch mode for ALTERs)."""
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=engine.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()
