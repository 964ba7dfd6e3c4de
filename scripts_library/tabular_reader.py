"""Reads sheet rows back into scripts, naming every problem by sheet, row and column. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from scripts_library.elements import ANTI_PATTERNS
from scripts_library.problems import echoes_an_item
from scripts_library.schema import ELEMENT_NAMES, TouchpointScript, validation_context
from scripts_library.tabular import PHRASE_SEPARATOR, SHEETS, Cell, CellProblem, Formula, Loc, SheetData


def library_from_sheets(sheets: Mapping[str, SheetData]) -> tuple[dict[str, TouchpointScript], list[CellProblem]]:
    """The scripts the sheets describe, or no scripts and every problem found."""
    problems = [
        CellProblem(name, None, None, f"the sheet is missing; a library workbook has the sheets {', '.join(SHEETS)}")
        for name in SHEETS
        if name not in sheets
    ]
    for name, sheet in ((name, sheets[name]) for name in SHEETS if name in sheets):
        header = {str(h).strip().lower() for h in sheet.header if h is not None}
        problems += [
            CellProblem(name, 1, c, "no such column in the header row") for c in SHEETS[name] if c not in header
        ]
    if problems:
        return {}, problems
    reader = _Reader(sheets)
    scripts = reader.read()
    order = {name: (i, {c: j for j, c in enumerate(columns)}) for i, (name, columns) in enumerate(SHEETS.items())}
    problems = sorted(
        reader.problems, key=lambda p: (order[p.sheet][0], p.row or 0, order[p.sheet][1].get(p.column or "", -1))
    )
    return ({}, problems) if problems else (scripts, [])


@dataclass
class _Row:
    sheet: str
    number: int
    cells: dict[str, Cell]
    problems: list[CellProblem]
    failed: bool = False

    def fail(self, column: str, message: str) -> None:
        self.failed = True
        self.problems.append(CellProblem(self.sheet, self.number, column, message))

    def text(self, column: str) -> str | None:
        value = self.cells[column]
        if isinstance(value, Formula):
            self.fail(column, "the cell holds a formula; type plain text (start with ' to keep a leading =)")
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return None if value is None or value == "" else str(value)

    def key(self, column: str) -> str | None:
        value = (self.text(column) or "").strip()
        if not value and not isinstance(self.cells[column], Formula):
            self.fail(column, f"{column} is required")
        return value or None

    def whole(self, column: str, low: int, high: int | None = None, unit: str = "") -> int | None:
        value = self.cells[column]
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(column, f"{column} must be a whole number")
        elif value < low or (high is not None and value > high):
            self.fail(column, f"{column} must be " + (f"between {low} and {high}{unit}" if high else f"{low} or more"))
        else:
            return value
        return None

    def yes(self, column: str) -> bool:
        value = self.cells[column]
        answer = value.strip().lower() if isinstance(value, str) else value
        if answer not in (None, "", "no", False, "yes", True):
            self.fail(column, f"{column} must be yes or no")
        return answer in ("yes", True)


@dataclass(frozen=True)
class _Source:
    """The row a part of the raw script came from; its fields' columns, and the column for the part itself."""

    row: _Row
    column: str
    columns: Mapping[str, str] = field(default_factory=dict)


@dataclass
class _Touchpoint:
    raw: dict[str, Any]
    sources: dict[Loc, _Source] = field(default_factory=dict)
    turns: dict[tuple[str, int], tuple[_Row, dict[str, Any], dict[str, _Row]]] = field(default_factory=dict)
    failed: bool = False

    def locate(self, loc: Loc) -> tuple[_Row, str]:
        """The row and column a pydantic error location came from: its deepest known part."""
        for end in range(len(loc), -1, -1):
            source = self.sources.get(loc[:end])
            if source is not None:
                rest = str(loc[end]) if end < len(loc) else ""
                own = rest if rest in SHEETS[source.row.sheet] else source.column
                return source.row, source.columns.get(rest, own)
        raise KeyError(loc)  # unreachable: every touchpoint has a source for ()


_PERSONA = {"name": "persona_name", "mood": "mood", "description": "description", "preference": "preference"}
# What an empty list means, said at the row that should have had rows elsewhere.
_EMPTY = {
    "model_lines": "it has no rows on the model_lines sheet",
    "scenarios": "it has no rows on the scenarios sheet",
    "required": "it has no rows with a weight on the rubric_items sheet",
    "turns": "it has no rows on the turns sheet",
    "phrases": f"give at least one phrase; separate phrases with {PHRASE_SEPARATOR.strip()}",
}


