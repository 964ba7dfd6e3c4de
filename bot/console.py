"""The terminal channel: the same drill engine as Slack, read from stdin and written to stdout."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape

from bot.drill.messages import Feedback, Message, Notice, Prompt, Result
from bot.drill.service import DrillService
from scripts_library.scoring import FeedbackKind

EXIT_PENDING = 3


def to_json(message: Message, *, drill_id: int) -> dict[str, Any]:
    """The stable JSON shape of a bot message (`coach chat --json`)."""
    if isinstance(message, Prompt):
        return {
            "type": "prompt",
            "drill_id": drill_id,
            "touchpoint": message.touchpoint_id,
            "customer": message.customer,
            "mood": message.mood,
            "turn": message.turn,
            "turns": message.turns,
            "reactions": list(message.reactions),
            "context": message.context,
            "text": message.text,
        }
    if isinstance(message, Feedback):
        return {
            "type": "feedback",
            "drill_id": drill_id,
            "score": message.score,
            "passed": message.passed,
            "final": message.final,
            "found": [str(i.element) for i in message.items if i.kind is FeedbackKind.PRAISE],
            "missing": [
                str(i.element) for i in message.items if i.kind in (FeedbackKind.MISSING, FeedbackKind.CRITICAL_MISSING)
            ],
            "anti_patterns": [str(i.element) for i in message.items if i.kind is FeedbackKind.ANTI_PATTERN],
            "unsure": sorted(message.unsure),
            "items": [{"kind": i.kind.value, "element": str(i.element), "message": i.message} for i in message.items],
            "model_line": message.model_line,
            "model_line_credit": message.model_line_credit,
        }
    if isinstance(message, Result):
        return {
            "type": "result",
            "drill_id": drill_id,
            "touchpoint": message.touchpoint_id,
            "score": message.score,
            "passed": message.passed,
            "pass_mark": message.pass_mark,
        }
    return {"type": "notice", "drill_id": drill_id, "code": message.code, "text": message.text}


_MARKS = {
    FeedbackKind.PRAISE: "[green]✓[/]",
    FeedbackKind.MISSING: "[yellow]•[/]",
    FeedbackKind.CRITICAL_MISSING: "[red]✗[/]",
    FeedbackKind.ANTI_PATTERN: "[red]![/]",
}


@dataclass
class ConsoleView:
    """Renders messages for a person (rich text) or for a program (one JSON object per line)."""

    out: TextIO
    as_json: bool

    def __post_init__(self) -> None:
        self._console = Console(file=self.out, highlight=False, soft_wrap=True)

    def show(self, messages: tuple[Message, ...], *, drill_id: int) -> None:
        """Write each message."""
        for message in messages:
            if self.as_json:
                self.out.write(json.dumps(to_json(message, drill_id=drill_id), ensure_ascii=False) + "\n")
                self.out.flush()
            else:
                self._render(message)

    def _render(self, message: Message) -> None:
        say = self._console.print
        if isinstance(message, Prompt):
            if message.turn == 1:
                who = f"{escape(message.customer)} ({escape(message.mood)})"
                say(f"\n[bold]{escape(message.title)}[/] — customer: {who}")
                if message.context:
                    say(f"[dim]{escape(message.context)}[/]")
            for line in (*message.reactions, message.text):
                say(f"[cyan]{escape(message.customer)}:[/] {escape(line)}")
        elif isinstance(message, Feedback):
            heading = "Final score" if message.final else "So far"
            verdict = "[green]pass[/]" if message.passed else "[red]not yet[/]"
            say(f"\n[bold]{heading}: {message.score}/100[/] ({verdict})")
            for item in message.items:
                say(f"  {_MARKS[item.kind]} {escape(item.message)}")
            if message.unsure:
                names = ", ".join(sorted(e.replace("_", " ") for e in message.unsure))
                say(f"  [dim]? I wasn't sure whether you meant: {escape(names)} — no credit or blame for it.[/]")
            credit = f" [dim](a line by {escape(message.model_line_credit)})[/]" if message.model_line_credit else ""
            say(f'  [italic]Try it like this:[/] "{escape(message.model_line)}"{credit}\n')
        elif isinstance(message, Result):
            word = "Passed" if message.passed else "Not passed yet"
            say(f"[bold]{word}: {escape(message.title)} — {message.score}/100 (pass mark {message.pass_mark}).[/]")
        elif isinstance(message, Notice):
            say(f"[magenta]Coach:[/] {escape(message.text)}")


def run_drill(
    service: DrillService,
    view: ConsoleView,
    read_line: Callable[[], str | None],
    *,
    user_id: str,
    touchpoint_id: str,
    now: Callable[[], datetime],
    scenario_id: str | None = None,
) -> tuple[int, int]:
    """Run one drill to its end (or to end of input); returns the process exit code and the drill id."""
    started = service.start(
        user_id=user_id, touchpoint_id=touchpoint_id, scenario_id=scenario_id, channel="terminal", now=now()
    )
    view.show(started.messages, drill_id=started.drill_id)
    while service.active_drill(drill_id=started.drill_id):
        line = read_line()
        if line is None:
            view.show((Notice("no_reply", "No reply given; the drill is left unfinished."),), drill_id=started.drill_id)
            return 0, started.drill_id
        reply = service.reply(drill_id=started.drill_id, text=line, now=now())
        view.show(reply.messages, drill_id=started.drill_id)
        if any(isinstance(m, Notice) and m.code == "pending" for m in reply.messages):
            return EXIT_PENDING, started.drill_id
    return 0, started.drill_id
