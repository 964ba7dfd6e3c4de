"""The `coach` command: terminal drills, reply analysis, demo data and pending scores."""

from __future__ import annotations

import json
import logging
import sys
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from bot import cli_admin, cli_library, cli_nlu_eval, cli_suggestions  # noqa: F401  (they register commands)
from bot.app_context import configure_logging, load_settings, open_coach, utc_now
from bot.console import ConsoleView, run_drill
from bot.db.engine import make_engine
from bot.db.models import DrillStatus
from bot.demo import seed_demo
from bot.errors import CoachError
from bot.settings import Settings
from bot.suggestions import SuggestionService
from nlu.screening import screen

logger = logging.getLogger(__name__)
err = Console(stderr=True, highlight=False, soft_wrap=True)

app = typer.Typer(
    help="Frontline Coach: role-play drills that coach frontline staff the brand's way.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(cli_admin.db_app, name="db")
app.add_typer(cli_admin.nlu_app, name="nlu")
app.add_typer(cli_library.library_app, name="library")


@app.callback()
def _setup(ctx: typer.Context) -> None:
    settings = load_settings()
    configure_logging(settings)
    ctx.obj = settings


def _read_line(interactive: bool) -> str | None:
    try:
        line = input("You: ") if interactive else sys.stdin.readline()
    except EOFError:
        return None
    if not interactive and line == "":
        return None
    return line.rstrip("\n")


def _choose_touchpoint(ids: list[str], titles: list[str]) -> str:
    err.print("Which touchpoint do you want to practise?")
    for number, title in enumerate(titles, start=1):
        err.print(f"  {number}. {title}")
    choice = input(f"Number [1-{len(ids)}, Enter for 1]: ").strip() or "1"
    if not choice.isdigit() or not 1 <= int(choice) <= len(ids):
        raise CoachError(f"Please choose a number from 1 to {len(ids)}.")
    return ids[int(choice) - 1]


@app.command()
def chat(
    ctx: typer.Context,
    user: Annotated[str, typer.Option("--user", help="Your user id, e.g. demo-staff-1.")],
    touchpoint: Annotated[str | None, typer.Option(help="Touchpoint id; asks when omitted.")] = None,
    scenario: Annotated[str | None, typer.Option(help="Scenario id; the first one when omitted.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per bot message.")] = False,
) -> None:
    """Practise a touchpoint: the coach plays the customer, you type what you would say."""
    settings: Settings = ctx.obj
    interactive = sys.stdin.isatty() and not as_json
    with open_coach(settings) as coach:
        if touchpoint is None:
            ids = list(coach.library)
            touchpoint = _choose_touchpoint(ids, [coach.library[i].title for i in ids]) if interactive else ids[0]
        view = ConsoleView(sys.stdout, as_json=as_json)
        code, drill_id = run_drill(
            coach.service,
            view,
            lambda: _read_line(interactive),
            user_id=user,
            touchpoint_id=touchpoint,
            scenario_id=scenario,
            now=utc_now,
        )
        if interactive and coach.service.drill_status(drill_id=drill_id) is DrillStatus.COMPLETED:
            _offer_suggestion(SuggestionService(engine=coach.engine, library=coach.library), user, touchpoint)
    raise typer.Exit(code)


def _offer_suggestion(suggestions: SuggestionService, user: str, touchpoint: str) -> None:
    """After a drill, staff may put their own line forward; the seeds say: let them express the brand."""
    line = input("Got a line of your own for this moment? Type it for your manager, or press Enter to skip: ")
    if not line.strip():
        return
    try:
        view = suggestions.suggest(user_id=user, touchpoint_id=touchpoint, text=line, now=utc_now())
    except CoachError as exc:
        err.print(f"Not sent: {exc}")
        return
    err.print(f"Thanks! Your line (suggestion {view.id}) is waiting for your manager.")


@app.command()
def analyze(
    ctx: typer.Context,
    texts: Annotated[list[str] | None, typer.Argument(help="Replies to analyse; stdin lines when omitted.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help='One {"text", "elements"} object per line.')] = False,
) -> None:
    """Print the response elements detected in each reply."""
    settings: Settings = ctx.obj
    lines = texts if texts else (line.rstrip("\n") for line in sys.stdin)
    with open_coach(settings) as coach:
        for text in lines:
            screened = screen(text, max_chars=settings.max_reply_chars)
            elements = [] if screened.problem else sorted(coach.analyzer.analyze(screened.text).elements)
            if as_json:
                print(json.dumps({"text": text, "elements": elements}, ensure_ascii=False), flush=True)
            else:
                shown = ", ".join(elements) or (f"(not judged: {screened.problem})" if screened.problem else "(none)")
                print(f"{text}\n  -> {shown}", flush=True)


@app.command()
def demo(
    ctx: typer.Context,
    play: Annotated[bool, typer.Option("--play", help="Then start the NLU server if needed and open a drill.")] = False,
    user: Annotated[str, typer.Option(help="Who plays, with --play.")] = "demo-staff-1",
) -> None:
    """Seed the demo organisation (2 stores, 2 managers, 6 staff, 1 HR user); safe to run again."""
    settings: Settings = ctx.obj
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session, session.begin():
            created, total = seed_demo(session=session, timezone=settings.default_timezone, now=utc_now())
    finally:
        engine.dispose()
    err.print(f"Demo organisation ready: {total} people ({created} new). Staff ids: demo-staff-1 … demo-staff-6.")
    if play:
        with cli_admin.nlu_running(settings):
            chat(ctx, user=user, touchpoint=None, scenario=None, as_json=False)


@app.command("score-pending")
def score_pending(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per message.")] = False,
) -> None:
    """Score replies that were saved while the NLU server was unreachable."""
    settings: Settings = ctx.obj
    with open_coach(settings) as coach:
        outcomes = coach.service.score_pending(now=utc_now())
    view = ConsoleView(sys.stdout, as_json=as_json)
    for outcome in outcomes:
        if as_json:
            print(json.dumps({"type": "scored", "attempt_id": outcome.attempt_id, "drill_id": outcome.drill_id}))
        else:
            err.print(f"[bold]Attempt {outcome.attempt_id}[/] (drill {outcome.drill_id}):")
        view.show(outcome.messages, drill_id=outcome.drill_id)
    err.print(f"Scored {len(outcomes)} pending repl{'y' if len(outcomes) == 1 else 'ies'}.")


def main() -> None:
    """Entry point: friendly messages for expected failures, a logged traceback for anything else."""
    try:
        app()
    except CoachError as exc:
        err.print(f"[red]Error:[/] {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print("Interrupted.")
        sys.exit(130)
    except Exception:
        logger.exception("unexpected error")
        err.print("[red]Something went wrong.[/] The details are in var/coach.log.")
        sys.exit(1)
