"""Labelled replies for evaluation: one JSON object per line, with optional scenario context."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LINE_FORMAT = '{"text": ..., "elements": [...], "customer": {"name": ..., "preference": ...}} (customer optional)'


@dataclass(frozen=True)
class LabelledReply:
    """A reply, the elements a person labelled in it, and the drill scenario's customer when one is given."""

    text: str
    elements: frozenset[str]
    # What a drill's scenario would hold; personalization is matched against it as in a real drill.
    customer_name: str = ""
    preference: str = ""


def parse_labelled(line: str) -> LabelledReply:
    """One labelled line; raises ValueError saying what is wrong with it."""
    row = json.loads(line)
    if not isinstance(row, dict):
        raise ValueError("not a JSON object")
    text, elements = row.get("text"), row.get("elements")
    if not isinstance(text, str) or not isinstance(elements, list) or not all(isinstance(e, str) for e in elements):
        raise ValueError('"text" must be a string and "elements" a list of strings')
    customer = _customer(row.get("customer", {}))
    return LabelledReply(text, frozenset(elements), customer.get("name", ""), customer.get("preference", ""))


def read_labelled(path: Path) -> list[tuple[int, LabelledReply]]:
    """(line number, reply) for each non-blank line of a file; raises ValueError naming the file and line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, parse_labelled(line)))
        except ValueError as exc:
            raise ValueError(f"{path}:{number}: expected {LINE_FORMAT}: {exc}") from exc
    return rows


def set_name(path: Path) -> str:
    """The author's set a labelled file belongs to: dev5_store.jsonl and dev5_hard.jsonl are both set dev5."""
    return path.stem.split("_", 1)[0]


def set_order(name: str) -> tuple[str, int]:
    """Sort key that puts dev2 before dev10: the set's prefix, then its number (none counts as 0)."""
    prefix = name.rstrip("0123456789")
    return prefix, int(name[len(prefix) :] or 0)


def _customer(value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not set(value) <= {"name", "preference"}:
        raise ValueError('"customer" must be an object with only "name" and "preference"')
    if not all(isinstance(v, str) for v in value.values()):
        raise ValueError('"customer" name and preference must be strings')
    return value
