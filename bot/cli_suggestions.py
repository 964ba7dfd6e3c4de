"""`coach library suggest|suggestions|approve|reject`: staff lines, reviewed by their store's manager."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.app_context import library_of, utc_now
from bot.cli_library import library_app
from bot.db.engine import make_engine
from bot.settings import Settings
from bot.suggestions import SuggestionService, SuggestionView

out = Console(highlight=False, soft_wrap=True)
UserOption = Annotated[str, typer.Option("--user", help="Your user id.")]


def _service(settings: Settings) -> SuggestionService:
    return SuggestionService(engine=make_engine(settings.database_url), library=library_of(settings))


@library_app.command("suggest")
def suggest(
    ctx: typer.Context,
    user: UserOption,
    touchpoint: Annotated[str, typer.Option(help="The touchpoint the line is for.")],
    text: Annotated[str, typer.Argument(help="Your line, the way you'd say it.")],
) -> None:
    """Suggest your own line for a touchpoint; your store's manager reviews it."""
    view = _service(ctx.obj).suggest(user_id=user, touchpoint_id=touchpoint, text=text, now=utc_now())
    out.print(f"Thanks! Suggestion {view.id} for {view.touchpoint_id} is waiting for your manager.")


@library_app.command("suggestions")
def suggestions(
    ctx: typer.Context,
    user: UserOption,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the suggested lines waiting for your decision (managers and admins)."""
    views = _service(ctx.obj).pending_for(user_id=user)
    if as_json:
        for view in views:
            print(json.dumps(_as_dict(view), ensure_ascii=False))
        return
    if not views:
        out.print("No suggested lines are waiting for you.")
        return
    table = Table("id", "touchpoint", "author", "line", "suggested")
    for view in views:
        table.add_row(str(view.id), view.touchpoint_id, view.author, view.text, f"{view.created_at:%Y-%m-%d %H:%M} UTC")
    out.print(table)


@library_app.command("approve")
def approve(
    ctx: typer.Context, suggestion_id: Annotated[int, typer.Argument(help="Suggestion id.")], user: UserOption
) -> None:
    """Approve a suggested line: it becomes a model line of your organisation, credited to its author."""
    view = _service(ctx.obj).decide(user_id=user, suggestion_id=suggestion_id, approve=True, now=utc_now())
    out.print(f"Approved: {view.author}'s line is now a model line for {view.touchpoint_id}.")


@library_app.command("reject")
def reject(
    ctx: typer.Context,
    suggestion_id: Annotated[int, typer.Argument(help="Suggestion id.")],
    user: UserOption,
    reason: Annotated[str | None, typer.Option(help="A word for the author on why.")] = None,
) -> None:
    """Reject a suggested line."""
    view = _service(ctx.obj).decide(
        user_id=user, suggestion_id=suggestion_id, approve=False, now=utc_now(), note=reason
    )
    out.print(f"Rejected suggestion {view.id} by {view.author}.")


def _as_dict(view: SuggestionView) -> dict[str, object]:
    return {
        "id": view.id,
        "touchpoint": view.touchpoint_id,
        "author": view.author,
        "text": view.text,
        "status": view.status.value,
        "created_at": view.created_at.isoformat(),
    }
