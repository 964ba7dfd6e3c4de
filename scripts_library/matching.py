"""Deterministic phrase matching, tolerant of case, inflection and small typos. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_SUFFIXES = ("'s", "ing", "ed", "es", "s")
_STOPWORDS = frozenset("a an the your you my our of for to with and or in on at is are it this that".split())


def words(text: str) -> list[str]:
    """Lower-case words of a text (apostrophes kept inside words)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A crude stem: drop one common English suffix, so 'points', 'pointed' and 'pointing' meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def similar(a: str, b: str) -> bool:
    """Same word up to inflection, or one typo (two in long words)."""
    if a == b or stem(a) == stem(b):
        return True
    allowed = 0 if min(len(a), len(b)) < 4 else 1 if min(len(a), len(b)) < 8 else 2
    return allowed > 0 and _distance(a, b, allowed) <= allowed


def _distance(a: str, b: str, limit: int) -> int:
    # Levenshtein distance, giving up early once every path exceeds the limit.
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def contains_phrase(text_words: list[str], phrase: str) -> bool:
    """Whether the phrase's words occur next to each other in the text, each up to inflection or a typo."""
    target = words(phrase)
    if not target:
        return False
    span = len(target)
    return any(
        all(similar(text_words[start + k], target[k]) for k in range(span))
        for start in range(len(text_words) - span + 1)
    )


def matches_any(text: str, phrases: Iterable[str]) -> bool:
    """Whether any phrase occurs in the text."""
    text_words = words(text)
    return any(contains_phrase(text_words, phrase) for phrase in phrases)


def mentions_most_of(text: str, description: str) -> bool:
    """Whether the text mentions at least half of the content words of a description (e.g. a usual order)."""
    content = [w for w in words(description) if w not in _STOPWORDS]
    if not content:
        return False
    text_words = words(text)
    hits = sum(1 for w in content if any(similar(t, w) for t in text_words))
    return hits * 2 >= len(content)
