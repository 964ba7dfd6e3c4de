"""Shared fixtures: real databases (SQLite, and PostgreSQL when TEST_DATABASE_URL is set) and a real Rasa server."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.app_context import nlu_paths
from bot.db.engine import make_engine, upgrade
from bot.demo import seed_demo
from bot.settings import Settings
from nlu import server

REPO = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _reset_postgres(url: str) -> Engine:
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind; PostgreSQL is skipped when TEST_DATABASE_URL is unset."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'coach.db'}"
        return
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        pytest.skip("TEST_DATABASE_URL is not set")
    _reset_postgres(url).dispose()
    yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated database with the demo organisation seeded."""
    engine = make_engine(database_url)
    upgrade(engine)
    with Session(engine) as session, session.begin():
        seed_demo(session=session, timezone="Europe/London", now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def rasa_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `rasa run --enable-api` on a free loopback port, with the model trained from nlu/ (cached)."""
    settings = Settings(
        _env_file=None,
        var_dir=tmp_path_factory.mktemp("rasa-var"),
        nlu_project_dir=REPO / "nlu",
        rasa_venv=REPO / ".venv-rasa",
    )
    paths = nlu_paths(settings)
    if not paths.rasa.exists():
        pytest.fail("Rasa is not installed; run `make setup` (make test does it for you).")
    model, _ = server.train(paths)
    url = f"http://127.0.0.1:{free_port()}"
    server.start(paths, model, url)
    yield url
    server.stop(paths)


@pytest.fixture
def dead_rasa_url() -> str:
    """A URL where no Rasa server listens, as when it is down."""
    return f"http://127.0.0.1:{free_port()}"
