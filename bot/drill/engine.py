"""Pure drill transitions: given the script, the state and what happened, return the new state and messages."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.drill.messages import Feedback, Message, Notice, Prompt, Result
from nlu.analyzer import MetaCommand
from scripts_library.schema import Scenario, TouchpointScript
from scripts_library.scoring import RubricResult, score_reply

HELP_TEXT = (
    "You're talking to a customer. Type exactly what you would say to them, in your own words. "
    "I'll tell you what landed, what was missing, and show you a model line. "
    "Type 'repeat' to hear the customer again, 'skip' to skip this one, or 'stop' to end."
)

# Plain words that always mean a command to the coach, whatever the model thinks.
_KEYWORDS: dict[str, MetaCommand] = {
    "skip": MetaCommand.SKIP,
    "repeat": MetaCommand.REPEAT,
    "stop": MetaCommand.STOP,
    "quit": MetaCommand.STOP,
    "exit": MetaCommand.STOP,
    "help": MetaCommand.HELP,
    "?": MetaCommand.HELP,
}


@dataclass(frozen=True)
class DrillState:
    """Where a drill stands: the customer turn awaiting a reply and the elements said so far."""

    turn_index: int
    said_so_far: frozenset[str]
    finished: bool = False
    scored: bool = False


@dataclass(frozen=True)
class Step:
    """The outcome of a transition."""

    state: DrillState
    messages: tuple[Message, ...]
    rubric: RubricResult | None = None


def keyword_command(text: str) -> MetaCommand | None:
    """A meta command typed as a plain keyword (`skip`, `/stop`, ...), or None."""
    word = text.strip().lower().lstrip("/").rstrip(".!")
    return _KEYWORDS.get(word)


def start(script: TouchpointScript, scenario: Scenario) -> Step:
    """Open a drill on the scenario's first customer turn."""
    state = DrillState(turn_index=0, said_so_far=frozenset())
    return Step(state, (prompt(script, scenario, 0, frozenset()),))


def prompt(script: TouchpointScript, scenario: Scenario, turn_index: int, said_so_far: frozenset[str]) -> Prompt:
    """The customer's line for a turn, preceded by their reaction to what is still missing."""
    turn = scenario.turns[turn_index]
    # Reactions answer an earlier reply, so the opening line never has any.
    reactions = tuple(
        line for element, line in turn.react_if_missing.items() if turn_index > 0 and element not in said_so_far
    )
    return Prompt(
        touchpoint_id=script.id,
        title=script.title,
        customer=scenario.persona.name,
        mood=scenario.persona.mood,
        text=turn.say,
        turn=turn_index + 1,
        turns=len(scenario.turns),
        reactions=reactions,
        context=scenario.persona.description,
    )


def after_reply(
    script: TouchpointScript,
    scenario: Scenario,
    state: DrillState,
    elements: frozenset[str],
    *,
    unsure: frozenset[str] = frozenset(),
    seed: int = 0,
) -> Step:
    """Score a reply against everything said so far, give feedback, then the next turn or the result."""
    said = state.said_so_far | elements
    rubric = score_reply(script.rubric, said, script.brand)
    line = script.model_lines[seed % len(script.model_lines)]
    last = state.turn_index + 1 >= len(scenario.turns)
    feedback = Feedback(
        score=rubric.score,
        passed=rubric.passed,
        items=rubric.items,
        model_line=line.text,
        model_line_credit=line.credit,
        unsure=unsure - said,
        final=last,
    )
    if last:
        result = Result(script.id, script.title, rubric.score, rubric.passed, script.rubric.pass_mark)
        done = DrillState(state.turn_index, said, finished=True, scored=True)
        return Step(done, (feedback, result), rubric)
    following = DrillState(state.turn_index + 1, said)
    return Step(following, (feedback, prompt(script, scenario, following.turn_index, said)), rubric)


def on_command(script: TouchpointScript, scenario: Scenario, state: DrillState, command: MetaCommand) -> Step:
    """Handle skip, repeat, stop and help; none of them is scored."""
    if command is MetaCommand.REPEAT:
        return Step(state, (prompt(script, scenario, state.turn_index, state.said_so_far),))
    if command is MetaCommand.HELP:
        return Step(state, (Notice("help", HELP_TEXT),))
    ended = replace(state, finished=True)
    if command is MetaCommand.SKIP:
        return Step(ended, (Notice("skipped", f"Skipped {script.title}. No score was recorded."),))
    return Step(ended, (Notice("stopped", "Drill stopped. No score was recorded. See you next time!"),))
