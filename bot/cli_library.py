"""`coach library ...`: list, show and lint the touchpoint script library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.app_context import library_of, make_analyzer
from bot.errors import CoachError, NluUnavailableError
from bot.settings import Settings
from nlu import server
from nlu.client import RasaClient
from nlu.screening import screen
from scripts_library.lint import Judge, lint_directory
from scripts_library.loader import DEFAULT_LIBRARY_DIR
from scripts_library.problems import Severity

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
library_app = typer.Typer(help="The touchpoint script library.", no_args_is_help=True)


@library_app.command("list")
def library_list(
    ctx: typer.Context, as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False
) -> None:
    """List the touchpoints: id, title, channel, situation, scenarios."""
    library = library_of(ctx.obj)
    if as_json:
        for script in library.values():
            row = {
                "id": script.id,
                "title": script.title,
                "channel": script.channel,
                "situation": script.situation.value,
                "scenarios": [s.id for s in script.scenarios],
                "content_hash": script.content_hash(),
            }
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table("id", "title", "channel", "situation", "scenarios")
    for script in library.values():
        table.add_row(script.id, script.title, script.channel, script.situation.value, str(len(script.scenarios)))
    out.print(table)


@library_app.command("show")
def library_show(ctx: typer.Context, touchpoint: Annotated[str, typer.Argument(help="Touchpoint id.")]) -> None:
    """Show one touchpoint: model lines, rubric and scenarios."""
    library = library_of(ctx.obj)
    script = library.get(touchpoint)
    if script is None:
        raise CoachError(f"Unknown touchpoint {touchpoint!r}. Known touchpoints: {', '.join(library)}.")
    rubric = script.rubric
    out.print(f"[bold]{script.title}[/] ({script.id}) — {script.channel}, {script.situation.value}")
    out.print(script.description.strip())
    out.print("\n[bold]Model lines[/]")
    for line in script.model_lines:
        out.print(f"  • {line}")
    out.print(f"\n[bold]Rubric[/] (pass mark {rubric.pass_mark})")
    for element, weight in rubric.required.items():
        mark = " [red](critical)[/]" if element in rubric.critical else ""
        out.print(f"  {element}: {weight} points{mark}")
    for element, penalty in rubric.anti_patterns.items():
        out.print(f"  {element}: −{penalty} points")
    out.print("\n[bold]Scenarios[/]")
    for scenario in script.scenarios:
        persona = scenario.persona
        out.print(f"  {scenario.id}: {persona.name} ({persona.mood}) — {persona.description}")
        for number, turn in enumerate(scenario.turns, start=1):
            out.print(f"    {number}. {turn.say}")


@library_app.command("lint")
def library_lint(
    ctx: typer.Context,
    directory: Annotated[Path | None, typer.Argument(help="Library folder; the default library when omitted.")] = None,
) -> None:
    """Check every script file; exits non-zero on any error. Warns about weak content."""
    settings: Settings = ctx.obj
    folder = directory or DEFAULT_LIBRARY_DIR
    with RasaClient(settings.rasa_url, timeout=settings.rasa_timeout_seconds) as client:
        judge = _judge(settings, client)
        problems = lint_directory(folder, judge=judge)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    for problem in problems:
        colour = "red" if problem.severity is Severity.ERROR else "yellow"
        out.print(f"[{colour}]{problem.severity.value}[/] {problem}")
    out.print(f"{folder}: {len(errors)} error(s), {len(problems) - len(errors)} warning(s).")
    if errors:
        raise typer.Exit(1)


def _judge(settings: Settings, client: RasaClient) -> Judge | None:
    if not server.is_up(settings.rasa_url):
        err.print("Note: the NLU server is not running, so model lines were not checked for critical elements.")
        return None
    analyzer = make_analyzer(settings, client)

    def judge(line: str) -> frozenset[str]:
        try:
            return frozenset(analyzer.analyze(screen(line, max_chars=settings.max_reply_chars).text).elements)
        except NluUnavailableError:
            return frozenset()

    return judge
