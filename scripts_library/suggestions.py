"""Staff-suggested lines: checking them, and laying approved ones over the library. Pure."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from nlu.screening import screen
from scripts_library.schema import ModelLine, TouchpointScript

MAX_SUGGESTION_CHARS = 300


@dataclass(frozen=True)
class ApprovedLine:
    """An approved suggestion: which touchpoint, the line, and who wrote it."""

    touchpoint_id: str
    text: str
    author: str


def check_suggestion(text: str) -> tuple[str, str | None]:
    """The cleaned line, and why it can't be suggested (None when it can)."""
    screened = screen(text, max_chars=MAX_SUGGESTION_CHARS)
    return screened.text, (screened.message or None)


def with_approved_lines(
    library: Mapping[str, TouchpointScript], approved: Iterable[ApprovedLine]
) -> dict[str, TouchpointScript]:
    """The library with each approved line added to its touchpoint's model lines, credited to its author."""
    extra: dict[str, list[ModelLine]] = {}
    for line in approved:
        if line.touchpoint_id in library:
            extra.setdefault(line.touchpoint_id, []).append(ModelLine(text=line.text, credit=line.author))
    merged = dict(library)
    for touchpoint_id, lines in extra.items():
        script = library[touchpoint_id]
        known = {m.text.casefold() for m in script.model_lines}
        new: list[ModelLine] = []
        for model_line in lines:
            if model_line.text.casefold() not in known:
                known.add(model_line.text.casefold())
                new.append(model_line)
        if new:
            merged[touchpoint_id] = script.model_copy(update={"model_lines": (*script.model_lines, *new)})
    return merged
