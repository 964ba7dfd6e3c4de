"""The touchpoint script schema: what a YAML file in the library must contain."""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from scripts_library.elements import ANTI_PATTERNS, Element

ELEMENT_NAMES = frozenset(e.value for e in Element)
_ID = r"^[a-z0-9_]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Situation(StrEnum):
    """Whether the touchpoint is a routine moment or recovery from a service failure."""

    ROUTINE = "routine"
    RECOVERY = "recovery"


def _known_element(name: str, info: ValidationInfo) -> str:
    # With the file's brand element ids in the context, an unknown name is reported at its own key.
    brand_ids = (info.context or {}).get("brand_ids")
    if name not in ELEMENT_NAMES and brand_ids is not None and name not in brand_ids:
        known = ", ".join(sorted(ELEMENT_NAMES | set(brand_ids)))
        raise ValueError(f"unknown element {name!r}; known elements: {known}")
    return name


ElementName = Annotated[str, Field(pattern=_ID), AfterValidator(_known_element)]


class Rubric(_Strict):
    """How a reply is judged: required elements worth points, critical ones, penalised anti-patterns."""

    pass_mark: int = Field(ge=1, le=100)
    required: dict[ElementName, int] = Field(min_length=1)
    critical: tuple[ElementName, ...] = ()
    anti_patterns: dict[Element, int] = Field(default_factory=dict)

    @field_validator("required")
    @classmethod
    def _weights_positive(cls, value: dict[str, int]) -> dict[str, int]:
        for element, weight in value.items():
            if element in ANTI_PATTERNS:
                raise ValueError(f"{element} is an anti-pattern; list it under anti_patterns")
            if not 0 < weight <= 100:
                raise ValueError(f"weight of {element} must be between 1 and 100 points")
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


def _line_from_text(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class ModelLine(_Strict):
    """A line the brand would be proud of; lines suggested by staff carry their author's name."""

    text: str = Field(min_length=1)
    credit: str | None = None


class BrandElement(_Strict):
    """A brand's own element, e.g. a signature phrase, matched by phrases tolerant of inflection and typos."""

    id: str = Field(pattern=_ID)
    description: str = Field(min_length=1)
    hint: str = Field(min_length=1)
    phrases: tuple[str, ...] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _not_a_standard_element(cls, value: str) -> str:
        if value in ELEMENT_NAMES:
            raise ValueError(f"{value!r} is a standard element; give the brand element its own id")
        return value


class Persona(_Strict):
    """The customer the bot plays."""

    name: str = Field(min_length=1)
    mood: str = Field(min_length=1)
    description: str = ""
    # What a regular customer usually has; an employee who remembers it earns personalization.
    preference: str = ""


class CustomerTurn(_Strict):
    """One customer line; `react_if_missing` lines come first when earlier replies left an element out."""

    say: str = Field(min_length=1)
    react_if_missing: dict[ElementName, str] = Field(default_factory=dict)


class Scenario(_Strict):
    """A situation to practise: a persona and one or more customer turns."""

    id: str = Field(pattern=_ID)
    persona: Persona
    turns: tuple[CustomerTurn, ...] = Field(min_length=1)


class TouchpointScript(_Strict):
    """Everything the brand wants said at one touchpoint, and how replies are judged."""

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    situation: Situation = Situation.ROUTINE
    description: str = ""
    model_lines: tuple[Annotated[ModelLine, BeforeValidator(_line_from_text)], ...] = Field(min_length=1)
    brand_elements: tuple[BrandElement, ...] = ()
    rubric: Rubric
    scenarios: tuple[Scenario, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> TouchpointScript:
        _no_duplicates("scenario ids", [s.id for s in self.scenarios])
        _no_duplicates("brand element ids", [b.id for b in self.brand_elements])
        known = ELEMENT_NAMES | {b.id for b in self.brand_elements}
        used = [*self.rubric.required, *(e for s in self.scenarios for t in s.turns for e in t.react_if_missing)]
        unknown = sorted({e for e in used if e not in known})
        if unknown:
            raise ValueError(f"unknown elements: {', '.join(unknown)}")
        return self

    @property
    def brand(self) -> dict[str, BrandElement]:
        """The brand elements by id."""
        return {b.id: b for b in self.brand_elements}

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


def _no_duplicates(what: str, values: list[str]) -> None:
    dupes = sorted({v for v in values if values.count(v) > 1})
    if dupes:
        raise ValueError(f"duplicate {what}: {', '.join(dupes)}")


def validation_context(raw: dict[str, Any]) -> dict[str, Any]:
    """The context that lets unknown element names be reported at their own key."""
    brands = raw.get("brand_elements")
    ids = {b.get("id") for b in brands if isinstance(b, dict)} if isinstance(brands, list) else set()
    return {"brand_ids": frozenset(i for i in ids if isinstance(i, str))}
