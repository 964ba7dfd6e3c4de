"""Builds the long-lived parts (engine, library, analyzer) from the one settings object."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import Engine

from bot.db.engine import make_engine
from bot.drill.service import DrillService
from bot.errors import CoachError
from bot.settings import Settings
from nlu.analyzer import ReplyAnalyzer, Thresholds
from nlu.client import RasaClient
from nlu.server import NluPaths
from scripts_library.loader import load_library
from scripts_library.schema import TouchpointScript


def utc_now() -> datetime:
    """The current time in UTC; the only clock the edges read."""
    return datetime.now(UTC)


def load_settings() -> Settings:
    """Read settings once, turning invalid configuration into a friendly error."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}" for e in exc.errors())
        raise CoachError(f"Invalid configuration: {problems}") from exc


def configure_logging(settings: Settings) -> None:
    """Log to var/coach.log with tracebacks; the terminal only ever shows friendly messages."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(settings.var_dir / "coach.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())


def nlu_paths(settings: Settings) -> NluPaths:
    """Where the NLU project, venv, cache and server files are."""
    # Absolute, because Rasa runs with the NLU project as its working directory.
    return NluPaths(
        settings.nlu_project_dir.absolute(),
        settings.rasa_venv.absolute(),
        settings.cache_dir.absolute(),
        settings.var_dir.absolute(),
    )


@dataclass
class Coach:
    """The assembled application for one command."""

    settings: Settings
    engine: Engine
    library: dict[str, TouchpointScript]
    analyzer: ReplyAnalyzer
    service: DrillService


def library_of(settings: Settings) -> dict[str, TouchpointScript]:
    """The default library with the organisation's LIBRARY_DIR laid over it."""
    # A missing folder just means the organisation has no scripts of its own yet.
    return load_library(overrides=[settings.library_dir] if settings.library_dir.is_dir() else [])


def make_analyzer(settings: Settings, client: RasaClient) -> ReplyAnalyzer:
    """The Rasa-backed analyzer with the configured threshold."""
    return ReplyAnalyzer(client, Thresholds(element=settings.element_confidence))


@contextmanager
def open_coach(settings: Settings) -> Iterator[Coach]:
    """Assemble the app and close its connections afterwards."""
    engine = make_engine(settings.database_url)
    library = library_of(settings)
    client = RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds)
    analyzer = make_analyzer(settings, client)
    service = DrillService(engine=engine, library=library, analyzer=analyzer, max_reply_chars=settings.max_reply_chars)
    try:
        yield Coach(settings, engine, library, analyzer, service)
    finally:
        analyzer.close()
        client.close()
        engine.dispose()
