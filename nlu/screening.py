"""Decides whether a reply can be judged at all, before any model sees it. Pure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Unjudgeable(StrEnum):
    """Why a reply can't be scored."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_WORDS = "no_words"
    NOT_ENGLISH = "not_english"


MESSAGES: dict[Unjudgeable, str] = {
    Unjudgeable.EMPTY: "I didn't get a reply. Type what you would say to the customer.",
    Unjudgeable.TOO_LONG: (
        "That reply is {length:,} characters long; the coach reads up to {limit:,}. "
        "Say it the way you would out loud, in a few sentences."
    ),
    Unjudgeable.NO_WORDS: ("I can only coach words, not emoji or symbols. Type what you would say to the customer."),
    Unjudgeable.NOT_ENGLISH: "Please answer in English; the coach can only judge English replies for now.",
}

# Common English words, including shop-floor vocabulary, to tell English from other languages.
_ENGLISH = frozenset(
    """
    a about all am an and any anything are as at back be been but by can could day did do does don't for
    from get go good got great had has have hello help hey hi how i i'll i'm i've if in is it it's just
    know let let's look looking me morning my need no not now of off oh ok okay on one or order our out
    over please right see so sorry sure take than thank thanks that that's the them then there they this
    to today up us was we we'll we're well what when where which will with would yeah yes you you'll
    you're your welcome find come coming in store item help call check get give here hi
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_MIN_WORDS_FOR_LANGUAGE = 4
_MIN_ENGLISH_SHARE = 0.25
# Terminal colour and cursor codes pasted along with text (ESC [ ... final byte).
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")


@dataclass(frozen=True)
class Screened:
    """A reply cleaned of control characters, or the reason it can't be judged."""

    text: str
    problem: Unjudgeable | None = None
    message: str = ""


def clean(text: str) -> str:
    """Drop terminal escape codes, control and invisible format characters; fold whitespace."""
    text = _ANSI_ESCAPE.sub("", text)
    # Whitespace first: newlines and tabs are control characters too, but they separate words.
    kept = "".join(
        " " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return " ".join(kept.split())


def screen(text: str, *, max_chars: int) -> Screened:
    """Clean a reply and say whether it can be judged."""
    cleaned = clean(text)
    if not cleaned:
        return _problem(cleaned, Unjudgeable.EMPTY)
    if len(cleaned) > max_chars:
        return _problem(cleaned, Unjudgeable.TOO_LONG, length=len(cleaned), limit=max_chars)
    words = _WORD.findall(cleaned)
    if not words:
        return _problem(cleaned, Unjudgeable.NO_WORDS)
    if not looks_english(words):
        return _problem(cleaned, Unjudgeable.NOT_ENGLISH)
    return Screened(text=cleaned)


def looks_english(words: list[str]) -> bool:
    """A cheap language check: Latin script, and enough common English words in longer replies."""
    letters = [ch for w in words for ch in w]
    latin = sum(1 for ch in letters if ch.isascii())
    if latin < 0.6 * len(letters):
        return False
    if len(words) < _MIN_WORDS_FOR_LANGUAGE:
        return True
    known = sum(1 for w in words if w.lower() in _ENGLISH)
    # English replies are full of these words (a third or more); other Latin-script languages share few.
    return known >= max(1, round(_MIN_ENGLISH_SHARE * len(words)))


def _problem(text: str, problem: Unjudgeable, **values: int) -> Screened:
    return Screened(text=text, problem=problem, message=MESSAGES[problem].format(**values))
