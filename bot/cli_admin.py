"""`coach db ...` and `coach nlu ...`: the set-up steps that `make setup` runs."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from rich.console import Console

from bot.app_context import nlu_paths
from bot.db.engine import current_revision, make_engine, upgrade
from bot.errors import CoachError
from bot.settings import Settings
from nlu import server, tuning_data
from nlu.client import RasaClient

err = Console(stderr=True, highlight=False, soft_wrap=True)
db_app = typer.Typer(help="The database schema.", no_args_is_help=True)
nlu_app = typer.Typer(help="The local Rasa NLU server.", no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade(ctx: typer.Context) -> None:
    """Create the database or upgrade it to the latest schema."""
    settings: Settings = ctx.obj
    engine = make_engine(settings.database_url)
    try:
        before = current_revision(engine)
        upgrade(engine)
        after = current_revision(engine)
    finally:
        engine.dispose()
    state = "already up to date" if before == after else f"upgraded from {before or 'empty'}"
    err.print(f"Database {engine.url.render_as_string(hide_password=True)}: revision {after} ({state}).")


@nlu_app.command("train")
def nlu_train(
    ctx: typer.Context,
    force: Annotated[bool, typer.Option(help="Train even if a model for this data is cached.")] = False,
) -> None:
    """Train the NLU model unless one for exactly this training data is cached."""
    paths = nlu_paths(ctx.obj)
    stale = tuning_data.staleness(paths.project_dir)
    if stale:
        err.print(f"[yellow]Warning:[/] {stale}")
    cached = server.cached_model(paths)
    if cached.exists() and not force:
        err.print(f"NLU model is up to date ({cached.name}, cached).")
        return
    started = time.monotonic()
    with err.status("Training the NLU model (about a minute)…"):
        model, _ = server.train(paths, force=force)
    err.print(f"Trained {model.name} in {time.monotonic() - started:.0f}s.")


@nlu_app.command("attribute")
def nlu_attribute(ctx: typer.Context) -> None:
    """Regenerate nlu/data/tuning_clauses.yml: the labelled tuning replies, clause by clause, as training data."""
    settings: Settings = ctx.obj
    started = time.monotonic()
    with err.status("Attributing the tuning sets' labels to their clauses (about a minute)…"):
        summary = tuning_data.attribute(nlu_paths(settings), max_chars=settings.max_reply_chars)
    err.print(f"Wrote nlu/data/{tuning_data.GENERATED}: {summary}, in {time.monotonic() - started:.0f}s.")
    err.print("Retrain with `coach nlu train` to use it.")


@contextmanager
def nlu_running(settings: Settings) -> Iterator[None]:
    """Make sure the NLU server is up; stop it afterwards only if this call started it."""
    paths = nlu_paths(settings)
    if server.is_up(settings.rasa_url):
        yield
        return
    _start(settings)
    try:
        yield
    finally:
        server.stop(paths)
        err.print("Stopped the NLU server.")


def _start(settings: Settings) -> None:
    paths = nlu_paths(settings)
    model, trained = server.cached_model(paths), False
    if not model.exists():
        with err.status("Training the NLU model (about a minute)…"):
            model, trained = server.train(paths)
    with err.status(f"Starting the NLU server at {settings.rasa_url} (about 15 seconds)…"):
        pid = server.start(paths, model, settings.rasa_url)
    err.print(
        f"NLU server up at {settings.rasa_url} (pid {pid}, model {model.name}{', just trained' if trained else ''})."
    )


@nlu_app.command("up")
def nlu_up(ctx: typer.Context) -> None:
    """Start the local Rasa server in the background and wait until it answers."""
    settings: Settings = ctx.obj
    if server.is_up(settings.rasa_url):
        err.print(f"NLU server already up at {settings.rasa_url}.")
        return
    _start(settings)


@nlu_app.command("serve")
def nlu_serve(ctx: typer.Context) -> None:
    """Run the local Rasa server in the foreground until Ctrl-C (trains first if needed)."""
    settings: Settings = ctx.obj
    if server.is_up(settings.rasa_url):
        raise CoachError(f"An NLU server is already up at {settings.rasa_url}; stop it with `make nlu-down`.")
    with nlu_running(settings):
        err.print("Serving; press Ctrl-C to stop.")
        with contextlib.suppress(KeyboardInterrupt):
            while server.is_up(settings.rasa_url, timeout=5.0):
                time.sleep(2)


@nlu_app.command("down")
def nlu_down(ctx: typer.Context) -> None:
    """Stop the local Rasa server started by `coach nlu up`."""
    stopped = server.stop(nlu_paths(ctx.obj))
    err.print("Stopped the NLU server." if stopped else "No NLU server started by `coach nlu up` is running.")


@nlu_app.command("status")
def nlu_status(ctx: typer.Context) -> None:
    """Say whether the NLU server answers and which model it has loaded."""
    settings: Settings = ctx.obj
    with RasaClient(settings.rasa_url, timeout=3.0) as client:
        status = client.status()
    err.print(f"NLU server up at {settings.rasa_url}; model {status.get('model_file')}.")
