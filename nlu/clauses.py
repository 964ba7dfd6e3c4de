"""Splits a reply into clauses so each can be classified on its own (a reply holds several elements)."""

from __future__ import annotations

import re

# Sentence ends, semicolons, dashes and a few joining words that usually start a new speech act.
_BOUNDARY = re.compile(
    # A title's full stop is not a sentence end: "Welcome back, Mrs. Okafor" stays one clause.
    r"(?<!\bmrs\.)(?<!\b(?:mr|ms|mx|dr|st)\.)(?<=[.!?;])\s+|\s*[;\u2014\u2013]\s*|\s+-\s+|\s*\.\.\.\s*"
    # "Just so you know" is one phrase, not "just" + a clause starting at "so".
    r"|,?\s+\b(?:and then|and|but|(?<!just )so|then|also)\b\s+(?=(?:i|i'll|i'm|i've|we|we'll|let|you|you'll|"
    r"can|could|would|please|what|how|is|are|anything|"
    # An action verb after "and" usually starts a second commitment: "... and text you the tracking number".
    r"text|call|ring|email|send|ship|get|give|check|refund|replace|book|put|make|follow|update|have)\b)",
    re.IGNORECASE,
)
_MIN_LETTERS = 2
_COMMA = re.compile(r",\s+")
# A comma splits only between parts of at least this many words, so "Welcome back, Maria" stays whole.
_MIN_WORDS_AROUND_COMMA = 2


def split_clauses(text: str) -> list[str]:
    """Split a reply into clauses; always returns at least one clause for non-blank text."""
    pieces = [c for p in _BOUNDARY.split(text) if p for c in _split_commas(p.strip(" ,")) if c]
    clauses = [p for p in pieces if sum(ch.isalpha() for ch in p) >= _MIN_LETTERS]
    if not clauses and text.strip():
        return [text.strip()]
    return clauses


def _split_commas(piece: str) -> list[str]:
    parts = [p.strip() for p in _COMMA.split(piece)]
    merged: list[str] = []
    for part in parts:
        if merged and (
            len(part.split()) < _MIN_WORDS_AROUND_COMMA or len(merged[-1].split()) < _MIN_WORDS_AROUND_COMMA
        ):
            merged[-1] = f"{merged[-1]}, {part}"
        else:
            merged.append(part)
    return merged
