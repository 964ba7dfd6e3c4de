"""`coach library ...`: list, show, lint, export and import the touchpoint script library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from bot.app_context import library_of, make_analyzer, utc_now
from bot.db.engine import make_engine
from bot.db.repo import ensure_script_version
from bot.errors import CoachError, LibraryError, NluUnavailableError
from bot.settings import Settings
from exports.library_workbook import read_library_workbook, write_library_workbook
from nlu import server
from nlu.client import RasaClient
from nlu.screening import screen
from scripts_library.lint import Judge, lint_directory
from scripts_library.loader import DEFAULT_LIBRARY_DIR, load_directory
from scripts_library.problems import Severity
from scripts_library.schema import TouchpointScript
from scripts_library.tabular import changed_scripts
from scripts_library.tabular_reader import library_from_sheets
from scripts_library.writer import script_yaml, write_files

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


@library_app.command("export")
def library_export(
    ctx: typer.Context,
    workbook: Annotated[Path, typer.Option("--out", help="The .xlsx file to write.")] = Path("library.xlsx"),
) -> None:
    """Write the organisation's library to an Excel workbook that managers can edit and import."""
    library = library_of(ctx.obj)
    write_library_workbook(workbook, library)
    out.print(f"Wrote {_touchpoints(len(library))} to {workbook}.", markup=False)


@library_app.command("import")
def library_import(
    ctx: typer.Context, workbook: Annotated[Path, typer.Argument(help="An edited `library export` workbook.")]
) -> None:
    """Check an edited workbook; if all is well, save each changed touchpoint and record its new version."""
    settings: Settings = ctx.obj
    current = library_of(settings)
    imported, problems = library_from_sheets(read_library_workbook(workbook))
    for problem in problems:
        out.print(str(problem), markup=False)
    if problems:
        raise CoachError(f"{len(problems)} error(s) in {workbook}; nothing was changed.")
    left_out = [key for key in current if key not in imported]
    if left_out:
        err.print(f"Not in the workbook, so left as they are: {', '.join(left_out)}.", markup=False)
    changed = changed_scripts(current, imported)
    if not changed:
        out.print(f"No changes: the workbook matches the library ({_touchpoints(len(imported))} unchanged).")
        return
    files = _script_files(settings.library_dir, changed)
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session, session.begin():
            now = utc_now()
            # Record what the edit replaces too, so the history reads "before, after" even on a new database.
            for script in changed:
                if script.id in current:
                    ensure_script_version(session=session, script=current[script.id], now=now)
            versions = [ensure_script_version(session=session, script=s, now=now).version for s in changed]
            write_files(files)  # inside the transaction: a failed write records no versions
    finally:
        engine.dispose()
    for script, version in zip(changed, versions, strict=True):
        out.print(f"{script.id}: {'updated' if script.id in current else 'added'} (version {version})")
    out.print(f"{_touchpoints(len(changed))} changed, {len(imported) - len(changed)} unchanged.")


def _script_files(directory: Path, scripts: list[TouchpointScript]) -> dict[Path, str]:
    """The file each script goes to: the organisation's own file for it, or `<id>.yml`; and its YAML."""
    existing = {key: path for key, (_, path) in load_directory(directory).items()} if directory.is_dir() else {}
    owners = {path: key for key, path in existing.items()}
    files: dict[Path, str] = {}
    for script in scripts:
        path = existing.get(script.id, directory / f"{script.id}.yml")
        if owners.get(path, script.id) != script.id:
            raise LibraryError(f"{path} holds touchpoint {owners[path]!r}; cannot save {script.id!r} there.")
        files[path] = script_yaml(script)
    return files


def _touchpoints(count: int) -> str:
    return f"{count} touchpoint{'' if count == 1 else 's'}"