class _Reader:
    """Reads the rows into raw script data, remembering the cell each part came from, then validates it."""

    def __init__(self, sheets: Mapping[str, SheetData]) -> None:
        self.problems: list[CellProblem] = []
        self.sheets = sheets
        self.touchpoints: dict[str, _Touchpoint] = {}
        self.seen: dict[tuple[Any, ...], int] = {}

    def rows(self, name: str) -> Iterator[_Row]:
        sheet = self.sheets[name]
        index = {str(h).strip().lower(): i for i, h in enumerate(sheet.header) if h is not None}
        for number, values in sheet.rows:
            cells = {c: values[index[c]] if index[c] < len(values) else None for c in SHEETS[name]}
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in cells.values()):
                yield _Row(name, number, cells, self.problems)

    def unique(self, row: _Row, column: str, *key: Any) -> bool:
        first = self.seen.setdefault((row.sheet, column, *key), row.number)
        if first != row.number:
            row.fail(column, f"{key[-1]} is already on row {first}")
        return first == row.number

    def read(self) -> dict[str, TouchpointScript]:
        for row in self.rows("touchpoints"):
            self.touchpoint(row)
        # Brand elements before rubric items, which may name them.
        readers = (self.model_line, self.brand_element, self.rubric_item, self.scenario, self.turn, self.reaction)
        names = ("model_lines", "brand_elements", "rubric_items", "scenarios", "turns", "reactions")
        for name, read in zip(names, readers, strict=True):
            for row in self.rows(name):
                touchpoint_id = row.key("touchpoint_id")
                touchpoint = self.touchpoints.get(touchpoint_id or "")
                if touchpoint is None and touchpoint_id:
                    row.fail(
                        "touchpoint_id", f"unknown touchpoint {touchpoint_id!r}: it is not on the touchpoints sheet"
                    )
                if touchpoint is not None:
                    read(row, touchpoint)
                    touchpoint.failed |= row.failed
        return {key: script for key, tp in self.touchpoints.items() if (script := self.validate(tp)) is not None}

    def touchpoint(self, row: _Row) -> None:
        key, pass_mark = row.key("id"), row.whole("pass_mark", 1, 100)
        if key is None or not self.unique(row, "id", key):
            return
        texts = {c: row.text(c) for c in ("title", "channel", "situation", "description")}
        rubric: dict[str, Any] = {"required": {}, "critical": [], "anti_patterns": {}, "pass_mark": pass_mark}
        raw: dict[str, Any] = {"id": key, **texts, "description": texts["description"] or "", "rubric": rubric}
        raw |= {"model_lines": [], "brand_elements": [], "scenarios": []}
        touchpoint = self.touchpoints[key] = _Touchpoint(raw, failed=row.failed)
        touchpoint.sources[()] = touchpoint.sources[("rubric", "required")] = _Source(row, "id")
        touchpoint.sources[("rubric",)] = _Source(row, "pass_mark")

    def model_line(self, row: _Row, touchpoint: _Touchpoint) -> None:
        lines = touchpoint.raw["model_lines"]
        touchpoint.sources[("model_lines", len(lines))] = _Source(row, "text")
        lines.append({"text": row.text("text") or "", "credit": row.text("credit")})

    def brand_element(self, row: _Row, touchpoint: _Touchpoint) -> None:
        brands, key = touchpoint.raw["brand_elements"], row.key("id")
        if key is not None and self.unique(row, "id", touchpoint.raw["id"], key):
            phrases = [p.strip() for p in (row.text("phrases") or "").split("|") if p.strip()]
            touchpoint.sources[("brand_elements", len(brands))] = _Source(row, "id")
            brands.append({"id": key, "phrases": phrases} | {c: row.text(c) or "" for c in ("description", "hint")})

    def rubric_item(self, row: _Row, touchpoint: _Touchpoint) -> None:
        rubric, element, critical = touchpoint.raw["rubric"], row.key("element"), row.yes("critical")
        weight, penalty = row.whole("weight", 1, 100, " points"), row.whole("penalty", 1, 100, " points")
        if element is None or not self.unique(row, "element", touchpoint.raw["id"], element) or row.failed:
            return
        known = element in ELEMENT_NAMES or element in {b["id"] for b in touchpoint.raw["brand_elements"]}
        if weight is not None and penalty is not None:
            row.fail("penalty", "give a weight (an element to say) or a penalty (an anti-pattern), not both")
        elif weight is None and penalty is None:
            row.fail("weight", "give a weight (an element to say) or a penalty (an anti-pattern)")
        elif weight is not None and element in ANTI_PATTERNS:
            row.fail("weight", f"{element} is an anti-pattern: give it a penalty, not a weight")
        elif penalty is not None and element not in ANTI_PATTERNS:
            anti = ", ".join(sorted(ANTI_PATTERNS))
            row.fail("element", f"{element} is not an anti-pattern" if known else f"unknown anti-pattern; use {anti}")
        elif penalty is not None and critical:
            row.fail("critical", "an anti-pattern cannot be critical")
        else:
            part, column = ("required", "weight") if weight is not None else ("anti_patterns", "penalty")
            rubric[part][element] = weight if weight is not None else penalty
            touchpoint.sources[("rubric", part, element)] = _Source(row, column, {"[key]": "element"})
            if critical:
                touchpoint.sources[("rubric", "critical", len(rubric["critical"]))] = _Source(row, "critical")
                rubric["critical"].append(element)

    def scenario(self, row: _Row, touchpoint: _Touchpoint) -> None:
        scenarios, key = touchpoint.raw["scenarios"], row.key("scenario_id")
        if key is not None and self.unique(row, "scenario_id", touchpoint.raw["id"], key):
            touchpoint.sources[("scenarios", len(scenarios))] = _Source(row, "scenario_id", {"id": "scenario_id"})
            touchpoint.sources[("scenarios", len(scenarios), "persona")] = _Source(row, "persona_name", _PERSONA)
            persona = {name: row.text(column) or "" for name, column in _PERSONA.items()}
            scenarios.append({"id": key, "persona": persona, "turns": []})

    def turn_key(self, row: _Row, touchpoint: _Touchpoint) -> tuple[str, int] | None:
        scenario_id, number = row.key("scenario_id"), row.whole("turn", 1)
        if scenario_id is not None and scenario_id not in {s["id"] for s in touchpoint.raw["scenarios"]}:
            row.fail("scenario_id", f"unknown scenario {scenario_id!r}: it is not on the scenarios sheet")
        return None if row.failed or scenario_id is None or number is None else (scenario_id, number)

    def turn(self, row: _Row, touchpoint: _Touchpoint) -> None:
        key = self.turn_key(row, touchpoint)
        if key is not None and self.unique(row, "turn", touchpoint.raw["id"], *key):
            touchpoint.turns[key] = (row, {"say": row.text("say") or "", "react_if_missing": {}}, {})

    def reaction(self, row: _Row, touchpoint: _Touchpoint) -> None:
        key, element = self.turn_key(row, touchpoint), row.key("element")
        if key is None or element is None:
            return
        turn = touchpoint.turns.get(key)
        if turn is None:
            row.fail("turn", f"scenario {key[0]} has no turn {key[1]} on the turns sheet")
        elif self.unique(row, "element", touchpoint.raw["id"], *key, element):
            turn[1]["react_if_missing"][element] = row.text("line") or ""
            turn[2][element] = row

    def validate(self, touchpoint: _Touchpoint) -> TouchpointScript | None:
        for s, scenario in enumerate(touchpoint.raw["scenarios"]):
            numbers = sorted(n for scenario_id, n in touchpoint.turns if scenario_id == scenario["id"])
            for t, number in enumerate(numbers):
                row, turn, reactions = touchpoint.turns[(scenario["id"], number)]
                touchpoint.sources[("scenarios", s, "turns", t)] = _Source(row, "say")
                for element, reaction in reactions.items():
                    loc = ("scenarios", s, "turns", t, "react_if_missing", element)
                    touchpoint.sources[loc] = _Source(reaction, "line", {"[key]": "element"})
                scenario["turns"].append(turn)
        raw = touchpoint.raw
        try:
            return TouchpointScript.model_validate(raw, context=validation_context(raw))
        except ValidationError as exc:
            errors = exc.errors()
            seen = {key for p in self.problems for key in ((p.sheet, p.row, p.column), (p.sheet, p.row, p.message))}
            for error in errors:
                problem = _problem(touchpoint, error)
                keys = {(problem.sheet, problem.row, problem.column), (problem.sheet, problem.row, problem.message)}
                # Say nothing twice, and don't say a list is empty because its bad rows or items were left out.
                if not keys & seen and not (
                    error["type"] == "too_short" and (touchpoint.failed or echoes_an_item(error, errors))
                ):
                    self.problems.append(problem)
                    seen |= keys
            return None


def _problem(touchpoint: _Touchpoint, error: ErrorDetails) -> CellProblem:
    row, column = touchpoint.locate(error["loc"])
    last = str(error["loc"][-1]) if error["loc"] else ""
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] in ("missing", "string_too_short") or error.get("input", "") is None:
        message = f"{column} is required"
    elif error["type"] == "string_pattern_mismatch":
        message = f"{column} may only hold lower-case letters, digits and underscores, like late_delivery"
    elif error["type"] == "too_short" and last in _EMPTY:
        message = _EMPTY[last]
    return CellProblem(row.sheet, row.number, column, message)
