"""Problems found in script files, each with its file, line and field, and how to find a field's line."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml


class Severity(StrEnum):
    """Errors stop a library from loading; warnings flag weak content."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a script file."""

    path: Path
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def field_path(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a dotted path with list indexes: `scenarios[0].persona.name`."""
    parts: list[str] = []
    for part in loc:
        if part == "[key]":  # pydantic's marker for a bad mapping key: the key itself is the field
            continue
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + part)
    return "".join(parts)


def echoes_an_item(error: Mapping[str, Any], errors: Sequence[Mapping[str, Any]]) -> bool:
    """A list whose items failed also reports "at least 1 item after validation": that report is noise."""
    loc = error["loc"]
    return error["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in errors
    )


def line_of(root: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest node of `loc` that exists in the YAML document."""
    if root is None:
        return None
    node: yaml.Node = root
    for part in loc:
        child = _child(node, part)
        if child is None:
            break
        node = child
    return node.start_mark.line + 1


def _child(node: yaml.Node, part: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if str(key.value) == str(part):
                found: yaml.Node = value
                return found
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        child: yaml.Node = node.value[part]
        return child
    return None
