"""What a drill says to the employee; channels (terminal, Slack) render these."""

from __future__ import annotations

from dataclasses import dataclass, field

from scripts_library.scoring import FeedbackItem


@dataclass(frozen=True)
class Prompt:
    """A customer line to answer."""

    touchpoint_id: str
    title: str
    customer: str
    mood: str
    text: str
    turn: int
    turns: int
    reactions: tuple[str, ...] = ()
    # What the employee knows about this customer (a regular's usual order, the situation).
    context: str = ""


@dataclass(frozen=True)
class Feedback:
    """Explainable feedback on one reply, with a model line to learn from."""

    score: int
    passed: bool
    items: tuple[FeedbackItem, ...]
    model_line: str
    model_line_credit: str | None = None
    unsure: frozenset[str] = field(default_factory=frozenset)
    final: bool = True


@dataclass(frozen=True)
class Result:
    """The outcome of a whole drill."""

    touchpoint_id: str
    title: str
    score: int
    passed: bool
    pass_mark: int


@dataclass(frozen=True)
class Notice:
    """Anything else the coach needs to say: a reply it can't judge, help, a stopped drill."""

    code: str
    text: str


Message = Prompt | Feedback | Result | Notice
