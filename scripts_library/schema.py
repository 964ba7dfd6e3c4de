"""The touchpoint script schema: what a YAML file in the library must contain."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from scripts_library.elements import ANTI_PATTERNS, Element


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Situation(StrEnum):
    """Whether the touchpoint is a routine moment or recovery from a service failure."""

    ROUTINE = "routine"
    RECOVERY = "recovery"


class Rubric(_Strict):
    """How a reply is judged: weighted required elements, critical ones, penalised anti-patterns."""

    pass_mark: int = Field(ge=1, le=100)
    required: dict[Element, int] = Field(min_length=1)
    critical: tuple[Element, ...] = ()
    anti_patterns: dict[Element, int] = Field(default_factory=dict)

    @field_validator("required")
    @classmethod
    def _weights_positive(cls, value: dict[Element, int]) -> dict[Element, int]:
        for element, weight in value.items():
            if element in ANTI_PATTERNS:
                raise ValueError(f"{element} is an anti-pattern; list it under anti_patterns")
            if weight <= 0:
                raise ValueError(f"weight of {element} must be positive")
        return value

    @field_validator("anti_patterns")
    @classmethod
    def _penalties(cls, value: dict[Element, int]) -> dict[Element, int]:
        for element, penalty in value.items():
            if element not in ANTI_PATTERNS:
                raise ValueError(f"{element} is not an anti-pattern; list it under required")
            if not 0 < penalty <= 100:
                raise ValueError(f"penalty of {element} must be between 1 and 100")
        return value

    @model_validator(mode="after")
    def _critical_are_required(self) -> Rubric:
        missing = [str(e) for e in self.critical if e not in self.required]
        if missing:
            raise ValueError(f"critical elements must also be required: {', '.join(missing)}")
        return self


class Persona(_Strict):
    """The customer the bot plays."""

    name: str = Field(min_length=1)
    mood: str = Field(min_length=1)
    description: str = ""
    # What a regular customer usually has; an employee who remembers it earns personalization.
    preference: str = ""


class CustomerTurn(_Strict):
    """One customer line; `react_if_missing` lines come first when the last reply left an element out."""

    say: str = Field(min_length=1)
    react_if_missing: dict[Element, str] = Field(default_factory=dict)


class Scenario(_Strict):
    """A situation to practise: a persona and one or more customer turns."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    persona: Persona
    turns: tuple[CustomerTurn, ...] = Field(min_length=1)


class TouchpointScript(_Strict):
    """Everything the brand wants said at one touchpoint, and how replies are judged."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    situation: Situation = Situation.ROUTINE
    description: str = ""
    model_lines: tuple[str, ...] = Field(min_length=1)
    rubric: Rubric
    scenarios: tuple[Scenario, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_scenarios(self) -> TouchpointScript:
        ids = [s.id for s in self.scenarios]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate scenario ids: {', '.join(dupes)}")
        return self

    def scenario(self, scenario_id: str | None) -> Scenario:
        """The named scenario, or the first one."""
        if scenario_id is None:
            return self.scenarios[0]
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        raise KeyError(scenario_id)

    def content_hash(self) -> str:
        """A hash of the content, stable across key order and formatting of the source file."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()
