"""The library as plain sheet rows and back, every problem named by sheet, row and column. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from scripts_library.elements import Element
from scripts_library.schema import Situation, TouchpointScript


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula rather than a value; never imported."""

    text: str


Cell = str | int | float | bool | Formula | None
Loc = tuple[int | str, ...]

SHEETS: dict[str, tuple[str, ...]] = {
    "touchpoints": ("id", "title", "channel", "situation", "description", "pass_mark"),
    "model_lines": ("touchpoint_id", "text", "credit"),
    "rubric_items": ("touchpoint_id", "element", "weight", "critical", "penalty"),
    "brand_elements": ("touchpoint_id", "id", "description", "hint", "phrases"),
    "scenarios": ("touchpoint_id", "scenario_id", "persona_name", "mood", "description", "preference"),
    "turns": ("touchpoint_id", "scenario_id", "turn", "say"),
    "reactions": ("touchpoint_id", "scenario_id", "turn", "element", "line"),
}
# Columns whose values come from a fixed list, by the name of the list (see choice_lists).
CHOICES: dict[tuple[str, str], str] = {
    ("touchpoints", "situation"): "situation",
    ("rubric_items", "element"): "element",
    ("rubric_items", "critical"): "yes_no",
    ("reactions", "element"): "element",
}
PHRASE_SEPARATOR = " | "


@dataclass(frozen=True)
class SheetData:
    """One sheet as read: its header cells and its data rows with their sheet row numbers."""

    name: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in a workbook, at a sheet and, where known, a row and a column."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = (
            self.sheet + (f" row {self.row}" if self.row else "") + (f", column {self.column}" if self.column else "")
        )
        return f"{where}: {self.message}"


def choice_lists(library: Mapping[str, TouchpointScript]) -> dict[str, tuple[str, ...]]:
    """The dropdown lists: the standard elements plus every brand element id, situations, yes/no."""
    brand = sorted({b.id for script in library.values() for b in script.brand_elements})
    return {
        "element": (*(e.value for e in Element), *brand),
        "situation": tuple(s.value for s in Situation),
        "yes_no": ("yes", "no"),
    }


def library_rows(library: Mapping[str, TouchpointScript]) -> dict[str, list[tuple[Cell, ...]]]:
    """Every sheet's rows (without the header) for the library, in library order."""
    rows: dict[str, list[tuple[Cell, ...]]] = {name: [] for name in SHEETS}
    for s in library.values():
        rubric = s.rubric
        rows["touchpoints"].append((s.id, s.title, s.channel, s.situation.value, s.description, rubric.pass_mark))
        rows["model_lines"] += [(s.id, line.text, line.credit) for line in s.model_lines]
        # Critical elements first, in their order: the order of `critical` is part of the content.
        ordered = [*rubric.critical, *(e for e in rubric.required if e not in rubric.critical)]
        rows["rubric_items"] += [
            (s.id, e, rubric.required[e], "yes" if e in rubric.critical else "no", None) for e in ordered
        ]
        rows["rubric_items"] += [(s.id, e.value, None, "no", p) for e, p in rubric.anti_patterns.items()]
        rows["brand_elements"] += [
            (s.id, b.id, b.description, b.hint, PHRASE_SEPARATOR.join(b.phrases)) for b in s.brand_elements
        ]
        for c in s.scenarios:
            p = c.persona
            rows["scenarios"].append((s.id, c.id, p.name, p.mood, p.description, p.preference))
            for number, turn in enumerate(c.turns, start=1):
                rows["turns"].append((s.id, c.id, number, turn.say))
                rows["reactions"] += [(s.id, c.id, number, e, line) for e, line in turn.react_if_missing.items()]
    return rows


def changed_scripts(
    current: Mapping[str, TouchpointScript], imported: Mapping[str, TouchpointScript]
) -> list[TouchpointScript]:
    """The imported scripts that are new or whose content differs from the current library."""
    return [s for key, s in imported.items() if key not in current or current[key].content_hash() != s.content_hash()]
